import type { CaptureOperation } from '../../../api/types';

export interface Histogram {
  /** Bucket starts, microseconds since the epoch. */
  readonly starts: readonly number[];
  readonly widthUs: number;
  /** Per operation class, the operations (folded records weighted by count) in each bucket. */
  readonly series: ReadonlyMap<string, readonly number[]>;
}

// 1, 2 and 5 times a power of ten microseconds: bucket edges land on round times.
function niceWidth(rawUs: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(1, rawUs)));
  for (const step of [1, 2, 5, 10]) if (step * power >= rawUs) return step * power;
  return 10 * power;
}

/** Operations by class over time, in about `target` buckets of a round width. */
export function buildHistogram(records: readonly CaptureOperation[], target = 48): Histogram {
  if (records.length === 0) return { starts: [], widthUs: 1, series: new Map() };
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const r of records) {
    min = Math.min(min, r.timeUs);
    max = Math.max(max, r.timeUs);
  }
  const widthUs = niceWidth((max - min + 1) / target);
  const first = Math.floor(min / widthUs) * widthUs;
  const buckets = Math.floor((max - first) / widthUs) + 1;
  const starts = Array.from({ length: buckets }, (_, i) => first + i * widthUs);
  const series = new Map<string, number[]>();
  for (const r of records) {
    const row = series.get(r.operation) ?? new Array<number>(buckets).fill(0);
    const index = Math.min(buckets - 1, Math.floor((r.timeUs - first) / widthUs));
    row[index] = (row[index] ?? 0) + r.count;
    series.set(r.operation, row);
  }
  return { starts, widthUs, series };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Axis label of a bucket: only as precise as the bucket width needs. */
export function bucketLabel(startUs: number, widthUs: number, spanUs: number): string {
  const d = new Date(Math.floor(startUs / 1000));
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const withSeconds = widthUs < 60_000_000 ? `${time}:${pad(d.getSeconds())}` : time;
  const withMillis = widthUs < 1_000_000 ? `${withSeconds}.${pad(d.getMilliseconds(), 3)}` : withSeconds;
  return spanUs >= 86_400_000_000 ? `${d.getMonth() + 1}/${d.getDate()} ${withMillis}` : withMillis;
}

/** The bucket as API filter bounds, widened to whole milliseconds so no operation at its edges is lost. */
export function bucketRange(startUs: number, widthUs: number): { readonly from: string; readonly to: string } {
  return {
    from: new Date(Math.floor(startUs / 1000)).toISOString(),
    to: new Date(Math.ceil((startUs + widthUs) / 1000)).toISOString(),
  };
}
