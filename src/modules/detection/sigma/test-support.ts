// Test helpers: normalized events with only what a test cares about, and one-call rule matching.
import type { EventFields, SensedEvent, SourceType } from '../../sensing/index.js';
import { compileRules, type CompileOptions } from './compile.js';
import { parseSigma } from './parse-sigma.js';
import type { RuleHit } from './types.js';

export interface EventSpec {
  readonly id?: string;
  readonly time?: string;
  readonly message?: string;
  readonly fields?: EventFields;
  readonly sourceType?: SourceType;
  readonly stream?: string;
  readonly raw?: string;
}

let counter = 0;

export function sensedEvent(spec: EventSpec = {}): SensedEvent {
  counter += 1;
  const sourceType = spec.sourceType ?? 'sensor';
  return {
    id: spec.id ?? `e${counter}`,
    time: spec.time ?? '2026-01-05T10:00:00.000Z',
    receivedAt: spec.time ?? '2026-01-05T10:00:00.000Z',
    orgId: 'org',
    tlp: 'amber',
    sharedUpward: false,
    source: { type: sourceType, id: 'src', name: 'source' },
    kind: 'operation',
    severity: 'info',
    message: spec.message ?? '',
    fields: spec.fields ?? {},
    assets: {},
    raw: spec.raw ?? null,
    rawTruncated: false,
    origin: spec.stream !== undefined ? { stream: spec.stream } : {},
  };
}

/** Parses rule YAML (failing loudly on errors) and returns a function giving the hits for an event. */
export function ruleMatcher(yaml: string, options: CompileOptions = {}): (event: SensedEvent) => RuleHit[] {
  const parsed = parseSigma(yaml);
  const errors = parsed.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new Error(`rule has errors: ${JSON.stringify(errors)}`);
  const { matcher, problems } = compileRules(parsed.rules, { ...options, filters: [...(options.filters ?? []), ...parsed.filters] });
  if (problems.some((p) => p.severity === 'error')) throw new Error(`compile errors: ${JSON.stringify(problems)}`);
  return (event) => matcher.match(event);
}

/** A rule over `product: ics` with one selection given as YAML lines (indented under `selection:`). */
export function icsRule(selection: string, condition = 'selection'): string {
  return `title: test rule
id: 8c6b8a8e-3f0e-4a53-9d2c-1f5e7c0b9a10
logsource:
  product: ics
detection:
  selection:
${selection
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
  condition: ${condition}
level: high
tags:
  - attack.t0843
`;
}

/** An industrial operation event (product ics). */
export function icsEvent(fields: EventFields = {}, extra: Omit<EventSpec, 'fields'> = {}): SensedEvent {
  return sensedEvent({ ...extra, fields: { ...fields, ics: { protocol: 'modbus', operation: 'write', ...fields.ics } } });
}
