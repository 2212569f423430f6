import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate, type Location } from 'react-router-dom';
import { login } from '../../api/auth';
import { ApiError, errorMessage } from '../../api/client';
import { BrandMark } from '../../components/brand-mark';
import { TextField } from '../../components/form-field';
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

export function LoginPage() {
  useDocumentTitle('Log in');
  const { setMe } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (username.trim() === '' || password === '') {
      setError('Enter your username and password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const me = await login(username.trim(), password);
      setMe(me);
      await navigate(returnPath(location.state), { replace: true });
    } catch (e) {
      // The server's words are the useful part: wrong password, or how long the rate limit lasts.
      setError(loginError(e));
      setPassword('');
      setBusy(false);
    }
  }

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
          <TextField
            id="username"
            name="username"
            label="Username"
            value={username}
            onChange={setUsername}
            autoComplete="username"
            autoFocus
            required
          />
          <TextField
            id="password"
            name="password"
            label="Password"
            type="password"
            value={password}
            onChange={setPassword}
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
