import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Me, Role } from '../api/types';

interface Session {
  readonly me: Me | null;
  readonly setMe: (me: Me | null) => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const value = useMemo(() => ({ me, setMe }), [me]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user; only pages behind RequireLogin call this, so it is never null there. */
export function useMe(): Me {
  const { me } = useSession();
  if (me === null) throw new Error('useMe outside RequireLogin');
  return me;
}

/** Mirrors the backend's writer roles: only admins and analysts change operational data. */
export function canWrite(role: Role): boolean {
  return role === 'admin' || role === 'analyst';
}
