import { Suspense } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { canWrite, useMe } from '../../session/session-context';

interface Tab {
  readonly to: string;
  readonly label: string;
  /** Other paths under which the tab counts as the current one. */
  readonly also?: readonly string[];
  readonly writersOnly?: boolean;
}

const tabs: readonly Tab[] = [
  { to: '/knowledge', label: 'Search', also: ['/knowledge/vulnerabilities/'] },
  { to: '/knowledge/vendors', label: 'Vendors', also: ['/knowledge/products'] },
  { to: '/knowledge/attack', label: 'ATT&CK for ICS' },
  { to: '/knowledge/imports', label: 'Imports' },
  { to: '/knowledge/submit', label: 'Submit', writersOnly: true },
];

/** The knowledge base's own tabs above each of its pages; pages load on first visit. */
export function KnowledgeLayout() {
  const me = useMe();
  const { pathname } = useLocation();
  const current = (tab: Tab) =>
    pathname === tab.to || (tab.to !== '/knowledge' && pathname.startsWith(`${tab.to}/`)) || (tab.also ?? []).some((p) => pathname.startsWith(p));
  return (
    <>
      <nav className="subnav" aria-label="Knowledge base" data-testid="kb-subnav">
        <span className="subnav-title">Knowledge base</span>
        {tabs
          .filter((tab) => tab.writersOnly !== true || canWrite(me.role))
          .map((tab) => (
            <NavLink key={tab.to} to={tab.to} end className={() => (current(tab) ? 'subnav-link active' : 'subnav-link')} aria-current={current(tab) ? 'page' : undefined}>
              {tab.label}
            </NavLink>
          ))}
      </nav>
      <Suspense fallback={<p className="muted page-loading">Loading…</p>}>
        <Outlet />
      </Suspense>
    </>
  );
}
