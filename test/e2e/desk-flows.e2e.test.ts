/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- the element's data and the API's JSON are read as they come */
/**
 * A case from first contact to referral in the case desk, per country, against a real `komek serve` on PGlite in a
 * temporary data folder, in Debian's Chromium at 375 px: the specialist records consent, fills the identification
 * questionnaire with what the consent recorded, sends the decision or plan to the head of service, who approves it;
 * the case is referred to another organisation, whose user accepts it and sees only the consented sections, then
 * closes it with an outcome. Deadlines come from the fixtures' dates (past ones), so an overdue task appears without
 * waiting. A refusal keeps the gated forms closed and the case page says why. Every page: no sideways scroll, no axe
 * violation, and in Kazakh with Russian as the forms' second language. Screenshots for apps/desk/README.md with
 * KOMEK_SCREENSHOTS=1.
 */
import { join } from 'node:path';
import { type Browser, type Locator, type Page } from 'playwright-core';
import type { RunningServer } from '@komek/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.js';
import {
  type Desk,
  fill,
  fixture,
  notice,
  openCase,
  pageErrors,
  sideways,
  signedIn,
  startDesk,
  visibleSections,
} from './desk-support.js';

let server: RunningServer;
let desk: Desk;
let browser: Browser;
let shots: string;
const password = `pw-${Math.random().toString(36).slice(2)}-Flow!2026`;
const open: Page[] = [];

const newContext = () =>
  browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'en-GB', deviceScaleFactor: 1 });
const as = async (username: string) => {
  const page = await signedIn(newContext, server.url, username, password);
  open.push(page);
  return page;
};

beforeAll(async () => {
  desk = await startDesk(
    'komek-desk-flows',
    [
      { username: 'aliya', organisation: 'Crisis centre', roles: ['specialist'] },
      { username: 'daulet', organisation: 'Crisis centre', roles: ['head-of-service'] },
      { username: 'bota', organisation: 'Shelter Astana', roles: ['specialist'] },
    ],
    password,
  );
  ({ server, browser, shots } = desk);
});

afterAll(() => desk?.close());

/** The page fits a phone and passes axe. */
async function fitsAndPasses(page: Page, what: string): Promise<void> {
  expect(await sideways(page), `${what}: sideways scroll`).toBe(0);
  expect(await axeViolations(page), `${what}: axe`).toEqual([]);
}

async function newCase(page: Page, country: 'kz' | 'kg' | 'tj'): Promise<string> {
  await page.goto(`${server.url}/#/cases`);
  await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
  return openCase(page, country);
}

const row = (page: Page, formId: string) => page.locator(`li[data-form="${formId}"]`);

/**
 * A text one character longer than the server takes, pasted into a box: nothing of it is cut, the action is refused
 * with a message naming the box, the limit and the text's length, and the text stays in the box. The box is emptied
 * again for the rest of the flow.
 */
async function refusedTooLong(page: Page, box: Locator, send: Locator, label: string, max: number): Promise<void> {
  const text = `${'Ж'.repeat(max - 1)}😀.`;
  await box.focus();
  await page.keyboard.insertText(text);
  expect(await box.inputValue()).toBe(text);
  await send.click();
  await page
    .getByRole('alert')
    .filter({ hasText: `“${label}” is too long: ${max + 1} characters, at most ${max}. Nothing was sent` })
    .waitFor();
  expect(await box.inputValue()).toBe(text);
  await box.fill('');
}

/** The specialist sends the form's latest submission for approval from the case page. */
async function sendForApproval(page: Page, caseId: string, formId: string): Promise<void> {
  await page.goto(`${server.url}/#/cases/${caseId}`);
  await expect.poll(() => row(page, formId).textContent()).toContain('Needs the head of service’s approval');
  await row(page, formId)
    .getByRole('button', { name: /^Send for approval/ })
    .click();
  await notice(page, 'Sent to the head of service for approval.');
  await expect.poll(() => row(page, formId).textContent()).toContain('Waiting for the head of service’s approval');
}

/** The head of service approves the pending request for the case's form, with a comment. */
async function approve(head: Page, caseId: string, comment: string, shot?: string): Promise<void> {
  await head.goto(`${server.url}/#/approvals`);
  const item = head.locator('li[data-approval]').filter({ has: head.locator(`a[href^="#/cases/${caseId}"]`) });
  await item.waitFor();
  await fitsAndPasses(head, 'approvals');
  if (shot) await head.screenshot({ path: join(shots, shot), fullPage: true });
  const approveIt = item.getByRole('button', { name: 'Approve' });
  await refusedTooLong(head, item.getByLabel('Comment'), approveIt, 'Comment', 2000);
  await item.getByLabel('Comment').fill(comment);
  await approveIt.click();
  await notice(head, 'Approved.');
  await expect.poll(() => item.count()).toBe(0);
}

/** Refers the case to the shelter with these sections, from the case page. */
async function refer(page: Page, caseId: string, sections: string[]): Promise<void> {
  await page.goto(`${server.url}/#/cases/${caseId}`);
  await page.getByLabel('Receiving organisation').selectOption({ label: 'Shelter Astana' });
  await page.getByLabel('Kind of help').selectOption('shelter');
  for (const s of sections) await page.locator(`input[name="section"][value="${s}"]`).check();
  const send = page.getByRole('button', { name: 'Send the referral' });
  await page.getByLabel('Receiving organisation').selectOption({ label: 'Another body (not on this server)' });
  await refusedTooLong(page, page.getByLabel('Name of the other body'), send, 'Name of the other body', 300);
  await page.getByLabel('Receiving organisation').selectOption({ label: 'Shelter Astana' });
  await refusedTooLong(page, page.locator('textarea[name="note"]'), send, 'Note', 2000);
  await page.locator('textarea[name="note"]').fill('Call the duty phone before the visit.');
  await send.click();
  await notice(page, 'Referral sent.');
  await expect
    .poll(() => page.getByRole('region', { name: 'Referrals', exact: true }).textContent())
    .toContain('Shelter Astana');
}

/** The shelter's user accepts the referral, sees only the shared sections, and closes it with an outcome. */
async function receive(shelter: Page, caseId: string, shared: string[], shot?: string): Promise<void> {
  await shelter.goto(`${server.url}/#/referrals`);
  await shelter.getByRole('heading', { name: 'Referrals to us', level: 1 }).waitFor();
  const item = shelter.locator('li[data-referral]').filter({ hasText: 'Sent, waiting for an answer' });
  await item.first().waitFor();
  expect(await visibleSections(shelter, caseId).catch(() => 'not found')).toBe('not found');
  await item.first().getByRole('button', { name: 'Accept' }).click();
  await notice(shelter, 'Accepted');
  await shelter
    .getByRole('link', { name: /^Open the shared sections/ })
    .first()
    .click();
  await shelter.getByRole('heading', { name: /^Case [0-9a-f]{8}$/, level: 1 }).waitFor();
  await shelter.getByText('you see only the sections the migrant consented to share').first().waitFor();
  expect(
    await shelter.locator('li[data-form]').evaluateAll((els) => els.map((e) => e.getAttribute('data-form'))),
  ).toEqual(shared);
  expect(await visibleSections(shelter, caseId)).toEqual(shared);
  await fitsAndPasses(shelter, 'shared case');
  if (shot) await shelter.screenshot({ path: join(shots, shot), fullPage: true });
  // A shared section reads as recorded, and cannot be changed.
  await shelter.locator(`li[data-form="${shared[0]}"]`).getByRole('link').click();
  await shelter.locator('komek-form[readonly] .form').first().waitFor();
  expect(await shelter.locator('komek-form').getByRole('button', { name: 'Submit' }).count()).toBe(0);
  await fitsAndPasses(shelter, 'shared section');
  await shelter.goto(`${server.url}/#/referrals`);
  const accepted = shelter.locator('li[data-referral]').filter({ hasText: 'Accepted' }).first();
  const close = accepted.getByRole('button', { name: 'Close with this outcome' });
  await refusedTooLong(shelter, accepted.getByLabel('Outcome'), close, 'Outcome', 2000);
  await accepted.getByLabel('Outcome').fill('Placed in the shelter for a month.');
  await close.click();
  await notice(shelter, 'Closed');
  await expect
    .poll(() => shelter.locator('li[data-referral]').first().textContent())
    .toContain('Placed in the shelter for a month.');
  // The sender's note stays beside the outcome: an answer never replaces it.
  expect(await shelter.locator('li[data-referral]').first().textContent()).toContain(
    'Call the duty phone before the visit.',
  );
}

describe('the case desk from first contact to referral', () => {
  it('KZ: consent, prefilled identification, the head of service approves the decision, the shelter accepts the referral and sees only the consented section; in Kazakh with Russian', async () => {
    // The desk's page comes with a Content-Security-Policy that allows no inline or foreign script.
    const csp = (await fetch(server.url)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval)/);
    const aliya = await as('aliya');
    const caseId = await newCase(aliya, 'kz');

    // The case page: steps as the guidelines number them, who signs, the decision needs approval.
    const f5 = row(aliya, 'kz-f5-identification-application');
    await expect.poll(() => f5.textContent()).toContain('Signs: ');
    expect(await f5.textContent()).toContain('Signature of the specialist');
    expect(await aliya.getByRole('heading', { level: 3, name: /^KZ 2\.1 · Step 5/ }).count()).toBeGreaterThan(0);

    const consent = fixture('kz-f4-interview-consent');
    await fill(aliya, server.url, caseId, 'kz-f4-interview-consent', consent);
    const prefilled = await fill(aliya, server.url, caseId, 'kz-f5-identification-application');
    expect(prefilled.personInformation.fullName).toBe(consent.fullName);

    // The identification decision (fixture: identified on 2024-08-23) starts the 1-day needs assessment: overdue.
    await expect.poll(() => aliya.locator('li[data-rule="kz-needs-assessment"]').textContent()).toMatch(/Overdue: /);
    await expect.poll(() => row(aliya, 'kz-needs-assessment').textContent()).toMatch(/Deadline: Overdue/);

    await sendForApproval(aliya, caseId, 'kz-f5-identification-application');
    await fitsAndPasses(aliya, 'case page');
    await aliya.screenshot({ path: join(shots, 'case-steps.png'), fullPage: true });

    const daulet = await as('daulet');
    await approve(daulet, caseId, 'Agreed with the migration service.', 'approvals.png');
    await aliya.goto(`${server.url}/#/cases`);
    await aliya.goto(`${server.url}/#/cases/${caseId}`);
    await expect.poll(() => f5.textContent()).toContain('Approved by the head of service');

    // The case list: the overdue filter keeps the case; the week's deadlines list it.
    await aliya.goto(`${server.url}/#/cases`);
    await aliya.getByRole('combobox', { name: /^Deadlines/ }).selectOption('overdue');
    await aliya
      .getByRole('region', { name: 'Cases', exact: true })
      .getByRole('link', { name: `Case ${caseId.slice(0, 8)}` })
      .waitFor();
    expect(await aliya.locator(`li[data-case="${caseId}"][data-rule="kz-needs-assessment"]`).textContent()).toContain(
      'Overdue',
    );
    await fitsAndPasses(aliya, 'case list');
    await aliya.screenshot({ path: join(shots, 'cases.png'), fullPage: true });

    // Referral of the consent (its personal-data clause allows it); the decision stays unshared.
    await refer(aliya, caseId, ['kz-f4-interview-consent']);
    const bota = await as('bota');
    await receive(bota, caseId, ['kz-f4-interview-consent'], 'shared-case.png');
    await bota.screenshot({ path: join(shots, 'referrals.png'), fullPage: true });

    // Every page in Kazakh, the forms with Russian under each label.
    for (const page of [aliya, daulet, bota]) {
      await page.getByLabel('Language').selectOption('kk');
      await page.getByRole('heading', { level: 1 }).first().waitFor();
    }
    await aliya.goto(`${server.url}/#/cases`);
    await aliya.getByRole('heading', { name: 'Істер', level: 1 }).waitFor();
    await fitsAndPasses(aliya, 'kk case list');
    await aliya.goto(`${server.url}/#/cases/${caseId}`);
    await aliya.getByRole('heading', { name: /^Іс [0-9a-f]{8}$/, level: 1 }).waitFor();
    expect(await aliya.locator('li[data-rule="kz-needs-assessment"]').textContent()).toContain(
      'Сәйкестендіру туралы оң шешімнен кейін',
    );
    await fitsAndPasses(aliya, 'kk case page');
    await aliya.screenshot({ path: join(shots, 'case-kk.png'), fullPage: true });
    await aliya.goto(`${server.url}/#/cases/${caseId}/forms/kz-f5-identification-application`);
    await aliya.getByLabel('Нысанның екінші тілі').selectOption('ru');
    await aliya.locator('komek-form[secondary-lang="ru"] .form').first().waitFor();
    await fitsAndPasses(aliya, 'kk+ru form');
    await aliya.screenshot({ path: join(shots, 'form-kk-ru.png') });
    await daulet.goto(`${server.url}/#/approvals`);
    await daulet.getByRole('heading', { name: 'Бекітулер', level: 1 }).waitFor();
    await fitsAndPasses(daulet, 'kk approvals');
    await bota.goto(`${server.url}/#/referrals`);
    await bota.getByRole('heading', { name: 'Бізге жолдамалар', level: 1 }).waitFor();
    await fitsAndPasses(bota, 'kk referrals');
  });

  it("KG: the country's consent and questionnaire, the needs list approved by the head of service, a referral of the questionnaire", async () => {
    const aliya = await as('aliya');
    const caseId = await newCase(aliya, 'kg');
    expect(await aliya.locator('li[data-form^="kz-"], li[data-form^="tj-"]').count()).toBe(0);
    await expect
      .poll(() => row(aliya, 'kg-3.1-f3-identification-questionnaire').textContent())
      .toContain('Needs consent first');
    const consent = fixture('kg-3.1-f1-identification-consent');
    await fill(aliya, server.url, caseId, 'kg-3.1-f1-identification-consent', consent);
    const prefilled = await fill(aliya, server.url, caseId, 'kg-3.1-f3-identification-questionnaire');
    expect(prefilled.personInformation.fullName).toBe(consent.fullName);
    await fill(aliya, server.url, caseId, 'kg-3.2-f1-help-consent');
    await fill(aliya, server.url, caseId, 'kg-3.2-f2-needs-assessment');
    // KG 3.2 4.5 leaves the plan's approval period blank: KG has no dated deadline to fall overdue.
    expect(await aliya.getByRole('region', { name: 'Deadlines', exact: true }).textContent()).toContain(
      'No deadlines yet.',
    );
    await sendForApproval(aliya, caseId, 'kg-3.2-f2-needs-assessment');
    const daulet = await as('daulet');
    await approve(daulet, caseId, 'Coordination authority resolution recorded.');
    await aliya.goto(`${server.url}/#/cases`);
    await aliya.goto(`${server.url}/#/cases/${caseId}`);
    await expect
      .poll(() => row(aliya, 'kg-3.2-f2-needs-assessment').textContent())
      .toContain('Approved by the head of service');
    await refer(aliya, caseId, ['kg-3.1-f3-identification-questionnaire']);
    const bota = await as('bota');
    await receive(bota, caseId, ['kg-3.1-f3-identification-questionnaire']);
  });

  it("TJ: the country's consent and questionnaire, the needs assessment overdue then approved, a referral of the consent", async () => {
    const aliya = await as('aliya');
    const caseId = await newCase(aliya, 'tj');
    const consent = fixture('tj-f1-identification-consent');
    await fill(aliya, server.url, caseId, 'tj-f1-identification-consent', consent);
    const prefilled = await fill(aliya, server.url, caseId, 'tj-f3-identification-questionnaire');
    expect(prefilled.personInformation.fullName).toBe(consent.fullName);
    // The help consent signed on 2024-03-14 starts TJ 7.1's 10 working days: overdue now.
    await fill(aliya, server.url, caseId, 'tj-f5-help-consent');
    await expect.poll(() => aliya.locator('li[data-rule="tj-needs-assessment"]').textContent()).toMatch(/Overdue: /);
    await aliya.goto(`${server.url}/#/cases`);
    expect(await aliya.locator(`li[data-case="${caseId}"][data-rule="tj-needs-assessment"]`).textContent()).toContain(
      'Overdue',
    );
    await fill(aliya, server.url, caseId, 'tj-f6-needs-assessment');
    await expect.poll(() => aliya.locator('li[data-rule="tj-needs-assessment"]').textContent()).toMatch(/Done late: /);
    await sendForApproval(aliya, caseId, 'tj-f6-needs-assessment');
    const daulet = await as('daulet');
    await approve(daulet, caseId, 'Coordinating body informed.');
    await refer(aliya, caseId, ['tj-f1-identification-consent']);
    const bota = await as('bota');
    await receive(bota, caseId, ['tj-f1-identification-consent']);
  });

  it('refusal and withdrawal: the gated forms stay closed and the case page says why and what happens next', async () => {
    const aliya = await as('aliya');
    const kz = await newCase(aliya, 'kz');
    await fill(aliya, server.url, kz, 'kz-f4-interview-refusal');
    await aliya.getByRole('heading', { name: 'The migrant refused', level: 2 }).waitFor();
    const why = await aliya.getByRole('region', { name: 'The migrant refused' }).textContent();
    expect(why).toContain('stay closed');
    expect(why).toContain('(7.7)');
    const f5 = row(aliya, 'kz-f5-identification-application');
    expect(await f5.textContent()).toContain('Consent refused');
    expect(await f5.textContent()).toContain('Closed: no consent');
    expect(await f5.getByRole('link').count()).toBe(0);
    await fitsAndPasses(aliya, 'refused case');
    await aliya.screenshot({ path: join(shots, 'refused.png'), fullPage: true });
    // Opened by its address, the form says which consent to sign, and the server refuses it too.
    await aliya.goto(`${server.url}/#/cases/${kz}/forms/kz-f5-identification-application`);
    await expect
      .poll(() => aliya.locator('komek-form').evaluate((el) => el.shadowRoot?.textContent ?? ''))
      .toMatch(/consent/i);
    const status = await aliya.evaluate(
      async ([id, data]) => {
        const me = await (await fetch('/api/session')).json();
        const r = await fetch(`/api/cases/${id}/submissions`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-csrf-token': me.csrfToken,
            'idempotency-key': crypto.randomUUID(),
          },
          body: JSON.stringify({ formId: 'kz-f5-identification-application', data }),
        });
        return r.status;
      },
      [kz, fixture('kz-f5-identification-application')] as const,
    );
    expect(status).toBe(409);

    // TJ: consent given, then withdrawn on the same form (no reason asked).
    const tj = await newCase(aliya, 'tj');
    const consent = fixture('tj-f1-identification-consent');
    await fill(aliya, server.url, tj, 'tj-f1-identification-consent', consent);
    await expect.poll(() => row(aliya, 'tj-f3-identification-questionnaire').textContent()).toContain('Consent signed');
    await fill(aliya, server.url, tj, 'tj-f1-identification-consent', {
      ...consent,
      consentWithdrawn: true,
      withdrawal: {
        date: '2024-02-20',
        applicantSignature: { signedBy: consent.fullName, date: '2024-02-20' },
        receivedBy: { signedBy: consent.expertSignature.signedBy, date: '2024-02-20' },
      },
    });
    await aliya.getByRole('heading', { name: 'The migrant withdrew consent', level: 2 }).waitFor();
    expect(await aliya.getByRole('region', { name: 'The migrant withdrew consent' }).textContent()).toContain(
      'without giving a reason',
    );
    expect(await row(aliya, 'tj-f3-identification-questionnaire').textContent()).toContain('Consent withdrawn');
    await fitsAndPasses(aliya, 'withdrawn case');
    expect(pageErrors).toEqual([]);
    for (const page of open) await page.context().close();
  });
});
