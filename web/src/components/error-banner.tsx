import { ApiError, errorMessage } from '../api/client';

interface ErrorBannerProps {
  readonly error: unknown;
  readonly title?: string;
  /** Lists each `details` entry; forms that show them next to fields turn this off. */
  readonly showDetails?: boolean;
  readonly onDismiss?: () => void;
}

export function ErrorBanner({ error, title, showDetails = true, onDismiss }: ErrorBannerProps) {
  if (error === null || error === undefined) return null;
  const details = showDetails && error instanceof ApiError ? error.details : [];
  return (
    <div className="banner banner-error" role="alert">
      <div className="banner-body">
        {title === undefined ? null : <strong className="banner-title">{title}</strong>}
        <span className="banner-message">{errorMessage(error)}</span>
        {details.length === 0 ? null : (
          <ul className="banner-details" data-testid="error-details">
            {details.map((d, i) => (
              <li key={`${d.path}-${i}`}>
                {d.path === '' ? null : <code>{d.path}</code>} {d.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      {onDismiss === undefined ? null : (
        <button type="button" className="banner-close" aria-label="Dismiss" onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}

/** For forms: when the API named fields, the messages sit next to them and the banner only points there. */
export function FormErrorBanner({ error, fieldErrorCount }: { readonly error: unknown; readonly fieldErrorCount: number }) {
  if (error === null || error === undefined) return null;
  if (fieldErrorCount === 0) return <ErrorBanner error={error} />;
  return (
    <div className="banner banner-error" role="alert">
      <span className="banner-message">
        {fieldErrorCount === 1 ? 'One field needs attention.' : `${fieldErrorCount} fields need attention.`}
      </span>
    </div>
  );
}
