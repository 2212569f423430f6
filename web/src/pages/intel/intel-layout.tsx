import { Suspense } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import './intel.css';

interface Tab {
  readonly to: string;
  readonly label: string;
}

const tabs: readonly Tab[] = [
  { to: '/intel', label: 'Objects' },
  { to: '/intel/import', label: 'Import' },
  { to: '/intel/extract', label: 'Extract' },
  { to: '/intel/pattern', label: 'Pattern' },
  { to: '/intel/taxii', label: 'Collections' },
  { to: '/intel/feeds', label: 'Feeds' },
];

/** The intelligence module's tabs above each of its pages; an object's page counts as part of "Objects". */
export function IntelLayout() {
  const { pathname } = useLocation();
  const current = (tab: Tab) =>
    tab.to === '/intel' ? pathname === '/intel' || pathname === '/intel/' || pathname.startsWith('/intel/objects/') : pathname === tab.to || pathname.startsWith(`${tab.to}/`);
  return (
    <>
      <nav className="subnav" aria-label="Intelligence" data-testid="intel-subnav">
        <span className="subnav-title">Intelligence</span>
        {tabs.map((tab) => (
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
