import { useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router-dom';
import { logout } from '../api/auth';
import { useMe, useSession } from '../session/session-context';
import { BrandMark } from './brand-mark';

interface NavItem {
  readonly to: string;
  readonly label: string;
  readonly adminOnly?: boolean;
}

const navItems: readonly NavItem[] = [
  { to: '/', label: 'Overview' },
  { to: '/assets', label: 'Assets' },
  { to: '/knowledge', label: 'Knowledge base' },
  { to: '/intel', label: 'Intelligence' },
  { to: '/capture', label: 'Captures' },
  { to: '/situation', label: 'Situation' },
  { to: '/response', label: 'Response' },
  { to: '/governance', label: 'Governance' },
  { to: '/admin', label: 'Admin', adminOnly: true },
  { to: '/audit', label: 'Audit log', adminOnly: true },
];

export function AppLayout() {
  const me = useMe();
  const { setMe } = useSession();
  const navigate = useNavigate();
  const [leaving, setLeaving] = useState(false);

  async function onLogout() {
    setLeaving(true);
    try {
      await logout();
    } catch {
      // The cookie may already be gone; leaving the console is what the user asked for either way.
    }
    setMe(null);
    await navigate('/login', { replace: true });
  }

  const visible = navItems.filter((item) => item.adminOnly !== true || me.role === 'admin');
  return (
    <div className="app">
      <header className="topbar">
        <NavLink to="/" className="brand" aria-label="Bulwark overview">
          <BrandMark />
          <span className="brand-name">Bulwark</span>
        </NavLink>
        <nav className="topnav" aria-label="Main">
          {visible.map((item) => (
            <NavLink key={item.to} to={item.to} end={item.to === '/'} className="topnav-link">
              {item.label}
            </NavLink>
          ))}
        </nav>
        <div className="topbar-user">
          <div className="user-id" data-testid="current-user">
            <span className="user-name">{me.user.displayName}</span>
            <span className="user-org" title={`${me.organisation.name} · ${me.role}`}>
              {me.organisation.name} · <span className="user-role">{me.role}</span>
            </span>
          </div>
          <button type="button" className="btn btn-ghost-dark" onClick={() => void onLogout()} disabled={leaving}>
            Log out
          </button>
        </div>
      </header>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
