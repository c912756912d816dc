/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return -- the element's data and the API's JSON are read as they come */
/**
 * What a person types into a form of the case survives a reload (a closed tab, a crash) before it is sent: the form
 * keeps an encrypted draft on the device under the user's and the case's ids, restores it when the form opens
 * again, keeps it when the server refuses the form, and deletes it once the form is stored.
 */
import { describe, expect, it } from 'vitest';
import { answer, fixture, formReady, formValue, notice, signedIn, phoneDesk } from './desk-support.js';

const desk = phoneDesk('komek-desk-drafts');

describe('a form of the case being filled', () => {
  it('keeps what was typed through a reload, and forgets it once the form is stored', async () => {
    const page = await signedIn(desk.newContext, desk.url, 'aliya', desk.password);
    await page.getByLabel('Country').first().selectOption('kz');
    await page.getByRole('button', { name: 'Open a case' }).click();
    await page.getByRole('heading', { name: /^Case [0-9a-f]{8}$/, level: 1 }).waitFor();
    const caseId = /#\/cases\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const drafts = () =>
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
    const formUrl = `${desk.url}/#/cases/${caseId}/forms/kz-f4-interview-consent`;

    // Typed as a person types, then submitted with most questions unanswered.
    await page.goto(formUrl);
    await formReady(page);
    const fullName = page.locator('komek-form').getByRole('textbox', { name: 'I, (Full name)' });
    await fullName.pressSequentially('Test Person');
    await page.locator('komek-form').getByRole('button', { name: 'Submit' }).click();
    await page.locator('komek-form .summary').waitFor();

    // Saved on the device once typing pauses (a reload at that moment finds it).
    await expect.poll(drafts).toBe(1);

    // A reload: the name is still there.
    await page.reload();
    await formReady(page);
    await expect.poll(() => fullName.inputValue()).toBe('Test Person');
    expect((await formValue(page)).fullName).toBe('Test Person');

    // The rest of the answers, submitted and stored: the next time the form opens, it has no draft.
    await answer(page, fixture('kz-f4-interview-consent'));
    await page.locator('komek-form').getByRole('button', { name: 'Submit' }).click();
    await notice(page, 'Saved to the case.');
    await expect.poll(drafts).toBe(0);
  });
});
