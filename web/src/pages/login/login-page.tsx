import { useState } from 'react';
import { z } from 'zod';
import { useLocation, useNavigate, type Location } from 'react-router-dom';
import { login } from '../../api/auth';
import { ApiError, errorMessage } from '../../api/client';
import { BrandMark } from '../../components/brand-mark';
import { FormTextField, useZodForm } from '../../components/form-kit';
import { capitalise } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useSession } from '../../session/session-context';

function waitHint(seconds: number | null): string {
  if (seconds === null) return '';
  const minutes = Math.ceil(seconds / 60);
  return seconds < 60 ? ` (in ${seconds} s)` : ` (in about ${minutes} minute${minutes === 1 ? '' : 's'})`;
}

function loginError(error: unknown): string {
  if (error instanceof ApiError && error.status === 400) return 'Enter your username and password.';
  if (error instanceof ApiError && error.status === 429) return `${capitalise(error.message)}${waitHint(error.retryAfterSeconds)}.`;
  return capitalise(errorMessage(error));
}

function returnPath(state: unknown): string {
  const from = (state as { from?: Partial<Location> } | null)?.from;
  if (from?.pathname === undefined || from.pathname === '/login') return '/';
  return `${from.pathname}${from.search ?? ''}${from.hash ?? ''}`;
}

const loginSchema = z.object({
  username: z.string().trim().min(1, 'Enter your username.'),
  password: z.string().min(1, 'Enter your password.'),
});

export function LoginPage() {
  useDocumentTitle('Log in');
  const { setMe } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const form = useZodForm(loginSchema, { username: '', password: '' });
  const [error, setError] = useState<string | null>(null);

  const onSubmit = form.handleSubmit(async ({ username, password }) => {
    setError(null);
    try {
      const me = await login(username, password);
      setMe(me);
      await navigate(returnPath(location.state), { replace: true });
    } catch (e) {
      // The server's words are the useful part: wrong password, or how long the rate limit lasts.
      setError(loginError(e));
      form.setValue('password', '');
    }
  });
  const busy = form.formState.isSubmitting;

  return (
    <div className="login-screen">
      <div className="login-card">
        <div className="login-brand">
          <BrandMark size={34} />
          <div>
            <div className="login-product">Bulwark</div>
            <div className="login-tagline">Industrial security operations</div>
          </div>
        </div>
        <h1 className="login-title">Log in to the console</h1>
        {error === null ? null : (
          <div className="banner banner-error" role="alert" data-testid="login-error">
            <span className="banner-message">{error}</span>
          </div>
        )}
        <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
          <FormTextField
            control={form.control}
            id="username"
            name="username"
            label="Username"
            autoComplete="username"
            autoFocus
            required
          />
          <FormTextField
            control={form.control}
            id="password"
            name="password"
            label="Password"
            type="password"
            autoComplete="current-password"
            required
          />
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
            {busy ? 'Logging in…' : 'Log in'}
          </button>
        </form>
        <p className="login-footnote">Access is logged. Use only the account issued to you.</p>
      </div>
    </div>
  );
}
