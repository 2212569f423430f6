export interface NavItem {
  readonly to: string;
  readonly label: string;
  /** The second key of the `g …` shortcut that opens it. */
  readonly key: string;
  readonly adminOnly?: boolean;
}

export const navItems: readonly NavItem[] = [
  { to: '/', label: 'Overview', key: 'o' },
  { to: '/assets', label: 'Assets', key: 'a' },
  { to: '/exposures', label: 'Exposures', key: 'e' },
  { to: '/knowledge', label: 'Knowledge base', key: 'k' },
  { to: '/intel', label: 'Intelligence', key: 'i' },
  { to: '/events', label: 'Events', key: 'n' },
  { to: '/capture', label: 'Captures', key: 'c' },
  { to: '/detection', label: 'Detection', key: 't' },
  { to: '/baselines', label: 'Baselines', key: 'b' },
  { to: '/notifications', label: 'Notifications', key: 'f' },
  { to: '/sources', label: 'Sources', key: 'u' },
  { to: '/situation', label: 'Situation', key: 's' },
  { to: '/response', label: 'Response', key: 'r' },
  { to: '/governance', label: 'Governance', key: 'v' },
  { to: '/admin', label: 'Admin', key: 'd', adminOnly: true },
  { to: '/audit', label: 'Audit log', key: 'l', adminOnly: true },
];

/** True when `pathname` lies in the section `to` opens. */
export function inSection(to: string, pathname: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

const GAP = 2;

/** How many items fit in `available` pixels, keeping room for "More" when some do not. */
export function fittingCount(widths: readonly number[], moreWidth: number, available: number): number {
  const total = widths.reduce((sum, w) => sum + w + GAP, 0);
  if (total <= available) return widths.length;
  let used = moreWidth;
  let count = 0;
  for (const w of widths) {
    if (used + w + GAP > available) break;
    used += w + GAP;
    count += 1;
  }
  return count;
}
