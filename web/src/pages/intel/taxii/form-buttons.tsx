interface FormButtonsProps {
  /** The submit button's text, e.g. "Create feed". */
  readonly label: string;
  /** Its text while the request runs, e.g. "Saving…". */
  readonly busyLabel: string;
  readonly busy: boolean;
  /** True while a required field is empty. */
  readonly incomplete: boolean;
  readonly onCancel: () => void;
}

/** Submit and Cancel along the bottom of a TAXII form. */
export function FormButtons({ label, busyLabel, busy, incomplete, onCancel }: FormButtonsProps) {
  return (
    <div className="button-row">
      <button type="submit" className="btn btn-primary" disabled={busy || incomplete}>
        {busy ? busyLabel : label}
      </button>
      <button type="button" className="btn" onClick={onCancel} disabled={busy}>
        Cancel
      </button>
    </div>
  );
}
