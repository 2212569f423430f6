// Events posted to `rules test` as NDJSON: stored events as the API returns them, or drafts with only
// some properties (then the rest defaults and the object's own keys are the fields).
import { InputError } from '../../platform/errors.js';
import type { SensedEvent } from '../sensing/index.js';
import { compileDocuments, type StoredDocument } from './engine.js';
import type { RuleTestReport } from './types.js';

/** Most lines one test takes. */
export const MAX_TEST_EVENTS = 10_000;

const known = new Set(['id', 'time', 'receivedAt', 'orgId', 'tlp', 'sharedUpward', 'source', 'kind', 'severity', 'message', 'fields', 'assets', 'raw', 'rawTruncated', 'origin']);

export function parseTestEvents(text: string, orgId: string): { line: number; event: SensedEvent }[] {
  const out: { line: number; event: SensedEvent }[] = [];
  const lines = text.split(/\r?\n/);
  const bad: { path: string; message: string }[] = [];
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      bad.push({ path: `line ${i + 1}`, message: 'not JSON' });
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      bad.push({ path: `line ${i + 1}`, message: 'an event is a JSON object' });
      return;
    }
    out.push({ line: i + 1, event: eventOf(value as Record<string, unknown>, i + 1, orgId) });
  });
  if (bad.length > 0) throw new InputError('some event lines are not events', bad.slice(0, 20));
  if (out.length > MAX_TEST_EVENTS) throw new InputError(`at most ${MAX_TEST_EVENTS} events per test`, [{ path: 'events', message: `${out.length} lines` }]);
  return out;
}

const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);
const obj = (v: unknown): Record<string, unknown> | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

function eventOf(o: Record<string, unknown>, line: number, orgId: string): SensedEvent {
  const rest = Object.fromEntries(Object.entries(o).filter(([k]) => !known.has(k)));
  const now = new Date().toISOString();
  return {
    id: str(o['id'], `line-${line}`),
    time: str(o['time'], str(o['@timestamp'], now)),
    receivedAt: now,
    orgId,
    tlp: 'amber',
    sharedUpward: false,
    source: { type: 'import', id: 'rule-test', name: 'rule test' },
    kind: (str(o['kind'], 'log') as SensedEvent['kind']),
    severity: (str(o['severity'], 'info') as SensedEvent['severity']),
    message: str(o['message'], ''),
    fields: (obj(o['fields']) ?? rest) as SensedEvent['fields'],
    assets: (obj(o['assets']) ?? {}) as SensedEvent['assets'],
    raw: typeof o['raw'] === 'string' ? o['raw'] : null,
    rawTruncated: false,
    origin: { line },
  };
}

/** Runs the documents over NDJSON events: how many matched, and which (with the line each came from). */
export function runRuleTest(documents: readonly StoredDocument[], ndjson: string, orgId: string): RuleTestReport {
  const set = compileDocuments(documents);
  const matched: RuleTestReport['events'][number][] = [];
  for (const { line, event } of parseTestEvents(ndjson, orgId)) {
    const hits = set.match(event).map((h) => ({ ruleId: h.ruleId, title: h.title, selections: h.selections }));
    if (hits.length > 0) matched.push({ line, id: event.id, event, hits });
  }
  return { matches: matched.length, events: matched, problems: set.problems };
}
