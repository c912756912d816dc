/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call -- the element's data and the API's JSON are read as they come */
/**
 * A minor's case on the desk (real `komek serve` on PGlite, Chromium at 375 px): the initial application records a
 * date of birth 15 years ago; the case list and page say "minor" and offer the SOP's child-protection steps; the
 * interview consent opens with its minor indicator set and the legal representative required; after it is signed,
 * the date of birth is corrected on a new initial application and the case page flags the signed consent.
 */
import { join } from 'node:path';
import { type Browser } from 'playwright-core';
import type { RunningServer } from '@komek/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.js';
import {
  answer,
  type Desk,
  fixture,
  formReady,
  formValue,
  notice,
  openCase,
  pageErrors,
  sideways,
  signedIn,
  startDesk,
} from './desk-support.js';

let server: RunningServer;
let browser: Browser;
let desk: Desk;
let shots: string;
const password = `pw-${Math.random().toString(36).slice(2)}-Desk!2026`;
beforeAll(async () => {
  desk = await startDesk(
    'komek-desk-minors',
    [{ username: 'aliya', displayName: 'Aliya Seitkali', organisation: 'Crisis centre Almaty', roles: ['specialist'] }],
    password,
  );
  ({ server, browser, shots } = desk);
});
afterAll(() => desk?.close());
const saved = (page: Parameters<typeof notice>[0]) => notice(page, 'Saved to the case.');

const isoDay = (yearsBack: number) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - yearsBack);
  return d.toISOString().slice(0, 10);
};

describe('a minor on the case desk', () => {
  it('sets the minor indicators, requires the guardian, and flags a signed form when the date of birth changes', async () => {
    const page = await signedIn(
      () => browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'en-GB', deviceScaleFactor: 1 }),
      server.url,
      'aliya',
      password,
    );

    const caseId = await openCase(page);
    const today = new Date().toISOString().slice(0, 10);
    const born = isoDay(15);

    // The initial application records the date of birth.
    await page.locator('li[data-form="kz-f1-initial-application"]').getByRole('link').click();
    await formReady(page);
    const f1 = fixture('kz-f1-initial-application');
    const initial = {
      ...f1,
      fullName: 'Sardor Ergashev',
      dateOfBirth: born,
      documentDate: today,
      signature: { ...f1.signature, signedBy: 'Sardor Ergashev', date: today },
    };
    await answer(page, initial);
    await page.locator('komek-form').getByRole('button', { name: 'Submit' }).click();
    await saved(page);

    // The case page: a minor, with the child-protection steps of the KZ SOP.
    const minor = page.getByRole('region', { name: 'The person is a minor' });
    await minor.waitFor();
    expect(await page.locator('h1 ~ p .minor-mark').textContent()).toMatch(/Minor \(age: 15\)/);
    expect(await minor.textContent()).toContain('Center for adaptation of minors');
    expect(
      await minor.locator('li[data-step]').evaluateAll((els) => els.map((e) => e.getAttribute('data-step'))),
    ).toEqual(['kz-unaccompanied', 'kz-interview', 'kz-needs', 'kz-return']);
    expect(await sideways(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'case-minor.png'), fullPage: true });

    // The list says so too, and finds the case by name and by date of birth as staff type them.
    await page.getByRole('link', { name: 'All cases' }).click();
    const item = page.locator('ul.cases li').filter({ hasText: caseId.slice(0, 8) });
    await expect.poll(() => item.textContent()).toContain('Minor');
    await page.getByLabel('Search by name, date of birth, citizenship or place').fill('ergashev');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.locator('ul.cases li').count()).toBe(1);
    expect(await page.locator('ul.cases li').textContent()).toContain('Sardor Ergashev');
    const [y, m, d] = born.split('-');
    await page.getByLabel('Search by name, date of birth, citizenship or place').fill(`${d}.${m}.${y}`);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.locator('ul.cases li').textContent()).toContain('Sardor Ergashev');
    await page.getByLabel('Search by name, date of birth, citizenship or place').fill('Эргашев Нодир');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('No cases match.').waitFor();

    // The interview consent opens as a minor's: the indicator set (and said to be derived), the guardian required.
    await page.goto(`${server.url}/#/cases/${caseId}/forms/kz-f4-interview-consent`);
    await formReady(page);
    expect((await formValue(page)).needsLegalRepresentative).toBe(true);
    expect((await formValue(page)).dateAndPlaceOfBirth.date).toBe(born);
    expect(await page.getByRole('note').textContent()).toMatch(/Set from the date of birth.*minor.*\(age: 15\)/s);
    const consent = fixture('kz-f4-interview-consent');
    delete consent.familyConsent;
    delete consent.familyMembers;
    delete consent.needsLegalRepresentative;
    delete consent.dateAndPlaceOfBirth; // kept as prefilled from the initial application
    await answer(page, {
      ...consent,
      fullName: 'Sardor Ergashev',
      interviewedAsHeadOfFamily: false,
      date: today,
      applicantSignature: { ...consent.applicantSignature, signedBy: 'Sardor Ergashev', date: today },
    });
    await page.locator('komek-form').getByRole('button', { name: 'Submit' }).click();
    const missing = await page.evaluate(() =>
      (document.querySelector('komek-desk')!.shadowRoot!.querySelector('komek-form') as any).validationIssues.map(
        (i: { pointer: string }) => i.pointer,
      ),
    );
    expect(missing).toEqual(expect.arrayContaining(['/legalRepresentative', '/legalRepresentativeSignature']));
    expect(await page.getByRole('status').filter({ hasText: 'Saved to the case.' }).count()).toBe(0);
    await answer(page, {
      legalRepresentative: { fullName: 'Shakhnoza Ergasheva', relationship: 'mother (parent)' },
      legalRepresentativeSignature: { signedBy: 'Shakhnoza Ergasheva', date: today },
    });
    await page.locator('komek-form').getByRole('button', { name: 'Submit' }).click();
    await saved(page);
    await page.getByRole('region', { name: 'The person is a minor' }).waitFor();
    expect(await page.getByRole('region', { name: 'Signed forms to check' }).count()).toBe(0);

    // The date of birth turns out to be 25 years ago: a new initial application records it.
    await page.goto(`${server.url}/#/cases/${caseId}/forms/kz-f1-initial-application`);
    await formReady(page);
    expect((await formValue(page)).dateOfBirth).toBe(born);
    await answer(page, { ...initial, dateOfBirth: isoDay(25) });
    await page.locator('komek-form').getByRole('button', { name: 'Submit' }).click();
    await saved(page);

    // The signed consent is flagged on the case page; the person is no longer a minor.
    const flags = page.getByRole('region', { name: 'Signed forms to check' });
    await flags.waitFor();
    // Only the consent: the initial application filled again supersedes the one that held the old date.
    expect(await flags.locator('li').count()).toBe(1);
    const flagged = flags.locator('li[data-form="kz-f4-interview-consent"]');
    expect(await flagged.getAttribute('data-flag')).toBe('date-of-birth');
    expect(await flagged.textContent()).toContain('Another date of birth');
    expect(await page.getByRole('region', { name: 'The person is a minor' }).count()).toBe(0);
    expect(await page.locator('h1 ~ p .minor-mark').count()).toBe(0);
    expect(await sideways(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'case-flags.png'), fullPage: true });

    // A later form now opens with the indicator NO, from the new date of birth.
    await page.goto(`${server.url}/#/cases/${caseId}/forms/kz-f5-identification-application`);
    await formReady(page);
    expect((await formValue(page)).personIsMinor).toBe(false);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});
