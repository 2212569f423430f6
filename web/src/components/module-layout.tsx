import { Suspense } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router-dom';

export interface ModuleTab {
  readonly to: string;
  readonly label: string;
}

interface ModuleLayoutProps<T extends ModuleTab> {
  /** The module's name, shown before its tabs and naming the navigation. */
  readonly title: string;
  readonly testId: string;
  readonly tabs: readonly T[];
  /** Each module decides which tab its detail pages belong to. */
  readonly isCurrent: (tab: T, pathname: string) => boolean;
}

/** A module's own tabs above each of its pages; the pages load on first visit. */
export function ModuleLayout<T extends ModuleTab>({ title, testId, tabs, isCurrent }: ModuleLayoutProps<T>) {
  const { pathname } = useLocation();
  const current = (tab: T) => isCurrent(tab, pathname);
  return (
    <>
      <nav className="subnav" aria-label={title} data-testid={testId}>
        <span className="subnav-title">{title}</span>
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
