import type { RangeClaim } from '../types.js';
import type { OsvEvent, OsvRange } from './schemas.js';

// OSV events (introduced / fixed / last_affected / limit) reduced to one bound per interval.

interface Interval {
  introduced?: string;
  fixed?: string;
  lastAffected?: string;
}

/**
 * Splits an event list into intervals in the order written: each introduced opens one and the
 * next upper bound closes it. An upper bound before any introduced counts from the first version;
 * a second upper bound after a closed interval (fixed, then limit) adds nothing.
 */
export function intervalsOf(events: readonly OsvEvent[]): Interval[] {
  const out: Interval[] = [];
  let open: Interval | undefined;
  for (const e of events) {
    if (e.introduced !== undefined) {
      if (open !== undefined) out.push(open);
      open = { introduced: e.introduced };
      continue;
    }
    if (open === undefined && out.length > 0) continue;
    // limit bounds the search for affected versions from above: for ordered versions, an exclusive upper bound.
    const fixed = e.fixed ?? e.limit;
    out.push({
      ...open,
      ...(fixed !== undefined ? { fixed } : {}),
      ...(e.last_affected !== undefined ? { lastAffected: e.last_affected } : {}),
    });
    open = undefined;
  }
  if (open !== undefined) out.push(open);
  return out;
}

/** Range claims for one OSV range; undefined for a range type the contract cannot express. */
export function rangeClaims(range: OsvRange): RangeClaim[] | undefined {
  const intervals = intervalsOf(range.events);
  if (range.type === 'GIT') {
    // Commit ranges need the repository history to evaluate; keep them readable for people.
    return intervals.map((i) => ({ kind: 'text', text: gitText(range.repo, i) }));
  }
  const scheme = range.type === 'SEMVER' ? 'semver' : range.type === 'ECOSYSTEM' ? 'ecosystem' : undefined;
  if (scheme === undefined) return undefined;
  return intervals.map((i): RangeClaim => {
    // "0" means "from the first version on": no lower bound.
    const introduced = i.introduced === '0' ? undefined : i.introduced;
    if (introduced === undefined && i.fixed === undefined && i.lastAffected === undefined) return { kind: 'all' };
    return {
      kind: 'bounds',
      scheme,
      ...(introduced !== undefined && { introduced }),
      ...(i.fixed !== undefined && { fixed: i.fixed }),
      ...(i.lastAffected !== undefined && { lastAffected: i.lastAffected }),
    };
  });
}

function gitText(repo: string | undefined, i: Interval): string {
  const parts = [
    i.introduced === undefined ? undefined : `introduced ${i.introduced === '0' ? '0 (all earlier commits)' : i.introduced}`,
    i.fixed === undefined ? undefined : `fixed ${i.fixed}`,
    i.lastAffected === undefined ? undefined : `last affected ${i.lastAffected}`,
  ].filter((p) => p !== undefined);
  return `git ${repo ?? '(repository not given)'}: ${parts.join(', ')}`;
}
