import type { ReactNode } from 'react';

interface EmptyStateProps {
  readonly title: string;
  readonly children?: ReactNode;
  readonly actions?: ReactNode;
}

/** Says why a list is empty and what to do next, instead of a bare blank table. */
export function EmptyState({ title, children, actions }: EmptyStateProps) {
  return (
    <div className="empty-state" role="status">
      <p className="empty-title">{title}</p>
      {children === undefined ? null : <div className="empty-body">{children}</div>}
      {actions === undefined ? null : <div className="empty-actions">{actions}</div>}
    </div>
  );
}
