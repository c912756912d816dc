/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call -- the API's JSON is read as it comes */
/**
 * What people type that the desk must still show and refuse properly, on a phone: a name holding a right-to-left
 * override (it must not turn the date of birth after it around), dates written as the forms write them, and the
 * desk's own text boxes refusing a control character or a text over the limit by naming the box, in the person's
 * language, keeping what was typed.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { answer, fill, fixture, formReady, openCase, phoneDesk, signIn, signedIn } from './desk-support.js';

const desk = phoneDesk('komek-desk-hostile', [
  { username: 'dana', organisation: 'Shelter Bishkek', roles: ['specialist'] },
  { username: 'hana', organisation: 'IOM reporting', roles: ['reporting'] },
  { username: 'bolat', organisation: 'Crisis centre Almaty', roles: ['head-of-service'] },
]);

/** A call to the API as the person signed in on the page (with the session's CSRF token). */
const call = (page: Page, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  page.evaluate(
    async ({ method, path, body, headers }) => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const r = await fetch(path, {
        method,
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': session.csrfToken,
          'idempotency-key': crypto.randomUUID(),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : undefined };
    },
    { method, path, body, headers },
  );

/** Whether the first letter of `word` in the case's summary line is drawn to the left of its last letter. */
const readsLeftToRight = (page: Page, word: string) =>
  page.evaluate((w) => {
    const summary = document.querySelector('komek-desk')!.shadowRoot!.querySelector('.summary')!;
    const walker = document.createTreeWalker(summary, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.textContent!.indexOf(w);
      if (at < 0) continue;
      const x = (i: number) => {
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 1);
        return r.getBoundingClientRect().left;
      };
      return x(at) < x(at + w.length - 1);
    }
    throw new Error(`"${w}" is not in the summary: ${summary.textContent}`);
  }, word);

const problem = (page: Page) => page.getByRole('alert').textContent();

describe('hostile text in the case desk', () => {
  it("keeps a name's right-to-left override inside the name, and writes dates as the forms do", async () => {
    const page = await signedIn(desk.newContext, desk.url, 'aliya', desk.password);
    const caseId = await openCase(page);
    const application = fixture('kz-f1-initial-application');
    expect(application.dateOfBirth).toBe('1994-10-02');
    await fill(page, desk.url, caseId, 'kz-f1-initial-application', {
      ...application,
      fullName: '\u202eJasur Tursunov',
    });
    await page.goto(`${desk.url}/#/cases/${caseId}`);
    const summary = page.locator('.summary');
    // 2 October 1994, day first (never 10/2/1994), and the words after the name read left to right.
    await expect.poll(() => summary.textContent()).toContain('Date of birth: 02/10/1994');
    expect(await readsLeftToRight(page, 'Date of birth')).toBe(true);
    expect(await readsLeftToRight(page, '02/10/1994')).toBe(true);
    await page.getByLabel('Language').selectOption('ru');
    await expect.poll(() => summary.textContent()).toContain('Дата рождения: 02.10.1994');
    expect(await readsLeftToRight(page, 'Дата рождения')).toBe(true);

    // The referral's section boxes keep their shape beside a long form title.
    const box = (await page.locator('input[name="section"]').first().boundingBox())!;
    expect(Math.round(box.width)).toBe(Math.round(box.height));
  });

  it("refuses a control character or an overlong search naming the box in the person's language, keeps the text, and clears the message on the next search", async () => {
    const page = await signedIn(desk.newContext, desk.url, 'aliya', desk.password);
    await page.getByLabel('Language').selectOption('ru');
    const search = page.getByLabel('Поиск по ФИО, дате рождения, гражданству или месту');
    const find = page.getByRole('button', { name: 'Найти' });

    await search.fill('Сай\u0007дова');
    await find.click();
    await expect
      .poll(() => problem(page))
      .toContain('«Поиск по ФИО, дате рождения, гражданству или месту»: символ 4 не является текстом (U+0007');
    expect(await search.inputValue()).toBe('Сай\u0007дова');

    const long = 'а'.repeat(250);
    await search.fill(long);
    await find.click();
    await expect.poll(() => problem(page)).toContain('250 символов, можно не более 200');
    expect(await search.inputValue()).toBe(long);

    await search.fill('Сайдова');
    await find.click();
    await page.getByText('Подходящих дел нет.').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('opens a submission under its own case when a link names another case (never shown or saved under the wrong one)', async () => {
    const page = await signedIn(desk.newContext, desk.url, 'aliya', desk.password);
    const first = await openCase(page);
    await fill(page, desk.url, first, 'kz-f1-initial-application');
    const submission = await page.evaluate(
      async (id) =>
        ((await (await fetch(`/api/cases/${id}`)).json()) as { submissions: { id: string }[] }).submissions[0]!.id,
      first,
    );
    await page.goto(`${desk.url}/#/cases`);
    const second = await openCase(page);
    await page.goto(`${desk.url}/#/cases/${second}/submissions/${submission}`);
    await expect.poll(() => page.url()).toContain(`#/cases/${first}/submissions/${submission}`);
    await page.getByText(`Case ${first.slice(0, 8)} · Kazakhstan`).waitFor();
    expect(await page.getByText(`Case ${second.slice(0, 8)}`).count()).toBe(0);
  });

  it('signs in with a user name pasted with spaces around it, and names the box of a user name too long to be one', async () => {
    const context = await desk.newContext();
    const page = await context.newPage();
    await page.goto(desk.url);
    await page.getByLabel('Language').selectOption('ru');
    await page.getByLabel('Имя пользователя').fill('a'.repeat(250));
    await page.getByLabel('Пароль').fill(desk.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect.poll(() => problem(page)).toContain('«Имя пользователя»: слишком длинный текст — 250 символов');
    await page.getByLabel('Имя пользователя').fill('  aliya  ');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
  });

  it('tells the receiving organisation that a section is no longer shared once the migrant says no to disclosing it', async () => {
    const aliya = await signedIn(desk.newContext, desk.url, 'aliya', desk.password);
    const caseId = await openCase(aliya, 'kg');
    await fill(aliya, desk.url, caseId, 'kg-3.1-f1-identification-consent');
    const questionnaire = fixture('kg-3.1-f3-identification-questionnaire');
    await fill(aliya, desk.url, caseId, 'kg-3.1-f3-identification-questionnaire', questionnaire);
    const { organisations } = (await call(aliya, 'GET', '/api/organisations')).body;
    const shelter = organisations.find((o: { name: string }) => o.name === 'Shelter Bishkek').id;
    const section = 'kg-3.1-f3-identification-questionnaire';
    const referral = await call(aliya, 'POST', `/api/cases/${caseId}/referrals`, {
      receivingBody: 'Shelter Bishkek',
      kind: 'shelter',
      sections: [section],
      receivingOrganisationId: shelter,
    });
    expect(referral.status).toBe(201);

    const dana = await signedIn(desk.newContext, desk.url, 'dana', desk.password);
    expect((await call(dana, 'POST', `/api/referrals/${referral.body.id}/status`, { status: 'accepted' })).status).toBe(
      200,
    );
    await dana.goto(`${desk.url}/#/cases/${caseId}/forms/${section}`);
    await dana.locator('komek-form .form').first().waitFor();

    const { submissions } = (await call(aliya, 'GET', `/api/cases/${caseId}`)).body;
    const stored = submissions.find((x: { formId: string }) => x.formId === section);
    const revised = await call(
      aliya,
      'PUT',
      `/api/submissions/${stored.id}`,
      { data: { ...stored.data, disclosureConsent: { consentGiven: false } } },
      { 'if-match': String(stored.revision) },
    );
    expect(revised.status).toBe(200);

    await dana.reload();
    await expect
      .poll(() => problem(dana))
      .toContain('This section is not shared with your organisation: the migrant has not consented to disclose it');
    expect(await dana.locator('komek-form').count()).toBe(0);
    await dana.getByRole('link', { name: 'Back to the case' }).click();
    await dana
      .getByText('No section of this case is shared with your organisation now: the migrant has not consented')
      .waitFor();
  });

  it('shows the next person to sign in on the page nothing of the case the previous one had open when their session ended', async () => {
    const page = await signedIn(desk.newContext, desk.url, 'aliya', desk.password);
    const caseId = await openCase(page);
    await page.goto(`${desk.url}/#/cases/${caseId}/forms/kz-f1-initial-application`);
    await formReady(page);
    await answer(page, fixture('kz-f1-initial-application'));
    expect((await call(page, 'POST', '/api/session/end-all', {})).status).toBe(204);
    await page.locator('komek-form').getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => problem(page)).toContain('Sign in again');
    await signIn(page, 'dana', desk.password);
    await expect.poll(() => problem(page)).toContain(`There is no case ${caseId}`);
    expect(await page.getByText(`Case ${caseId.slice(0, 8)} · Kazakhstan`).count()).toBe(0);
  });

  it('reads the report on screen again in the language chosen there: its titles and labels are not left in the last one', async () => {
    const context = await desk.newContext();
    const page = await context.newPage();
    await page.goto(desk.url);
    await signIn(page, 'hana', desk.password);
    const caption = page.locator('caption').first();
    await expect.poll(() => caption.textContent()).toContain('Cases opened, by country and status');
    await page.getByLabel(/^Language/).selectOption('ru');
    await page.getByRole('heading', { name: 'Отчёты', level: 1 }).waitFor();
    await expect.poll(() => caption.textContent()).toContain('Открытые дела по странам и статусу');
    expect(await page.locator('th', { hasText: 'Kazakhstan' }).count()).toBe(0);
  });

  it("names the referral's empty body name and a note's control character in the person's language, keeping the note", async () => {
    const page = await signedIn(desk.newContext, desk.url, 'aliya', desk.password);
    await openCase(page);
    await page.getByLabel(/^Language/).selectOption('kk');
    const form = page.locator('form.referral');
    await form.getByLabel('Қабылдаушы ұйым').selectOption('');
    await form.getByLabel('Басқа органның атауы').fill('   ');
    await form.getByRole('button').click();
    await expect.poll(() => problem(page)).toContain('«Басқа органның атауы»: өріс бос');
    await form.getByLabel('Басқа органның атауы').fill('Legal aid');
    await form.locator('textarea[name="note"]').fill('Call\u0007 first');
    await form.getByRole('button').click();
    await expect.poll(() => problem(page)).toContain('5-таңба мәтін емес (U+0007');
    expect(await form.locator('textarea[name="note"]').inputValue()).toBe('Call\u0007 first');
  });

  it("drops the forms' second language when it becomes the first, as the choice above the form then says", async () => {
    const page = await signedIn(desk.newContext, desk.url, 'aliya', desk.password);
    const caseId = await openCase(page);
    await page.goto(`${desk.url}/#/cases/${caseId}/forms/kz-f1-initial-application`);
    await formReady(page);
    await page.getByLabel('Second language of the form').selectOption('ru');
    await expect.poll(() => page.locator('komek-form').getAttribute('secondary-lang')).toBe('ru');
    await page.getByLabel(/^Language/).selectOption('ru');
    const second = page.getByLabel('Второй язык формы');
    await expect.poll(() => second.inputValue()).toBe('');
    expect(await page.locator('komek-form').getAttribute('secondary-lang')).toBeNull();
  });

  it('offers the second language on a form opened to change, as on a new form', async () => {
    const page = await signedIn(desk.newContext, desk.url, 'aliya', desk.password);
    const caseId = await openCase(page);
    await fill(page, desk.url, caseId, 'kz-f1-initial-application');
    const { submissions } = (await call(page, 'GET', `/api/cases/${caseId}`)).body;
    await page.goto(`${desk.url}/#/cases/${caseId}/submissions/${submissions[0].id}`);
    await formReady(page);
    await page.getByLabel('Second language of the form').selectOption('kk');
    await expect.poll(() => page.locator('komek-form').getAttribute('secondary-lang')).toBe('kk');
  });

  it('does not tell an organisation given access by the holder that a referral shared the case', async () => {
    const aliya = await signedIn(desk.newContext, desk.url, 'aliya', desk.password);
    const caseId = await openCase(aliya);
    await fill(aliya, desk.url, caseId, 'kz-f1-initial-application');
    await fill(aliya, desk.url, caseId, 'kz-f4-interview-consent');
    const bolat = await signedIn(desk.newContext, desk.url, 'bolat', desk.password);
    const { organisations } = (await call(bolat, 'GET', '/api/organisations')).body;
    const shelter = organisations.find((o: { name: string }) => o.name === 'Shelter Bishkek').id;
    const grant = await call(bolat, 'POST', `/api/cases/${caseId}/grants`, {
      organisationId: shelter,
      sections: ['kz-f1-initial-application'],
    });
    expect(grant.status).toBe(201);
    const dana = await signedIn(desk.newContext, desk.url, 'dana', desk.password);
    await dana.goto(`${desk.url}/#/cases/${caseId}`);
    const notice = dana.getByText(/^Shared with your organisation/);
    await expect.poll(() => notice.textContent()).toContain('by the organisation holding the case');
    expect(await notice.textContent()).not.toContain('referral');
  });

  it('tells the receiving organisation a referral is no longer shared after a refusal, without its notes', async () => {
    const aliya = await signedIn(desk.newContext, desk.url, 'aliya', desk.password);
    const caseId = await openCase(aliya);
    await fill(aliya, desk.url, caseId, 'kz-f1-initial-application');
    await fill(aliya, desk.url, caseId, 'kz-f4-interview-consent');
    const { organisations } = (await call(aliya, 'GET', '/api/organisations')).body;
    const shelter = organisations.find((o: { name: string }) => o.name === 'Shelter Bishkek').id;
    const referral = await call(aliya, 'POST', `/api/cases/${caseId}/referrals`, {
      receivingBody: 'Shelter Bishkek',
      kind: 'medical',
      sections: ['kz-f1-initial-application'],
      receivingOrganisationId: shelter,
      note: 'Lives at 5 Lenin street',
    });
    expect(referral.status).toBe(201);
    const dana = await signedIn(desk.newContext, desk.url, 'dana', desk.password);
    expect((await call(dana, 'POST', `/api/referrals/${referral.body.id}/status`, { status: 'accepted' })).status).toBe(
      200,
    );
    await fill(aliya, desk.url, caseId, 'kz-f4-interview-refusal');

    await dana.goto(`${desk.url}/#/referrals`);
    const item = dana.locator(`li[data-referral="${referral.body.id}"]`);
    await expect.poll(() => item.textContent()).toContain('The migrant has refused or withdrawn consent');
    expect(await item.textContent()).toContain('Nothing to open: the case is no longer shared.');
    expect(await item.textContent()).not.toContain('Lenin');
    expect(await item.getByRole('link').count()).toBe(0);
  });
});
