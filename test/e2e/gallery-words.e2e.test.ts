/**
 * The gallery speaks the person's languages: the SOP step picker in the interface language (no English source
 * references), and the problem panel re-worded at once when the form's or the interface's language changes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from '../chromium.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const FORM = 'kz-f4-interview-consent';

const ui = (lang: string, key: string): string =>
  (
    JSON.parse(
      new TextDecoder().decode(
        readFileSync(fileURLToPath(new URL(`../../packages/i18n/locales/${lang}/ui.json`, import.meta.url))),
      ),
    ) as Record<string, { text: string }>
  )[key]!.text;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function open(path: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
  await page.goto(new URL(path, inject('demoUrl')).href);
  await page.locator('komek-form .form').waitFor();
  return page;
}

describe('gallery words', () => {
  it('names SOP steps in the interface language, without the source text\u2019s English', async () => {
    const page = await open(`./?form=tj-f1-identification-consent&ui=ru`);
    await expect.poll(() => page.locator('#step option').allInnerTexts()).toContain('СОП 4 · Шаг 2 (2.2)');
    const steps = await page.locator('#step option').allInnerTexts();
    for (const step of steps) expect(step).not.toMatch(/Step|paragraph|TJ/);
    await page.context().close();
  });

  it('re-words the problem panel at once when the form\u2019s or the interface\u2019s language changes', async () => {
    const page = await open(`./?form=${FORM}&lang=en&ui=en`);
    await page.locator('#validate').click();
    const panel = page.locator('#validation');
    await expect.poll(() => panel.getAttribute('class')).toContain('bad');
    const english = await panel.locator('li').first().innerText();
    // The form's language: the listed problems.
    await page.locator('#lang').selectOption('kk');
    await expect.poll(() => panel.locator('li').first().innerText()).not.toBe(english);
    expect(await panel.locator('li').first().innerText()).toMatch(/[әғқңөұүһі]/);
    // The interface's language: the panel's own words ("N problems"), without validating again.
    const count = await panel.locator('li').count();
    await page.locator('#ui-lang').selectOption('ru');
    const heading = ui('ru', count === 1 ? 'demo.gallery.invalid_one' : 'demo.gallery.invalid_other').split(
      '{{count}}',
    )[0]!;
    await expect.poll(() => panel.innerText()).toContain(heading.trim());
    await page.context().close();
  });
});
