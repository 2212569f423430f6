import { useState } from 'react';
import { z } from 'zod';
import { updateUser } from '../../api/admin';
import type { User } from '../../api/types';
import { FormErrorBanner } from '../../components/error-banner';
import { FormTextField, setServerErrors, useZodForm } from '../../components/form-kit';
import { Modal } from '../../components/modal';
import { MIN_PASSWORD } from './user-form';

interface PasswordDialogProps {
  readonly user: User;
  readonly onSaved: (user: User) => void;
  readonly onClose: () => void;
}

const passwordSchema = z
  .object({
    password: z.string().min(1, 'Enter the new password.').min(MIN_PASSWORD, `At least ${MIN_PASSWORD} characters.`).max(1024),
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'The two passwords differ.' });

export function PasswordDialog({ user, onSaved, onClose }: PasswordDialogProps) {
  const form = useZodForm(passwordSchema, { password: '', confirmPassword: '' });
  const [error, setError] = useState<unknown>(null);
  const [fieldErrorCount, setFieldErrorCount] = useState(0);
  const busy = form.formState.isSubmitting;

  const onSubmit = form.handleSubmit(async ({ password }) => {
    setError(null);
    try {
      onSaved(await updateUser(user.id, { password }));
    } catch (e) {
      setFieldErrorCount(setServerErrors(form.setError, e, ['password']));
      setError(e);
    }
  });

  const footer = (
    <>
      <span className="spacer" />
      <button type="button" className="btn" onClick={onClose} disabled={busy}>
        Cancel
      </button>
      <button type="submit" form="password-form" className="btn btn-primary" disabled={busy}>
        {busy ? 'Saving…' : 'Set password'}
      </button>
    </>
  );

  return (
    <Modal title={`Set password for ${user.username}`} onClose={onClose} footer={footer} testId="password-dialog">
      <FormErrorBanner error={error} fieldErrorCount={fieldErrorCount} />
      <form id="password-form" className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <FormTextField
          control={form.control}
          name="password"
          id="set-password"
          label="New password"
          type="password"
          autoComplete="new-password"
          autoFocus
          hint={`At least ${MIN_PASSWORD} characters. Tell the user through a separate channel.`}
        />
        <FormTextField control={form.control} name="confirmPassword" id="confirm-password" label="Repeat the password" type="password" autoComplete="new-password" />
      </form>
    </Modal>
  );
}
