import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
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
        </div>
        <DropdownMenu.Root>
          <DropdownMenu.Trigger asChild>
            <button type="button" className="user-button" data-testid="current-user" title="Account">
              <span className="user-name">{me.user.displayName}</span>
              <span className="user-org">
                {me.organisation.name} · <span className="user-role">{me.role}</span>
              </span>
            </button>
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content className="menu" align="end" sideOffset={6}>
              <DropdownMenu.Label className="menu-label menu-account">
                <span className="menu-account-name">{me.user.displayName}</span>
                <span className="menu-account-org">
                  {me.organisation.name} ({me.organisation.level}) · {me.role}
                </span>
              </DropdownMenu.Label>
              <DropdownMenu.Separator className="menu-separator" />
              <DropdownMenu.Item className="menu-item" onSelect={() => setHelp(true)}>
                Keyboard shortcuts <kbd className="menu-kbd">?</kbd>
              </DropdownMenu.Item>
              <DropdownMenu.Item className="menu-item" disabled={leaving} onSelect={() => void onLogout()}>
                Log out
              </DropdownMenu.Item>
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu.Root>
      </header>
      <main className="content" id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <Shortcuts items={visible} />
      <ShortcutsDialog items={visible} open={help} onOpenChange={setHelp} />
    </div>
  );
}
