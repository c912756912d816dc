/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call -- the element's data and the API's JSON are read as they come */
/**
 * The case desk (apps/desk) served by a real `komek serve` on PGlite in a temporary data folder, driven in Debian's
 * Chromium on a phone-sized screen: a specialist signs in, opens a KZ case, records the interview consent, opens the
 * identification application with what the consent already recorded filled in, submits it, and sees it on the case
 * page. The screenshots of apps/desk/README.md are made here (written to apps/desk/docs/ with KOMEK_SCREENSHOTS=1,
 * else to a temporary folder).
 */
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import type { RunningServer } from '@komek/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.js';
import { answer, fixture, formReady, openCase, sideways, startDesk, type Desk } from './desk-support.js';

let server: RunningServer;
let desk: Desk;
let browser: Browser;
let shots: string;
const password = `pw-${Math.random().toString(36).slice(2)}-Desk!2026`;

beforeAll(async () => {
  desk = await startDesk(
    'komek-desk',
    [{ username: 'aliya', displayName: 'Aliya Seitkali', organisation: 'Crisis centre Almaty', roles: ['specialist'] }],
    password,
  );
  ({ server, browser, shots } = desk);
});

afterAll(() => desk?.close());

/** Waits for the case page's "saved" notice; a refusal shown instead fails with the message the person sees. */
async function saved(page: Page): Promise<void> {
  const notice = page.getByRole('status').filter({ hasText: 'Saved to the case.' });
  const problem = page.getByRole('alert');
  try {
    await notice.or(problem).first().waitFor({ timeout: 30_000 });
  } catch {
    const state = await page.evaluate(() => {
      const el = document.querySelector('komek-desk')!.shadowRoot!.querySelector('komek-form') as any;
      return el
        ? `${el.validationMessage} | ${(el.shadowRoot.querySelector('[part~="summary"], .summary')?.textContent ?? '').slice(0, 500)}`
        : 'no form';
    });
    throw new Error(`neither saved nor refused: ${state}`);
  }
  if (await problem.count()) throw new Error(`not saved: ${await problem.first().textContent()}`);
}

describe('the case desk served by komek serve', () => {
  it('a specialist signs in, opens a KZ case, records consent, and submits the prefilled identification application', async () => {
    const context = await browser.newContext({
      viewport: { width: 375, height: 812 },
      locale: 'en-GB',
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // A fresh server shows the sign-in page at /; a wrong password is refused with the server's message.
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await sideways(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'sign-in.png'), fullPage: true });
    await page.getByLabel('User name').fill('aliya');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/user name or the password is wrong/i);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // The case list; a new KZ case.
    await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    const caseId = await openCase(page);

    // The case page: KZ's forms in SOP order; the identification application waits for consent.
    const f5 = page.locator('li[data-form="kz-f5-identification-application"]');
    await expect.poll(() => f5.textContent()).toContain('Needs consent first');
    expect(
      await page.locator('li[data-form]').evaluateAll((els) => els.map((e) => e.getAttribute('data-form'))),
    ).toEqual(expect.arrayContaining(['kz-f1-initial-application', 'kz-f4-interview-consent']));
    expect(await page.locator('li[data-form^="kg-"], li[data-form^="tj-"]').count()).toBe(0);

    // The identification application before consent: the element's notice, and the server refuses too.
    await f5.getByRole('link').click();
    await page.locator('komek-form').waitFor();
    await expect
      .poll(() =>
        page
          .locator('komek-form')
          .textContent()
          .then(() => page.locator('komek-form').evaluate((el) => el.shadowRoot!.textContent ?? '')),
      )
      .toMatch(/consent/i);

    // Record the interview consent.
    await page.goto(`${server.url}/#/cases/${caseId}/forms/kz-f4-interview-consent`);
    await formReady(page);
    const consent = fixture('kz-f4-interview-consent');
    await answer(page, consent);
    await page.locator('komek-form').getByRole('button', { name: 'Submit' }).click();
    await saved(page);
    await expect
      .poll(() => page.locator('li[data-form="kz-f4-interview-consent"]').textContent())
      .toContain('Submitted');
    await expect.poll(() => f5.textContent()).toContain('Consent signed');

    // The identification application opens with the person's name and birth from the consent.
    await f5.getByRole('link').click();
    await formReady(page);
    const prefilled = await page.evaluate(
      () => (document.querySelector('komek-desk')!.shadowRoot!.querySelector('komek-form') as any).value,
    );
    expect(prefilled.personInformation.fullName).toBe(consent.fullName);
    expect(prefilled.personInformation.dateAndPlaceOfBirth.date).toBe(consent.dateAndPlaceOfBirth.date);
    expect(
      await page
        .locator('komek-form')
        .getByRole('textbox')
        .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
    ).toContain(consent.fullName);
    expect(await sideways(page)).toBe(0);
    await page.screenshot({ path: join(shots, 'form-prefilled.png') });

    // The rest of the answers, and submit.
    const f5data = fixture('kz-f5-identification-application');
    await answer(page, {
      ...f5data,
      personInformation: { ...f5data.personInformation, ...prefilled.personInformation },
    });
    await page.locator('komek-form').getByRole('button', { name: 'Submit' }).click();
    await saved(page);

    // Back on the case page: both forms submitted, stored once each on the server.
    await expect.poll(() => f5.textContent()).toContain('Submitted');
    const stored = await page.evaluate(
      async (id) =>
        (await (await fetch(`/api/cases/${id}`)).json()).submissions.map((s: { formId: string; data: any }) => [
          s.formId,
          s.data.personInformation?.fullName ?? s.data.fullName,
        ]),
      caseId,
    );
    expect(stored).toEqual([
      ['kz-f4-interview-consent', consent.fullName],
      ['kz-f5-identification-application', consent.fullName],
    ]);
    expect(await sideways(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'case.png'), fullPage: true });

    // The list shows the case at its latest step; the interface in Kazakh.
    await page.getByRole('link', { name: 'All cases' }).click();
    await page
      .getByRole('region', { name: 'Cases', exact: true })
      .getByRole('link', { name: `Case ${caseId.slice(0, 8)}` })
      .waitFor();
    await page.getByLabel('Language').selectOption('kk');
    await page.getByRole('heading', { name: 'Істер', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('kk');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'cases-kk.png'), fullPage: true });

    expect(errors).toEqual([]);
    await context.close();
  });

  it("opens a form in Russian with its texts from the form's own messages file, not the namespaces it shares", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'en-GB' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.getByLabel('User name').fill('aliya');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    const caseId = await openCase(page);
    await page.getByLabel('Language').selectOption('ru');
    await page.getByRole('heading', { level: 1 }).first().waitFor();

    // The form opened by its address in a fresh page: every script the page loads, read as it arrives.
    const formPage = await context.newPage();
    formPage.on('pageerror', (e) => errors.push(e.message));
    const scripts: Promise<string>[] = [];
    formPage.on('response', (r) => {
      if (/\.js(\?|$)/.test(r.url())) scripts.push(r.text().catch(() => ''));
    });
    await formPage.goto(`${server.url}/#/cases/${caseId}/forms/kz-f4-interview-consent`);
    await formReady(formPage);
    const shown = () => formPage.locator('komek-form').evaluate((el) => el.shadowRoot!.textContent ?? '');
    // Its own texts and the shared definitions it uses (a signature's drawn part), in Russian.
    await expect.poll(shown).toContain('Уведомление о согласии на участие в интервью');
    expect(await shown()).toContain('Я, (Ф. И. О.)');
    expect(await shown()).toContain('Собственноручная подпись');
    // A text of the shared definitions this form does not use (the interpreter's name) was never loaded: the
    // element read the form's messages file, not the whole `defs` namespace.
    const loaded = (await Promise.all(scripts)).join('\n');
    // The legal representative's status: a shared text the form uses, though hidden until asked for.
    expect(loaded).toContain('Статус (родитель, опекун, представитель органа опеки и попечительства)');
    expect(loaded).not.toContain('Ф. И. О. переводчика (при наличии)');
    expect(errors).toEqual([]);
    await context.close();
  });
});
