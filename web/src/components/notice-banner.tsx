import type { ReactNode } from 'react';

interface NoticeBannerProps {
  readonly children: ReactNode;
  readonly onDismiss: () => void;
}

/** Says what a change just did (saved, deleted, uploaded) until dismissed. */
export function NoticeBanner({ children, onDismiss }: NoticeBannerProps) {
  return (
    <div className="banner banner-success" role="status" data-testid="notice">
      <span className="banner-message">{children}</span>
      <button type="button" className="banner-close" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
