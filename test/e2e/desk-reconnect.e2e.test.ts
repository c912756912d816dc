/**
 * A screen opened while the connection was down says that the server did not answer; when the connection comes
 * back, the screen is read again instead of keeping that message over an empty screen.
 */
import { describe, expect, it } from 'vitest';
import { openCase, signedIn, phoneDesk } from './desk-support.js';

const desk = phoneDesk('komek-desk-reconnect');

describe('the connection lost and back', () => {
  it('reads the list of cases again when the connection returns', async () => {
    const page = await signedIn(desk.newContext, desk.url, 'aliya', desk.password);
    const caseId = await openCase(page);

    // Offline, back to the list: it cannot be read.
    await page.context().setOffline(true);
    await page.getByRole('link', { name: 'All cases' }).click();
    await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('The server did not answer');
    const listed = page.getByRole('region', { name: 'Cases', exact: true }).getByRole('link', {
      name: `Case ${caseId.slice(0, 8)}`,
    });
    expect(await listed.count()).toBe(0);

    // Online again: the list is there and the message is gone, without the person doing anything.
    await page.context().setOffline(false);
    await listed.waitFor();
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
  });
});
