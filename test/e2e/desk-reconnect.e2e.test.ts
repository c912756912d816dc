/**
 * A screen opened while the connection was down says that the server did not answer; when the connection comes
 * back, the screen is read again instead of keeping that message over an empty screen.
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, startDesk, type Desk } from './desk-support.js';

let desk: Desk;
const password = `pw-${Math.random().toString(36).slice(2)}-Desk!2026`;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  desk = await startDesk(
    'komek-desk-reconnect',
    [{ username: 'aliya', organisation: 'Crisis centre Almaty', roles: ['specialist'] }],
    password,
  );
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await desk?.close();
});

const newContext = async () => {
  const c = await desk.browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'en-GB' });
  contexts.push(c);
  return c;
};

describe('the connection lost and back', () => {
  it('reads the list of cases again when the connection returns', async () => {
    const page = await signedIn(newContext, desk.server.url, 'aliya', password);
    await page.getByLabel('Country').first().selectOption('kz');
    await page.getByRole('button', { name: 'Open a case' }).click();
    await page.getByRole('heading', { name: /^Case [0-9a-f]{8}$/, level: 1 }).waitFor();
    const caseId = /#\/cases\/([0-9a-f-]{36})/.exec(page.url())![1]!;

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
