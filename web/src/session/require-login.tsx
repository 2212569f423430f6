import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { fetchMe } from '../api/auth';
import { ApiError, errorMessage, isAbort, setUnauthorizedListener } from '../api/client';
import { useSession } from './session-context';

type Check = { readonly state: 'checking' } | { readonly state: 'anonymous' } | { readonly state: 'failed'; readonly message: string };

/** Asks the server who is signed in once per page load, and sends strangers to the login page. */
export function RequireLogin({ children }: { readonly children: ReactNode }) {
  const { me, setMe } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [check, setCheck] = useState<Check>({ state: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (me !== null) return undefined;
    const controller = new AbortController();
    setCheck({ state: 'checking' });
    fetchMe(controller.signal)
      .then(setMe)
      .catch((error: unknown) => {
        if (isAbort(error)) return;
        if (error instanceof ApiError && error.status === 401) setCheck({ state: 'anonymous' });
        else setCheck({ state: 'failed', message: errorMessage(error) });
      });
    return () => controller.abort();
  }, [me, setMe, attempt]);

  // A session that expires while the console is open ends on the login page, coming back here after.
  useEffect(() => {
    setUnauthorizedListener(() => {
      setMe(null);
      void navigate('/login', { replace: true, state: { from: location } });
    });
    return () => setUnauthorizedListener(null);
  }, [navigate, location, setMe]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  if (me !== null) return children;
  if (check.state === 'anonymous') return <Navigate to="/login" replace state={{ from: location }} />;
  if (check.state === 'failed') {
    return (
      <div className="splash">
        <div className="splash-card">
          <h1 className="splash-title">Bulwark is unreachable</h1>
          <p className="muted">{check.message}</p>
          <button type="button" className="btn btn-primary" onClick={retry}>
            Try again
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="splash" aria-busy="true">
      <p className="muted">Loading Bulwark…</p>
    </div>
  );
}
