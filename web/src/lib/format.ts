const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function formatDateTime(iso: string | null): string {
  if (iso === null) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatDate(iso: string | null): string {
  if (iso === null) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateOnly.format(date);
}

export function formatCount(n: number): string {
  return n.toLocaleString();
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A duration for people: "4.52 s", "42 s", "2 min 59 s", "3 min", "1 h 5 min". The total is rounded
 * to the smallest unit shown before it is split, so no unit can read 60 ("2 min 60 s" for 179.79 s).
 */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 10) return `${seconds.toFixed(2)} s`;
  const wholeSeconds = Math.round(seconds);
  if (wholeSeconds < 60) return `${wholeSeconds} s`;
  if (wholeSeconds < 3600) {
    const s = wholeSeconds % 60;
    return s === 0 ? `${wholeSeconds / 60} min` : `${Math.floor(wholeSeconds / 60)} min ${s} s`;
  }
  const wholeMinutes = Math.round(seconds / 60);
  const m = wholeMinutes % 60;
  return m === 0 ? `${wholeMinutes / 60} h` : `${Math.floor(wholeMinutes / 60)} h ${m} min`;
}

/** The time between two ISO instants, as formatSeconds writes it; "—" when either is missing. */
export function formatDurationBetween(firstIso: string | null, lastIso: string | null): string {
  if (firstIso === null || lastIso === null) return '—';
  return formatSeconds(Math.max(0, (Date.parse(lastIso) - Date.parse(firstIso)) / 1000));
}
