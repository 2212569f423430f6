import { useState } from 'react';
import { ErrorBanner } from './error-banner';

interface ConfirmDeleteProps {
  /** Deletes; rejects when the server refuses. */
  readonly onDelete: () => Promise<void>;
  /** The accessible name of the first button where "Delete" alone is ambiguous, e.g. "Delete feed nightly". */
  readonly label?: string;
  /** Asked next to the confirming buttons, e.g. "Delete this asset?". */
  readonly question?: string;
  /** Table rows use small buttons. */
  readonly small?: boolean;
  readonly testId?: string;
  /** Set while the surrounding form is busy with something else. */
  readonly disabled?: boolean;
  /** Takes a refusal where the caller shows it; without it, a banner follows the buttons. */
  readonly onError?: (error: unknown) => void;
  readonly errorTitle?: string;
}

/** A "Delete" button that asks once inline (Yes, delete / Keep) before deleting; a refusal asks again next time. */
export function ConfirmDelete({ onDelete, label, question, small = false, testId, disabled = false, onError, errorTitle }: ConfirmDeleteProps) {
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const size = small ? 'btn btn-small' : 'btn';

  async function onYes() {
    setBusy(true);
    setError(null);
    try {
      await onDelete();
    } catch (e) {
      setBusy(false);
      setConfirm(false);
      if (onError === undefined) setError(e);
      else onError(e);
    }
  }

  return (
    <>
      {confirm ? (
        <span className="confirm-inline" data-testid={testId}>
          {question === undefined ? null : <span>{question}</span>}
          <button type="button" className={`${size} btn-danger`} onClick={() => void onYes()} disabled={busy || disabled}>
            Yes, delete
          </button>
          <button type="button" className={size} onClick={() => setConfirm(false)} disabled={busy || disabled}>
            Keep
          </button>
        </span>
      ) : (
        <button type="button" className={`${size} btn-danger-outline`} onClick={() => setConfirm(true)} disabled={disabled} aria-label={label}>
          Delete
        </button>
      )}
      <ErrorBanner error={error} {...(errorTitle === undefined ? {} : { title: errorTitle })} />
    </>
  );
}
