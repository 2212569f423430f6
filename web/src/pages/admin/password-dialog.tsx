import { useState, type FormEvent } from 'react';
import { updateUser } from '../../api/admin';
import { fieldErrors } from '../../api/client';
import type { User } from '../../api/types';
import { FormErrorBanner } from '../../components/error-banner';
import { TextField } from '../../components/form-field';
import { Modal } from '../../components/modal';
import { MIN_PASSWORD } from './user-form';

interface PasswordDialogProps {
  readonly user: User;
  readonly onSaved: (user: User) => void;
  readonly onClose: () => void;
}

export function PasswordDialog({ user, onSaved, onClose }: PasswordDialogProps) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password !== confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setBusy(true);
    setError(null);
    try {
      onSaved(await updateUser(user.id, { password }));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  const footer = (
    <>
      <span className="spacer" />
      <button type="button" className="btn" onClick={onClose} disabled={busy}>
        Cancel
      </button>
      <button type="submit" form="password-form" className="btn btn-primary" disabled={busy || password === ''}>
        {busy ? 'Saving…' : 'Set password'}
      </button>
    </>
  );

  return (
    <Modal title={`Set password for ${user.username}`} onClose={onClose} footer={footer} testId="password-dialog">
      <FormErrorBanner error={error} fieldErrorCount={Object.keys(errors).length} />
      <form id="password-form" className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <TextField
          name="password"
          id="set-password"
          label="New password"
          type="password"
          value={password}
          onChange={setPassword}
          error={errors['password']}
          autoComplete="new-password"
          autoFocus
          hint={`At least ${MIN_PASSWORD} characters. Tell the user through a separate channel.`}
        />
        <TextField
          name="confirmPassword"
          id="confirm-password"
          label="Repeat the password"
          type="password"
          value={confirm}
          onChange={setConfirm}
          error={mismatch ? 'the two passwords differ' : undefined}
          autoComplete="new-password"
        />
      </form>
    </Modal>
  );
}
