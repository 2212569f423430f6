import { useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router-dom';
import { logout } from '../api/auth';
import { useTheme } from '../lib/theme';
import { useMe, useSession } from '../session/session-context';
import { BrandMark } from './brand-mark';
import { GlobalSearch } from './global-search';
import { navItems } from './nav-items';
import { Shortcuts, ShortcutsDialog } from './shortcuts';
import { TopNav } from './top-nav';

function ThemeToggle() {
  const { theme, toggle } = useTheme();
  return (
    <button type="button" className="icon-button" onClick={toggle} aria-pressed={theme === 'dark'} aria-label="Dark theme" title="Dark theme" data-testid="theme-toggle">
      <span aria-hidden="true">{theme === 'dark' ? '☾' : '☀'}</span>
    </button>
  );
}

export function AppLayout() {
  const me = useMe();
  const { setMe } = useSession();
  const navigate = useNavigate();
  const [leaving, setLeaving] = useState(false);
  const [help, setHelp] = useState(false);

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
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to="/" className="brand" aria-label="Bulwark overview">
          <BrandMark />
          <span className="brand-name">Bulwark</span>
        </NavLink>
        <TopNav items={visible} />
        {/* The global search field (GlobalSearch) mounts here and carries data-global-search for the "/" key. */}
        <div className="topbar-search" data-testid="topbar-search"><GlobalSearch /></div>
        <div className="topbar-tools">
          <ThemeToggle />
          <button type="button" className="icon-button" onClick={() => setHelp(true)} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
            <span aria-hidden="true">?</span>
          </button>
        </div>
        <div className="topbar-user">
          <div className="user-id" data-testid="current-user">
            <span className="user-name" title={me.user.displayName}>
              {me.user.displayName}
            </span>
            <span className="user-org" title={`${me.organisation.name} · ${me.role}`}>
              {me.organisation.name} · <span className="user-role">{me.role}</span>
            </span>
          </div>
          <button type="button" className="btn btn-ghost-dark" onClick={() => void onLogout()} disabled={leaving}>
            Log out
          </button>
        </div>
      </header>
      <main className="content" id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <Shortcuts items={visible} />
      <ShortcutsDialog items={visible} open={help} onOpenChange={setHelp} />
    </div>
  );
}
