// The one place that talks to the Sigma engine (./sigma): parse a text into stored documents, compile a
// set of stored documents into a matcher and a correlator, and turn its problems into ours.
import { parseAllDocuments } from 'yaml';
import { compileRules, createCorrelator, parseSigma, type Correlator } from './sigma/index.js';
import type { CorrelationHit, CorrelationRule, RuleHit, SigmaFilter, SigmaProblem, SigmaRule } from './sigma/types.js';
import type { SensedEvent } from '../sensing/index.js';
import { ruleLevels, type DetectionRule, type RuleKind, type RuleLevel, type RuleProblem } from './types.js';

/** A document as it is stored: its own text (or the whole file's when documents depend on each other). */
export type ParsedDocument = Pick<DetectionRule, 'kind' | 'sigmaId' | 'title' | 'level' | 'status' | 'tags' | 'techniques' | 'logsource' | 'source'>;

export interface ParsedText {
  readonly documents: readonly ParsedDocument[];
  readonly problems: readonly RuleProblem[];
  /** True when no problem is an error. */
  readonly valid: boolean;
}

type AnyDocument = SigmaRule | CorrelationRule | SigmaFilter;

const toProblem = (p: SigmaProblem, file: string | undefined): RuleProblem => ({ file: p.file ?? file, path: p.path, line: p.line, column: p.column, message: p.message, severity: p.severity });

/** The rule's identity as the engine's hits name it: id, else name, else title. */
export const sigmaIdOf = (d: { id?: string | undefined; name?: string | undefined; title: string }): string => d.id ?? d.name ?? d.title;

function levelOf(d: AnyDocument): RuleLevel {
  const level = 'level' in d ? d.level : undefined;
  return level !== undefined && (ruleLevels as readonly string[]).includes(level) ? level : 'medium';
}

function describe(d: AnyDocument, source: string): ParsedDocument {
  const logsource = 'logsource' in d ? Object.fromEntries(Object.entries(d.logsource).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};
  return {
    kind: d.kind,
    sigmaId: sigmaIdOf(d),
    title: d.title,
    level: levelOf(d),
    status: 'status' in d ? (d.status ?? null) : null,
    tags: 'tags' in d ? d.tags : [],
    techniques: 'techniques' in d ? d.techniques : [],
    logsource,
    source,
  };
}

/**
 * Each YAML document's own text, when documents stand alone; the whole text for every document when
 * the file uses `action: global`/`repeat` (a document means nothing without the ones before it).
 */
function documentTexts(text: string): string[] | undefined {
  if (/^\s*action\s*:/m.test(text)) return undefined;
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return undefined;
  return docs.map((d) => text.slice(d.range[0], d.range[2]));
}

/** Parses a Sigma text (one or many documents) into what is stored, with every problem located. */
export function parseRuleText(text: string, file?: string): ParsedText {
  const parsed = parseSigma(text, file === undefined ? {} : { file });
  const problems = parsed.problems.map((p) => toProblem(p, file));
  const all: AnyDocument[] = [...parsed.rules, ...parsed.correlations, ...parsed.filters].sort((a, b) => a.pos.line - b.pos.line);
  const texts = documentTexts(text);
  const documents = all.map((d) => {
    // The document's own text when it parses alone into the same document.
    const own = texts?.find((t) => {
      const again = parseSigma(t);
      const only = [...again.rules, ...again.correlations, ...again.filters];
      return only.length === 1 && only[0] !== undefined && sigmaIdOf(only[0]) === sigmaIdOf(d) && again.problems.every((p) => p.severity !== 'error');
    });
    return describe(d, own ?? text);
  });
  return { documents, problems, valid: problems.every((p) => p.severity !== 'error') };
}

/** A stored document to compile: its text and which of the text's documents it is. */
export interface StoredDocument {
  readonly sigmaId: string;
  readonly kind: RuleKind;
  readonly source: string;
}

export interface CompiledSet {
  readonly rules: number;
  match(event: SensedEvent): readonly RuleHit[];
  /**
   * Correlation hits the rule hit completes (none without correlation rules). State is kept per
   * organisation of the event: one organisation's events never count in another's groups.
   */
  correlate(hit: RuleHit, event: SensedEvent): readonly CorrelationHit[];
  /**
   * Decides the windows with upper bounds (lt, lte, eq, neq) that have closed, in every organisation:
   * its clock is its latest event's time moved on by the wall time since that event came, so a stream
   * that stops (a lost poll, a silent PLC) still closes its windows. `wallNow` in epoch milliseconds.
   */
  flush(wallNow: number): readonly CorrelationHit[];
  /** Rules that only feed correlations (`generate: false`): their own hits raise nothing. */
  readonly correlationOnly: ReadonlySet<string>;
  readonly problems: readonly RuleProblem[];
}

/** Compiles stored documents (texts parsed once each) into one matcher and one correlator. */
export function compileDocuments(documents: readonly StoredDocument[]): CompiledSet {
  const byText = new Map<string, ReturnType<typeof parseSigma>>();
  const rules: SigmaRule[] = [];
  const correlations: CorrelationRule[] = [];
  const filters: SigmaFilter[] = [];
  for (const stored of documents) {
    let parsed = byText.get(stored.source);
    if (parsed === undefined) {
      parsed = parseSigma(stored.source);
      byText.set(stored.source, parsed);
    }
    const pick = <T extends AnyDocument>(list: readonly T[]) => list.find((d) => sigmaIdOf(d) === stored.sigmaId);
    if (stored.kind === 'rule') push(rules, pick(parsed.rules));
    else if (stored.kind === 'correlation') push(correlations, pick(parsed.correlations));
    else push(filters, pick(parsed.filters));
  }
  const compiled = compileRules(rules, { filters });
  // checked once for problems and the rules that only feed correlations; the state is per organisation
  const template = correlations.length === 0 ? undefined : createCorrelator(correlations);
  const clocks = new Map<string, { correlator: Correlator; eventTime: number; wallTime: number }>();
  return {
    rules: rules.length,
    match: (event) => compiled.matcher.match(event),
    correlate(hit, event) {
      if (template === undefined) return [];
      let clock = clocks.get(event.orgId);
      if (clock === undefined) clocks.set(event.orgId, (clock = { correlator: createCorrelator(correlations), eventTime: Number.NEGATIVE_INFINITY, wallTime: 0 }));
      const time = Date.parse(event.time);
      if (time > clock.eventTime) {
        clock.eventTime = time;
        clock.wallTime = Date.now();
      }
      return clock.correlator.observe(hit, event);
    },
    flush(wallNow) {
      const out: CorrelationHit[] = [];
      for (const clock of clocks.values()) {
        if (!Number.isFinite(clock.eventTime)) continue;
        const at = clock.eventTime + Math.max(0, wallNow - clock.wallTime);
        out.push(...clock.correlator.flush(new Date(at).toISOString()));
      }
      return out;
    },
    correlationOnly: template?.correlationOnly ?? new Set(),
    problems: [...compiled.problems, ...(template?.problems ?? [])].map((p) => toProblem(p, undefined)),
  };
}

function push<T>(into: T[], value: T | undefined): void {
  if (value !== undefined) into.push(value);
}

export type { CorrelationHit, RuleHit };

/** Parses and compiles a text without storing it: every problem with its line and column. */
export function validateText(text: string, file?: string): { valid: boolean; rules: number; problems: RuleProblem[] } {
  const parsed = parseRuleText(text, file);
  const compiled = parsed.valid ? compileDocuments(parsed.documents).problems.map((p) => ({ ...p, file })) : [];
  const problems = [...parsed.problems, ...compiled];
  return { valid: problems.every((p) => p.severity !== 'error'), rules: parsed.documents.length, problems };
}
