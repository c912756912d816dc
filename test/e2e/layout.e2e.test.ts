/**
 * The built demo on a phone (375 CSS px, the narrowest common screen) and on a desktop: no page and no form may be
 * wider than the screen (a page that scrolls sideways hides the answers' ends), and the gallery's screenshots in
 * apps/demo/README.md are made here (written to apps/demo/screenshots/ with KOMEK_SCREENSHOTS=1, else to a
 * temporary folder, so that every run makes them). globalSetup.ts serves apps/demo/dist.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from '../chromium.js';
import { catalog } from '@komek/forms';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations } from './axe.js';

const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 900 };

let browser: Browser;
let shots: string;

beforeAll(async () => {
  browser = await launchChromium();
  shots =
    process.env.KOMEK_SCREENSHOTS === '1'
      ? fileURLToPath(new URL('../../apps/demo/screenshots/', import.meta.url))
      : mkdtempSync(join(tmpdir(), 'komek-shots-'));
});

afterAll(async () => {
  await browser?.close();
  if (process.env.KOMEK_SCREENSHOTS !== '1') rmSync(shots, { recursive: true, force: true });
});

/** A new page of the given size whose errors fail the test. */
async function newPage(viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'en-GB', deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

/** Opens a demo page and waits until its form (if any) is wholly drawn and its fonts are loaded. */
async function show(page: Page, path: string): Promise<void> {
  await page.goto(new URL(path, inject('demoUrl')).href);
  await page.locator('komek-form .form').first().or(page.locator('#form-choices fieldset').first()).waitFor();
  await page.evaluate(async () => {
    await (document.querySelector('komek-form') as (HTMLElement & { ready?: Promise<void> }) | null)?.ready;
    await document.fonts.ready;
  });
}

/**
 * How far the page reaches past the screen's right edge (0 when it does not scroll sideways), and what reaches
 * furthest when it does — in the page and inside every `<komek-form>`'s shadow root — so that a failure names it.
 */
function overflow(page: Page): Promise<{ scroll: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const scroll = root.scrollWidth - root.clientWidth;
    const wide: HTMLElement[] = [];
    if (scroll > 0) {
      const visit = (scope: Document | ShadowRoot) => {
        for (const el of scope.querySelectorAll<HTMLElement>('*')) {
          if (el.getBoundingClientRect().right > root.clientWidth + 0.5) wide.push(el);
          if (el.shadowRoot) visit(el.shadowRoot);
        }
      };
      visit(document);
    }
    // The innermost ones: what sticks out, not every box around it.
    const innermost = wide.filter(
      (el) => !wide.some((other) => other !== el && el.contains(other) && !other.shadowRoot),
    );
    const culprits = innermost.slice(0, 6).map((el) => {
      const r = el.getBoundingClientRect();
      return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')} (${Math.round(r.left)}–${Math.round(r.right)} px) "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    });
    return { scroll, culprits };
  });
}

describe('on a 375 px phone', () => {
  it.each(['./', './embed.html', './react.html', './print-desk.html'])('%s does not scroll sideways', async (path) => {
    const { page, errors } = await newPage(PHONE);
    await show(page, path);
    expect(await overflow(page)).toEqual({ scroll: 0, culprits: [] });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('no form of the 26 scrolls sideways, in two languages, wholly laid out and as first seen', async () => {
    expect(catalog).toHaveLength(26);
    const { page, errors } = await newPage(PHONE);
    const wide: Record<string, unknown> = {};
    for (const entry of catalog) {
      // Kazakh with Russian under it: long words, two languages per label.
      await show(page, `./?form=${entry.id}&lang=kk&lang2=ru`);
      const first = await overflow(page);
      // Every section laid out, as someone who scrolls through the whole form sees them.
      await page.evaluate(() =>
        document.querySelector('komek-form')!.style.setProperty('--komek-content-visibility', 'visible'),
      );
      const all = await overflow(page);
      if (first.scroll > 0 || all.scroll > 0) wide[entry.id] = { first, all };
    }
    expect(wide).toEqual({});
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('screenshots of the gallery', () => {
  it('on a phone and on a desktop, with problems marked after a check', async () => {
    for (const [name, viewport] of [
      ['gallery-phone', PHONE],
      ['gallery-desktop', DESKTOP],
    ] as const) {
      const { page, errors } = await newPage(viewport);
      await show(page, './?form=kz-f1-initial-application&lang=kk&lang2=ru&ui=kk');
      const form = page.locator('komek-form');
      await form.locator('#k--fullName').fill('Айгерім Нұрланқызы');
      await form.locator('#k--passport--issueDate').fill('01.05.2020');
      await form.locator('#k--passport--expiryDate').fill('30.04.2020');
      await page.evaluate(() =>
        (document.querySelector('komek-form') as HTMLElement & { submit(): Promise<boolean> }).submit(),
      );
      await page.evaluate(() => document.fonts.ready);
      // The summary takes the focus after a check. A desktop picture starts at the top of the page; a phone's at
      // the form, under the pickers.
      await page.evaluate(
        (phone) => (phone ? document.querySelector('#form-host')!.scrollIntoView() : scrollTo(0, 0)),
        name === 'gallery-phone',
      );
      const png = await page.screenshot({ fullPage: false });
      expect(png.byteLength).toBeGreaterThan(10_000);
      writeFileSync(join(shots, `${name}.png`), png);
      expect(await overflow(page)).toEqual({ scroll: 0, culprits: [] });
      // What the picture shows passes axe too: the marked problems, the marks legend, the folded or open panel.
      const violations = await axeViolations(page);
      expect(violations).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });
});
