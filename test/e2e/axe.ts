/** axe-core in a page driven by playwright-core: the one way the end-to-end tests check accessibility. */
import axe from 'axe-core';
import type { Page } from 'playwright-core';

interface AxeWindow {
  axe: {
    run(context: Document, options: object): Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }>;
  };
}

/** axe's WCAG 2.1 A/AA violations on the page (inside shadow roots too), as `rule: targets` (empty when none). */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated by the browser's debugging protocol rather than added as a <script>: the pages' Content-Security-Policy
  // (the case desk's allows no inline script) does not apply to it.
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const result = await (window as unknown as AxeWindow).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
}
