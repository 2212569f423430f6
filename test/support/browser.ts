// Browser-test support: Chromium as CI installs it, the built console, and logging in as a person does.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const webDir = join(import.meta.dirname, '../../dist/web');
/** Waits in the browser: generous, the machine is small and shared with other suites. */
export const wait = { timeout: 20_000 };

/** Headless Chromium; fails (never skips) when it or the built console is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  if (!existsSync(join(webDir, 'index.html'))) throw new Error('dist/web is missing: run npm run build first (npm test does)');
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** A new page logged in through the login form. */
export async function loginPage(browser: Browser, base: string, username: string, password: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${base}/login`);
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), wait);
  return page;
}

/**
 * Ticks a checkbox whose state lives in the URL: the router commits the change a moment after the
 * click, so Playwright's check(), which looks right after clicking, can see it unchanged.
 */
export async function tick(checkbox: Locator): Promise<void> {
  await checkbox.click();
  await expect.poll(() => checkbox.isChecked(), wait).toBe(true);
}

/** Opens a main-navigation section: its link when it fits in the top bar, else through "More". */
export async function openSection(page: Page, label: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const link = nav.getByRole('link', { name: label, exact: true });
  if ((await link.count()) > 0 && (await link.isVisible())) {
    await link.click();
    return;
  }
  await nav.getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: label, exact: true }).click();
}
