import { page } from 'vitest/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '@komek/forms/catalog';
import '../index.js';

/**
 * `<komek-form>` in a plain host page (no styles of its own) on a 375 px phone: no form may make the page scroll
 * sideways — a wide table scrolls inside its own box, screen-reader-only texts included, and a section's guessed
 * size for skipped layout is a height only.
 */
async function until(ok: () => boolean, ms = 10_000): Promise<void> {
  const end = performance.now() + ms;
  while (!ok()) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  await page.viewport(375, 812);
  document.body.style.margin = '8px';
});
afterAll(() => document.body.replaceChildren());

describe('<komek-form> on a 375 px phone', () => {
  it.each(catalog.map((e) => e.id))('%s does not widen a plain page', async (id) => {
    document.body.replaceChildren();
    const el = document.createElement('komek-form');
    el.setAttribute('form', id);
    el.setAttribute('lang', 'ky');
    el.setAttribute('secondary-lang', 'ru');
    document.body.append(el);
    await until(() => el.shadowRoot?.querySelector('.form')?.getAttribute('lang') === 'ky');
    await el.ready;
    const root = document.documentElement;
    expect(root.clientWidth).toBe(375);
    expect(root.scrollWidth).toBeLessThanOrEqual(root.clientWidth);
    // Every section laid out, as when scrolled through.
    el.style.setProperty('--komek-content-visibility', 'visible');
    expect(root.scrollWidth).toBeLessThanOrEqual(root.clientWidth);
  });
});
