// axe-core on one part of a page (a component this suite owns), for pages whose shell is checked elsewhere.
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Runs axe-core's WCAG 2.0/2.1 A and AA rules on the elements matching `selectors` and fails on any violation. */
export async function expectNoAxeViolationsIn(page: Page, selectors: readonly string[], what = selectors.join(', ')): Promise<void> {
  if (!(await page.evaluate<boolean>("'axe' in window"))) await page.evaluate(axe.source);
  const script = `(async () => {
    const selectors = ${JSON.stringify(selectors)};
    const missing = selectors.filter((s) => document.querySelector(s) === null);
    if (missing.length > 0) return ['nothing matches ' + missing.join(', ')];
    const result = await window.axe.run({ include: selectors.map((s) => [s]) }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)).join(', '));
  })()`;
  expect(await page.evaluate<string[]>(script), `axe violations in ${what}`).toEqual([]);
}
