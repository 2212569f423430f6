import { Suspense } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import './capture.css';

interface Tab {
  readonly to: string;
  readonly label: string;
}

const tabs: readonly Tab[] = [
  { to: '/capture', label: 'Capture jobs' },
  { to: '/capture/fingerprints', label: 'Fingerprint rules' },
];

/** The capture module's own tabs above each of its pages; a job's page counts as part of "Capture jobs". */
export function CaptureLayout() {
  const { pathname } = useLocation();
  const onRules = pathname.startsWith('/capture/fingerprints');
  const current = (tab: Tab) => (tab.to === '/capture/fingerprints' ? onRules : !onRules);
  return (
    <>
      <nav className="subnav" aria-label="Captures" data-testid="capture-subnav">
        <span className="subnav-title">Captures</span>
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
