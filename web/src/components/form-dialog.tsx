import * as Dialog from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';

interface FormDialogProps {
  readonly title: string;
  readonly description: string;
  readonly testId: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
}

/** A Radix dialog around a form: title, one-line description, close button; Escape and the backdrop close it. */
export function FormDialog({ title, description, testId, onClose, children }: FormDialogProps) {
  return (
    <Dialog.Root open onOpenChange={(open) => (open ? undefined : onClose())}>
      <Dialog.Portal>
        <Dialog.Overlay className="radix-overlay" />
        <Dialog.Content className="radix-dialog" data-testid={testId}>
          <div className="overlay-header">
            <Dialog.Title className="overlay-title">{title}</Dialog.Title>
            <Dialog.Close className="overlay-close" aria-label="Close">
              ×
            </Dialog.Close>
          </div>
          <Dialog.Description className="muted small">{description}</Dialog.Description>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
