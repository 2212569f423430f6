import type { ReactNode } from 'react';

interface LoadMoreFooterProps {
  readonly list: { readonly items: readonly unknown[]; readonly nextCursor: string | null; readonly loading: boolean; readonly loadMore: () => void; readonly error?: unknown };
  /** How much is shown so far. */
  readonly children: ReactNode;
  readonly testId?: string;
  readonly moreLabel?: string;
}

/** Under a list read a page at a time: how much is shown, and a button for the next page while there is one. */
export function LoadMoreFooter({ list, children, testId, moreLabel = 'Load more' }: LoadMoreFooterProps) {
  if (list.items.length === 0) return null;
  const failed = list.error !== null && list.error !== undefined;
  return (
    <div className="table-footer">
      <span className="muted small" data-testid={testId}>
        {children}
      </span>
      {list.nextCursor === null ? null : (
        <button type="button" className="btn" onClick={list.loadMore} disabled={list.loading}>
          {list.loading ? 'Loading…' : failed ? 'Try again' : moreLabel}
        </button>
      )}
    </div>
  );
}
