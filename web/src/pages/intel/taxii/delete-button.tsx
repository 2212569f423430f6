import { useState } from 'react';
import { ErrorBanner } from '../../../components/error-banner';

interface DeleteButtonProps {
  /** The accessible name of the first button, e.g. "Delete feed nightly". */
  readonly label: string;
  /** The banner title when the server refuses. */
  readonly errorTitle: string;
  readonly onDelete: () => Promise<void>;
}

/** Delete in a table row: asks once inline (Yes, delete / Keep), then deletes; a refusal stays in the row. */
export function DeleteButton({ label, errorTitle, onDelete }: DeleteButtonProps) {
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function onYes() {
    setBusy(true);
    setError(null);
    try {
      await onDelete();
    } catch (e) {
      setError(e);
      setBusy(false);
      setConfirm(false);
    }
  }

  return (
    <>
      {confirm ? (
        <span className="confirm-inline">
          <button type="button" className="btn btn-small btn-danger" onClick={() => void onYes()} disabled={busy}>
            Yes, delete
          </button>
          <button type="button" className="btn btn-small" onClick={() => setConfirm(false)} disabled={busy}>
            Keep
          </button>
        </span>
      ) : (
        <button type="button" className="btn btn-small btn-danger-outline" onClick={() => setConfirm(true)} aria-label={label}>
          Delete
        </button>
      )}
      <ErrorBanner error={error} title={errorTitle} />
    </>
  );
}
