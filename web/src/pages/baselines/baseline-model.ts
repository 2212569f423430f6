// Words and numbers the baselines' pages show: zone names, learning progress, what an item holds.
import type { BaselineItem, BaselineSummary } from '../../api/baselines';

export const zoneName = (b: Pick<BaselineSummary, 'zone'>) => (b.zone === '' ? 'Whole organisation (no zone)' : b.zone);
export const percent = (p: number) => `${Math.floor(p * 100)} %`;
export const learningPeriod = (ms: number) => (ms % 86_400_000 === 0 ? `${ms / 86_400_000} days` : `${Math.round((ms / 3_600_000) * 100) / 100} h`);
export const itemTotal = (b: BaselineSummary) => Object.values(b.items).reduce((a, n) => a + n, 0);

export const kindLabels: Readonly<Record<string, string>> = {
  host: 'Host',
  hostmac: 'IP and MAC',
  pair: 'Talker pair',
  protocol: 'Protocol',
  operation: 'Operation class',
  function: 'Function',
  range: 'Address range',
  polling: 'Polling period',
  'new-host': 'New host',
  'host-mac': 'New MAC for a known IP',
  'new-pair': 'New talker pair',
  'new-protocol': 'New protocol',
  'new-operation': 'New operation class',
  'new-function': 'New function code',
  'new-range': 'Address outside the range',
};

export function itemDetail(i: BaselineItem): string {
  if (i.kind === 'range' && i.lo !== null && i.hi !== null) return `${i.lo}–${i.hi}`;
  if (i.interval !== null && i.interval.n > 0) return `every ${Math.round(i.interval.meanMs)} ms ± ${Math.round(i.interval.jitterMs)} ms (${i.interval.n} intervals)`;
  return '';
}

export function stateText(b: BaselineSummary): string {
  return b.state === 'active' ? 'Active' : `Learning, ${percent(b.progress)}`;
}
