import type { ReactNode } from 'react';
import { PageHeader } from './page-header';

interface PlannedModuleProps {
  readonly title: string;
  /** Where the work is tracked: "issue #3", or "planned". */
  readonly tracking: string;
  readonly summary: string;
  readonly children: ReactNode;
  readonly capabilities: readonly string[];
}

/** The page of a module that is designed but not shipped: what it will do and where it stands. */
export function PlannedModule({ title, tracking, summary, children, capabilities }: PlannedModuleProps) {
  return (
    <>
      <PageHeader title={title} description={summary} />
      <section className="card planned" data-testid="planned-module">
        <div className="planned-status">
          <span className="pill pill-muted">{tracking === 'planned' ? 'Planned' : `Tracked in ${tracking}`}</span>
          <strong>This module is not available yet</strong>
        </div>
        <div className="planned-text">{children}</div>
        <h2 className="section-title">What it will do</h2>
        <ul className="planned-list">
          {capabilities.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      </section>
    </>
  );
}
