import { useEffect, useRef, type ReactNode } from 'react';

interface OverlayProps {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  /** Buttons along the bottom edge, e.g. Cancel / Save. */
  readonly footer?: ReactNode;
  readonly wide?: boolean;
  readonly testId?: string;
}

// The native <dialog> gives focus trapping, Escape and an inert background without extra code.
function Overlay({ title, onClose, children, footer, wide, testId, variant }: OverlayProps & { readonly variant: 'modal' | 'drawer' }) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return undefined;
    if (!dialog.open) dialog.showModal();
    const onCancel = (event: Event) => {
      event.preventDefault();
      closeRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
    };
  }, []);

  const titleId = `${testId ?? variant}-title`;
  const classes = ['overlay', `overlay-${variant}`, wide === true ? 'overlay-wide' : ''].filter((c) => c !== '').join(' ');
  return (
    <dialog
      ref={ref}
      className={classes}
      aria-labelledby={titleId}
      {...(testId === undefined ? {} : { 'data-testid': testId })}
      onMouseDown={(event) => {
        // A press on the backdrop lands on the dialog element itself, not on its panel.
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className="overlay-panel">
        <header className="overlay-header">
          <h2 id={titleId} className="overlay-title">
            {title}
          </h2>
          <button type="button" className="overlay-close" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="overlay-body">{children}</div>
        {footer === undefined ? null : <footer className="overlay-footer">{footer}</footer>}
      </div>
    </dialog>
  );
}

export function Modal(props: OverlayProps) {
  return <Overlay {...props} variant="modal" />;
}

/** A panel from the right edge, for editing one record while its list stays in view. */
export function Drawer(props: OverlayProps) {
  return <Overlay {...props} variant="drawer" />;
}
