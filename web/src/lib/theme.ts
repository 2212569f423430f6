import { useCallback, useSyncExternalStore } from 'react';

export type ThemeChoice = 'light' | 'dark' | 'system';
const KEY = 'bulwark.theme';
const listeners = new Set<() => void>();

export function storedTheme(): ThemeChoice {
  try {
    const value = window.localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

function systemPrefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
}

/** The theme in effect: the person's choice, else the operating system's preference. */
export function resolvedTheme(choice: ThemeChoice = storedTheme()): 'light' | 'dark' {
  return choice === 'system' ? (systemPrefersDark() ? 'dark' : 'light') : choice;
}

/** Sets `data-theme` on <html> before the first render, so the page never flashes light first. */
export function applyStoredTheme(): void {
  document.documentElement.dataset['theme'] = resolvedTheme();
  if (typeof window.matchMedia === 'function') {
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
      document.documentElement.dataset['theme'] = resolvedTheme();
      listeners.forEach((l) => l());
    });
  }
}

export function setTheme(choice: ThemeChoice): void {
  try {
    if (choice === 'system') window.localStorage.removeItem(KEY);
    else window.localStorage.setItem(KEY, choice);
  } catch {
    // Without storage the choice lasts until the page reloads.
  }
  document.documentElement.dataset['theme'] = resolvedTheme(choice);
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The theme in effect and a toggle between light and dark (remembered in this browser). */
export function useTheme(): { readonly theme: 'light' | 'dark'; readonly toggle: () => void } {
  const theme = useSyncExternalStore(subscribe, () => document.documentElement.dataset['theme'] === 'dark' ? 'dark' : 'light');
  const toggle = useCallback(() => setTheme(theme === 'dark' ? 'light' : 'dark'), [theme]);
  return { theme, toggle };
}
