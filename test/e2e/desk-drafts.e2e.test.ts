/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return -- the element's data and the API's JSON are read as they come */
/**
 * What a person types into a form of the case survives a reload (a closed tab, a crash) before it is sent: the form
 * keeps an encrypted draft on the device under the user's and the case's ids, restores it when the form opens
 * again, keeps it when the server refuses the form, and deletes it once the form is stored. A submission opened to
 * change it keeps a draft of its own the same way; one typed on a revision someone has replaced since waits in the
 * outbox as a conflict to settle. Signing out deletes every draft the desk wrote for the user; so
 * does the next person's signing in when the session ran out instead.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  answer,
  fill,
  fixture,
  formReady,
  formValue,
  notice,
  openCase,
  phoneDesk,
  signedIn,
  signIn,
} from './desk-support.js';

const desk = phoneDesk('komek-desk-drafts', [
  { username: 'nurlan', organisation: 'Crisis centre Almaty', roles: ['specialist'] },
]);

/** How many drafts the page's origin holds (those kept aside included): what a copy of the profile would hold. */
const drafts = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('komek-drafts');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames].filter((n) => n !== 'keys');
          if (names.length === 0) {
            db.close();
            return resolve(0);
          }
          let total = 0;
          const tx = db.transaction(names, 'readonly');
          for (const n of names) tx.objectStore(n).count().onsuccess = (e: any) => (total += e.target.result);
          tx.oncomplete = () => {
            db.close();
            resolve(total);
          };
        };
      }),
  );

const fullName = (page: Page) => page.locator('komek-form').getByRole('textbox', { name: 'I, (Full name)' });

describe('a form of the case being filled', () => {
  it('keeps what was typed through a reload, and forgets it once the form is stored', async () => {
    const page = await signedIn(desk.newContext, desk.url, 'aliya', desk.password);
    const caseId = await openCase(page);
    const formUrl = `${desk.url}/#/cases/${caseId}/forms/kz-f4-interview-consent`;

    // Typed as a person types, then submitted with most questions unanswered.
    await page.goto(formUrl);
    await formReady(page);
    await fullName(page).pressSequentially('Test Person');
    await page.locator('komek-form').getByRole('button', { name: 'Submit' }).click();
    await page.locator('komek-form .summary').waitFor();

    // Saved on the device once typing pauses (a reload at that moment finds it).
    await expect.poll(() => drafts(page)).toBe(1);

    // A reload: the name is still there.
    await page.reload();
    await formReady(page);
    await expect.poll(() => fullName(page).inputValue()).toBe('Test Person');
    expect((await formValue(page)).fullName).toBe('Test Person');

    // The rest of the answers, submitted and stored: the next time the form opens, it has no draft.
    await answer(page, fixture('kz-f4-interview-consent'));
    await page.locator('komek-form').getByRole('button', { name: 'Submit' }).click();
    // The notice stays through the case page's redraws (its organisations arrive after it), and goes once the person
    // moves on.
    await notice(page, 'Saved to the case.');
    await expect.poll(() => drafts(page)).toBe(0);
    await page.getByRole('link', { name: 'All cases' }).click();
    await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Saved to the case.' }).count()).toBe(0);
  });
});

/** A new case with the interview consent filled and stored: the page, the case and the submission. */
async function savedConsent(): Promise<{ page: Page; caseId: string; submissionId: string }> {
  const page = await signedIn(desk.newContext, desk.url, 'aliya', desk.password);
  const caseId = await openCase(page);
  await fill(page, desk.url, caseId, 'kz-f4-interview-consent');
  const submissionId = await page.evaluate(
    async (id) => (await (await fetch(`/api/cases/${id}`)).json()).submissions[0].id as string,
    caseId,
  );
  return { page, caseId, submissionId };
}

describe('a saved form being changed', () => {
  it('keeps what was typed through a reload, apart from a new form of the same kind, and forgets it once saved', async () => {
    const { page, caseId, submissionId } = await savedConsent();
    expect(await drafts(page)).toBe(0);

    // Opened to change (the case page's link), a name typed over the one saved.
    await page.goto(`${desk.url}/#/cases/${caseId}`);
    await page.locator(`a[href="#/cases/${caseId}/submissions/${submissionId}"]`).click();
    await page.getByText('You are changing revision 1.').waitFor();
    await formReady(page);
    await fullName(page).fill('');
    await fullName(page).pressSequentially('Changed Person');
    await expect.poll(() => drafts(page)).toBe(1);

    // A reload (a closed tab): what was typed is back.
    await page.reload();
    await formReady(page);
    await expect.poll(() => fullName(page).inputValue()).toBe('Changed Person');
    expect((await formValue(page)).fullName).toBe('Changed Person');

    // A new form of the same kind of the same case does not take the change's draft.
    await page.goto(`${desk.url}/#/cases/${caseId}/forms/kz-f4-interview-consent`);
    await formReady(page);
    expect(await fullName(page).inputValue()).not.toBe('Changed Person');

    // Saved as revision 2: the draft goes.
    await page.goto(`${desk.url}/#/cases/${caseId}/submissions/${submissionId}`);
    await page.getByText('You are changing revision 1.').waitFor();
    await formReady(page);
    await expect.poll(() => fullName(page).inputValue()).toBe('Changed Person');
    await page.locator('komek-form').getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('heading', { name: `Case ${caseId.slice(0, 8)}`, level: 1 }).waitFor();
    const saved = await page.evaluate(async (id) => await (await fetch(`/api/submissions/${id}`)).json(), submissionId);
    expect([saved.revision, saved.data.fullName]).toEqual([2, 'Changed Person']);
    expect(await drafts(page)).toBe(0);
  });
});

describe('a draft of a revision someone has replaced since', () => {
  it('is not lost: it waits on the case page as a conflict to compare, keep or discard', async () => {
    const { page, caseId, submissionId } = await savedConsent();
    const editUrl = `${desk.url}/#/cases/${caseId}/submissions/${submissionId}`;

    // Typed over revision 1 and left unsaved (the tab closed).
    await page.goto(editUrl);
    await page.getByText('You are changing revision 1.').waitFor();
    await formReady(page);
    await fullName(page).fill('');
    await fullName(page).pressSequentially('Typed Person');
    await expect.poll(() => drafts(page)).toBe(1);
    await page.goto(`${desk.url}/#/cases`);

    // Meanwhile revision 2 is saved (a colleague, another tab).
    const saved = await page.evaluate(async (id) => {
      const me = await (await fetch('/api/session')).json();
      const current = await (await fetch(`/api/submissions/${id}`)).json();
      const res = await fetch(`/api/submissions/${id}`, {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': me.csrfToken,
          'idempotency-key': crypto.randomUUID(),
          'if-match': '"1"',
        },
        body: JSON.stringify({ data: { ...current.data, fullName: 'Their Person' } }),
      });
      return res.status;
    }, submissionId);
    expect(saved).toBe(200);

    // Opened again: the form shows revision 2, and says where the answers typed on revision 1 are.
    await page.goto(editUrl);
    await page.getByText('You are changing revision 2.').waitFor();
    await notice(page, 'What you typed on revision 1 of this form on this device was not saved');
    await formReady(page);
    await expect.poll(() => fullName(page).inputValue()).toBe('Their Person');
    expect(await drafts(page)).toBe(0);

    // On the case page they wait as a conflict; compared, and kept as revision 3.
    await page.goto(`${desk.url}/#/cases/${caseId}`);
    const queued = page.locator('li[data-queued="kz-f4-interview-consent"]');
    await expect.poll(() => queued.getAttribute('data-state')).toBe('conflict');
    await queued.getByRole('button', { name: /Resolve/ }).click();
    await page.getByRole('button', { name: 'Compare side by side' }).click();
    await expect
      .poll(() => page.locator('table.compare tbody tr').allTextContents())
      .toEqual([expect.stringMatching(/fullName[\s\S]*Their Person[\s\S]*Typed Person/)]);
    await page.getByRole('button', { name: 'Save mine as a new revision' }).click();
    await expect.poll(() => queued.count(), { timeout: 30_000 }).toBe(0);
    const after = await page.evaluate(async (id) => await (await fetch(`/api/submissions/${id}`)).json(), submissionId);
    expect([after.revision, after.data.fullName]).toEqual([3, 'Typed Person']);
  });
});

describe('signing out', () => {
  it("deletes the user's drafts from the browser, a save still waiting for the typing pause included", async () => {
    const page = await signedIn(desk.newContext, desk.url, 'aliya', desk.password);
    const caseId = await openCase(page);
    await page.goto(`${desk.url}/#/cases/${caseId}/forms/kz-f4-interview-consent`);
    await formReady(page);
    await fullName(page).pressSequentially('Test Person');
    await expect.poll(() => drafts(page)).toBe(1);

    // Another form, typed into and left at once: its save would come after the pause.
    await page.goto(`${desk.url}/#/cases/${caseId}/forms/kz-f1-initial-application`);
    await formReady(page);
    await page.locator('komek-form').getByRole('textbox').first().pressSequentially('Aigerim');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await drafts(page)).toBe(0);

    // Signed in again, the form opens without them.
    await signIn(page, 'aliya', desk.password);
    await page.goto(`${desk.url}/#/cases/${caseId}/forms/kz-f4-interview-consent`);
    await formReady(page);
    expect(await fullName(page).inputValue()).toBe('');
    expect(await drafts(page)).toBe(0);
  });

  it('keeps them when the session ran out, for the same person to go on, and deletes them when someone else signs in', async () => {
    const page = await signedIn(desk.newContext, desk.url, 'aliya', desk.password);
    const caseId = await openCase(page);
    const formUrl = `${desk.url}/#/cases/${caseId}/forms/kz-f4-interview-consent`;
    await page.goto(formUrl);
    await formReady(page);
    await fullName(page).pressSequentially('Test Person');
    await expect.poll(() => drafts(page)).toBe(1);
    // The session ends on the server (as when it runs out), not through the desk.
    const endSession = () =>
      page.evaluate(async () => {
        const me = await (await fetch('/api/session')).json();
        await fetch('/api/session', { method: 'DELETE', headers: { 'x-csrf-token': me.csrfToken } });
      });
    await endSession();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await drafts(page)).toBe(1);

    // The same person signs in again: what they typed is back.
    await signIn(page, 'aliya', desk.password);
    await page.goto(formUrl);
    await formReady(page);
    await expect.poll(() => fullName(page).inputValue()).toBe('Test Person');

    // Their session runs out again, and a colleague signs in on this browser: the drafts go.
    await endSession();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await drafts(page)).toBe(1);
    await signIn(page, 'nurlan', desk.password);
    expect(await drafts(page)).toBe(0);
  });
});
