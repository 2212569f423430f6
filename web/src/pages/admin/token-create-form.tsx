import { useState, type FormEvent } from 'react';
import { createToken } from '../../api/admin';
import { fieldErrors } from '../../api/client';
import type { IssuedToken } from '../../api/types';
import { ErrorBanner } from '../../components/error-banner';
import { TextField } from '../../components/form-field';

export function TokenCreateForm({ onCreated }: { readonly onCreated: (token: IssuedToken) => void }) {
  const [name, setName] = useState('');
  const [days, setDays] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const expiresInDays = days.trim() === '' ? undefined : Number(days);
    try {
      const token = await createToken({ name: name.trim(), ...(expiresInDays === undefined ? {} : { expiresInDays }) });
      setName('');
      setDays('');
      onCreated(token);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form form-inline" onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Create API token">
      <TextField
        name="tokenName"
        id="token-name"
        label="Token name"
        value={name}
        onChange={setName}
        error={errors['name']}
        placeholder="e.g. historian-sync"
        required
      />
      <TextField
        name="expiresInDays"
        id="token-expiry"
        label="Expires after (days)"
        type="number"
        inputMode="numeric"
        min={1}
        max={3650}
        value={days}
        onChange={setDays}
        error={errors['expiresInDays']}
        placeholder="never"
      />
      <button type="submit" className="btn btn-primary" disabled={busy || name.trim() === ''}>
        {busy ? 'Creating…' : 'Create token'}
      </button>
      {error === null || Object.keys(errors).length > 0 ? null : <ErrorBanner error={error} />}
    </form>
  );
}
