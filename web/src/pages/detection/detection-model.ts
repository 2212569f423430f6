// The detection pages' pure logic: the queue's filters in the URL, labels, and the alert's
// explanation in words (kept apart from React so that it can be tested and read on its own).
// The server's own types and constants, with extensions, so the console tests run this under Node.
import { alertSeverities, alertStatuses, type Alert, type AlertFilter as ServerAlertFilter, type AlertSeverity, type AlertStatus } from '../../../../src/modules/detection/types.js';

type AlertFilter = Omit<ServerAlertFilter, 'limit' | 'cursor' | 'orgId'>;

export const statusLabels: Readonly<Record<AlertStatus, string>> = {
  new: 'New',
  acknowledged: 'Acknowledged',
  in_progress: 'In progress',
  resolved: 'Resolved',
  false_positive: 'False positive',
};

/** The queue's time presets: how far back the alert's last activity may lie. */
export const sincePresets = [
  { key: '', label: 'Any time', hours: 0 },
  { key: '24h', label: 'Last 24 hours', hours: 24 },
  { key: '7d', label: 'Last 7 days', hours: 24 * 7 },
  { key: '30d', label: 'Last 30 days', hours: 24 * 30 },
] as const;
export type SincePreset = (typeof sincePresets)[number]['key'];

/** The queue's state as the URL keeps it (so a view is a link too). */
export interface QueueState {
  readonly status: AlertStatus | '';
  readonly severity: AlertSeverity | '';
  readonly technique: string;
  readonly ruleId: string;
  readonly assetId: string;
  readonly since: SincePreset;
}

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | '' => (v !== null && (values as readonly string[]).includes(v) ? (v as T) : '');

export function readQueueState(params: URLSearchParams): QueueState {
  const since = params.get('since') ?? '';
  return {
    status: oneOf(alertStatuses, params.get('status')),
    severity: oneOf(alertSeverities, params.get('severity')),
    technique: params.get('technique') ?? '',
    ruleId: params.get('rule') ?? '',
    assetId: params.get('asset') ?? '',
    since: sincePresets.some((p) => p.key === since) ? (since as SincePreset) : '',
  };
}

export function queueSearch(state: QueueState): string {
  const params = new URLSearchParams();
  const put = (key: string, value: string) => {
    if (value !== '') params.set(key, value);
  };
  put('status', state.status);
  put('severity', state.severity);
  put('technique', state.technique.trim().toUpperCase());
  put('rule', state.ruleId);
  put('asset', state.assetId);
  put('since', state.since);
  return params.toString();
}

/** A technique id as the API takes it, or '' while what was typed is not one yet. */
export const techniqueId = (text: string): string => (/^T\d{4}(\.\d{3})?$/i.test(text.trim()) ? text.trim().toUpperCase() : '');

/** The API filter of a queue state, the time preset resolved against `now`. */
export function filterOf(state: QueueState, now: number): AlertFilter {
  const hours = sincePresets.find((p) => p.key === state.since)?.hours ?? 0;
  const technique = techniqueId(state.technique);
  return {
    ...(state.status === '' ? {} : { status: state.status }),
    ...(state.severity === '' ? {} : { severity: state.severity }),
    ...(technique === '' ? {} : { technique }),
    ...(state.ruleId === '' ? {} : { ruleId: state.ruleId }),
    ...(state.assetId === '' ? {} : { assetId: state.assetId }),
    ...(hours === 0 ? {} : { from: new Date(now - hours * 3_600_000).toISOString() }),
  };
}

/** A saved view keeps the filters but not the time: a view opened next week shows next week’s alerts. */
export function viewFilterOf(state: QueueState): AlertFilter {
  const { from: _from, ...rest } = filterOf(state, 0);
  return rest;
}

export function stateOfView(filter: AlertFilter): QueueState {
  return {
    status: filter.status ?? '',
    severity: filter.severity ?? '',
    technique: filter.technique ?? '',
    ruleId: filter.ruleId ?? '',
    assetId: filter.assetId ?? '',
    since: '',
  };
}

/** What an entity names, in words: `asset:ID` is resolved by the page; addresses and hosts are said as they are. */
export function entityText(entity: string): string {
  const [kind, ...rest] = entity.split(':');
  const value = rest.join(':');
  if (kind === 'ip') return `the address ${value}`;
  if (kind === 'host') return `the host ${value}`;
  if (kind === 'asset') return 'the asset';
  return 'the organisation as a whole';
}

/** Why a technique matters in a plant, in our words, for the techniques the rule pack covers most. */
const consequences: Readonly<Record<string, string>> = {
  T0843: 'A program download replaces the logic a controller runs: the process may behave in ways the operators did not design.',
  T0845: 'A program upload copies the controller’s logic out, which is how an adversary learns the process before changing it.',
  T0858: 'Changing a controller’s operating mode (stop, program, run) can halt the process or open it to program changes.',
  T0816: 'Restarting or shutting down a device interrupts control and visibility of the process it serves.',
  T0836: 'Modified parameters (set points, limits, registers) change how the process runs, possibly beyond safe limits.',
  T0855: 'A command message from a host that should not send it may operate equipment outside the operators’ control.',
  T0814: 'A denial of service leaves operators unable to see or control the devices affected.',
  T0846: 'Remote system discovery maps the control network: often the first step of an intrusion.',
  T0888: 'Reading device identity (vendor, model, firmware) tells an adversary which vulnerabilities and tools fit.',
  T0861: 'Point and tag identification tells an adversary which values control which part of the process.',
  T0839: 'Module firmware changes can persist below the program and survive a controller reload.',
  T0857: 'Firmware changes can persist below the program and survive a controller reload.',
  T0804: 'Blocked reporting messages hide the true state of the process from operators.',
  T0856: 'Spoofed reporting messages show operators a state of the process that is not true.',
  T0831: 'Manipulation of control changes what the process does while it appears normal.',
  T0806: 'Brute-force I/O repeatedly changes outputs, which can wear or damage equipment.',
  T0848: 'A rogue master issues commands as if it were the legitimate control server.',
  T0830: 'An adversary in the middle can read and alter traffic between control devices.',
  T0864: 'A transient cyber asset (a laptop, a new host) brings what it carries into the control network.',
  T0869: 'Commands over a standard application protocol blend into normal traffic.',
  T0886: 'Remote services give interactive access to hosts in the control network.',
};

export function whyItMatters(techniques: readonly string[], severity: AlertSeverity): string {
  const said = techniques.map((t) => consequences[t.split('.')[0] ?? t]).filter((c): c is string => c !== undefined);
  const base = said.length > 0 ? said.join(' ') : 'The rule’s author judged this activity worth a person’s look.';
  const weight = severity === 'critical' || severity === 'high' ? ' Its severity is high: look at it first.' : '';
  return `${base}${weight}`;
}

export interface Explanation {
  readonly what: string;
  readonly why: string;
  readonly normal: string;
}

/** The alert in words. `similar` are other alerts of the same rule or technique (the similar list). */
export function explain(alert: Alert, assetName: string | null, similar: readonly Alert[]): Explanation {
  const about = assetName === null ? entityText(alert.entity) : `the asset ${assetName}`;
  const times = alert.count === 1 ? 'once' : `${alert.count} times`;
  const span = alert.firstSeen === alert.lastSeen ? `at ${new Date(alert.firstSeen).toUTCString()}` : `between ${new Date(alert.firstSeen).toUTCString()} and ${new Date(alert.lastSeen).toUTCString()}`;
  const selections = alert.selections.length === 0 ? '' : ` (matching on ${alert.selections.join(', ')})`;
  const what = `The rule “${alert.ruleTitle}” matched events about ${about} ${times}, ${span}${selections}.`;
  const sameHere = similar.filter((s) => s.ruleId === alert.ruleId && s.entity === alert.entity);
  const dismissed = sameHere.filter((s) => s.status === 'false_positive').length;
  let normal: string;
  if (sameHere.length === 0) normal = `This rule has not fired about ${about} before: the activity is new here.`;
  else {
    normal = `This rule fired about ${about} ${sameHere.length === 1 ? 'once' : `${sameHere.length} times`} before`;
    normal += dismissed > 0 ? `, and ${dismissed} of those alerts were marked false positives: it may be routine here.` : '; none was marked a false positive.';
  }
  return { what, why: whyItMatters(alert.techniques, alert.severity), normal };
}

/** Where line `line`, column `column` (both from 1) lie in `text`: the workbench puts the caret on a problem. */
export function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < Math.min(line - 1, lines.length); i++) offset += (lines[i]?.length ?? 0) + 1;
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

/** Bands of a count for the heat maps: 0, 1, 2–3, 4–9, 10 or more; each one step darker on a single-hue scale. */
export function band(n: number): 0 | 1 | 2 | 3 | 4 {
  if (n <= 0) return 0;
  if (n === 1) return 1;
  if (n <= 3) return 2;
  if (n <= 9) return 3;
  return 4;
}
