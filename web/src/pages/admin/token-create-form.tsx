import { useState } from 'react';
import { z } from 'zod';
import { createToken } from '../../api/admin';
import type { IssuedToken } from '../../api/types';
import { ErrorBanner } from '../../components/error-banner';
import { FormTextField, setServerErrors, useZodForm } from '../../components/form-kit';

const tokenSchema = z.object({
  tokenName: z.string().trim().min(1, 'Name the token, e.g. after the script that uses it.').max(100),
  expiresInDays: z
    .string()
    .trim()
    .refine((d) => d === '' || (/^\d+$/.test(d) && Number(d) >= 1 && Number(d) <= 3650), 'A whole number of days from 1 to 3650, or empty for never.'),
});

export function TokenCreateForm({ onCreated }: { readonly onCreated: (token: IssuedToken) => void }) {
  const form = useZodForm(tokenSchema, { tokenName: '', expiresInDays: '' });
  const [error, setError] = useState<unknown>(null);
  const [fieldErrorCount, setFieldErrorCount] = useState(0);
  const busy = form.formState.isSubmitting;

  const onSubmit = form.handleSubmit(async ({ tokenName, expiresInDays }) => {
    setError(null);
    try {
      const token = await createToken({ name: tokenName, ...(expiresInDays === '' ? {} : { expiresInDays: Number(expiresInDays) }) });
      form.reset();
      onCreated(token);
    } catch (e) {
      // The API names the field `name`; the form calls it tokenName (the page has other name fields).
      setFieldErrorCount(setServerErrors(form.setError, e, ['tokenName', 'expiresInDays'], { name: 'tokenName' }));
      setError(e);
    }
  });

  return (
    <form className="form form-inline" onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Create API token">
      <FormTextField control={form.control} name="tokenName" id="token-name" label="Token name" placeholder="e.g. historian-sync" required />
      <FormTextField
        control={form.control}
        name="expiresInDays"
        id="token-expiry"
        label="Expires after (days)"
        type="number"
        inputMode="numeric"
        min={1}
        max={3650}
        placeholder="never"
      />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create token'}
      </button>
      {error === null || fieldErrorCount > 0 ? null : <ErrorBanner error={error} />}
    </form>
  );
}
