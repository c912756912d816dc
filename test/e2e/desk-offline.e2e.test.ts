/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call -- the element's data, IndexedDB records and the API's JSON are read as they come */
/**
 * The case desk offline and on paper, in Debian's Chromium against a real `komek serve` on PGlite: a form submitted
 * without a connection is queued encrypted in IndexedDB, still shown after a reload offline (the service worker
 * serves the desk), and stored exactly once when the connection returns — also when the first attempt did reach the
 * server; a revision made offline that meets another person's revision is shown as a conflict and settled by the
 * person; signing out with forms waiting warns first. Paper: a form printed blank and filled in the case's two
 * languages, the case packet, and a PDF filled in a viewer checked (problems listed, nothing stored) before it is
 * stored.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createPaperForm, readPaperForm, readPaperPack } from '@komek/pdf';
import type { RunningServer } from '@komek/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.js';
import { answer, fixture, formReady, sideways, signIn as signInAs, startDesk, type Desk } from './desk-support.js';

let server: RunningServer;
let running: Desk;
let browser: Browser;
let files: string;
const password = `pw-${Math.random().toString(36).slice(2)}-Desk!2026`;

beforeAll(async () => {
  files = mkdtempSync(join(tmpdir(), 'komek-desk-offline-files-'));
  running = await startDesk(
    'komek-desk-offline',
    [
      { username: 'aliya', displayName: 'Aliya Seitkali', organisation: 'Crisis centre Almaty', roles: ['specialist'] },
      {
        username: 'bota',
        displayName: 'Bota Zhaksylykova',
        organisation: 'Crisis centre Almaty',
        roles: ['specialist'],
      },
    ],
    password,
  );
  ({ server, browser } = running);
});

afterAll(async () => {
  await running?.close();
  if (files) rmSync(files, { recursive: true, force: true });
});

const desk = (page: Page) => page.locator('komek-desk');

async function signIn(context: BrowserContext, username = 'aliya'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(server.url);
  await signInAs(page, username, password);
  await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
  return page;
}

/** A call to the API from the page, with the session's cookie and CSRF token. */
function call(page: Page, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return page.evaluate(
    async ({ method, path, body, headers }) => {
      const me = await (await fetch('/api/session')).json();
      const res = await fetch(path, {
        method,
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': me.csrfToken,
          'idempotency-key': crypto.randomUUID(),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: await res.json() };
    },
    { method, path, body, headers },
  );
}

async function newCase(page: Page, country: 'kz' | 'kg' | 'tj'): Promise<string> {
  const r = await call(page, 'POST', '/api/cases', { country });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

/** The queued records and the user's key as IndexedDB holds them, read in the page. */
function outboxInPage(page: Page) {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('komek-desk');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(new Error(String(r.error)));
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => resolve(r.result as T[]);
        r.onerror = () => reject(new Error(String(r.error)));
      });
    const records = await all<Record<string, unknown>>('outbox');
    const keys = await all<{ key: CryptoKey }>('keys');
    const exported = await Promise.all(
      keys.map((k) =>
        crypto.subtle.exportKey('raw', k.key).then(
          () => 'exported',
          (e: Error) => e.name,
        ),
      ),
    );
    db.close();
    // Everything a record holds, as text: its plain fields and its bytes decoded every way a reader might try.
    const text = records.map((r) => {
      const sealed = new Uint8Array(r.sealed as ArrayBuffer);
      return [
        JSON.stringify({ ...r, sealed: undefined, iv: undefined }),
        new TextDecoder('utf-8').decode(sealed),
        new TextDecoder('utf-16le').decode(sealed),
        String.fromCharCode(...sealed),
      ].join('\n');
    });
    return {
      count: records.length,
      states: records.map((r) => r.state),
      keys: keys.map((k) => ({ extractable: k.key.extractable, algorithm: k.key.algorithm.name })),
      exported,
      text,
    };
  });
}

describe('the case desk offline and on paper', () => {
  let caseId: string;
  const typedName = 'Dilnoza Qodirova-Offline';

  it('queues a form submitted offline, encrypted; shows it after a reload offline; stores it once when online', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'en-GB' });
    const page = await signIn(context);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The service worker is installed and controls the page (the desk and its forms precached).
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    const manifest = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).json());
    expect(manifest).toMatchObject({ display: 'standalone', start_url: '/' });
    // The service worker's precache holds the desk and the forms' chunks, and nothing of /api.
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys())
        for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
      return urls;
    });
    expect(cached.length).toBeGreaterThan(100);
    expect(cached.some((u) => /\.woff2$/.test(u))).toBe(true);
    expect(cached.filter((u) => u.startsWith('/api'))).toEqual([]);

    caseId = await newCase(page, 'kz');
    await page.goto(`${server.url}/#/cases/${caseId}/forms/kz-f4-interview-consent`);
    await formReady(page);
    await answer(page, { ...fixture('kz-f4-interview-consent'), fullName: typedName });

    // The connection drops; the form is submitted: it waits on this device, encrypted.
    await context.setOffline(true);
    await page.locator('komek-form').getByRole('button', { name: 'Submit' }).click();
    await desk(page).getByRole('status').filter({ hasText: 'No connection: the form is kept' }).waitFor();
    const queued = page.locator('li[data-queued="kz-f4-interview-consent"]');
    await expect.poll(() => queued.getAttribute('data-state')).toBe('waiting');
    await expect.poll(() => page.locator('.outbox-indicator').textContent()).toMatch(/Waiting to send: 1/);
    const stored = await outboxInPage(page);
    expect(stored.count).toBe(1);
    expect(stored.keys).toEqual([{ extractable: false, algorithm: 'AES-GCM' }]);
    expect(stored.exported).toEqual(['InvalidAccessError']);
    for (const t of stored.text) {
      expect(t).not.toContain(typedName);
      expect(t).not.toContain('Qodirova');
      expect(t).not.toContain('Kara-Suu');
    }

    // Reloaded without a connection: the service worker serves the desk, which shows the form still queued.
    await page.reload();
    await page.getByRole('heading', { name: `Case ${caseId.slice(0, 8)}`, level: 1 }).waitFor();
    await expect.poll(() => queued.getAttribute('data-state')).toBe('waiting');
    await expect
      .poll(() => page.locator('.outbox-indicator').textContent())
      .toMatch(/No connection[\s\S]*Waiting to send: 1/);
    // The person can read what waits (decrypted in the page, for them).
    await queued.getByRole('button', { name: /Show/ }).click();
    await page.locator('.queued-open').waitFor();
    expect(await sideways(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // The connection returns: the form is sent with its key and stored once.
    await context.setOffline(false);
    await expect.poll(() => queued.count(), { timeout: 30_000 }).toBe(0);
    const c = await call(page, 'GET', `/api/cases/${caseId}`);
    expect(c.body.submissions.map((s: any) => [s.formId, s.data.fullName])).toEqual([
      ['kz-f4-interview-consent', typedName],
    ]);
    await expect
      .poll(() => page.locator('li[data-form="kz-f4-interview-consent"]').first().textContent())
      .toMatch(/Submitted/);
    expect((await outboxInPage(page)).count).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a first attempt that reached the server but lost its reply is not stored twice (same Idempotency-Key)', async () => {
    // No service worker here, so that the page's requests can be cut after the server answered.
    const context = await browser.newContext({
      viewport: { width: 375, height: 812 },
      locale: 'en-GB',
      serviceWorkers: 'block',
    });
    const page = await signIn(context);
    await page.goto(`${server.url}/#/cases/${caseId}/forms/kz-f1-initial-application`);
    await formReady(page);
    await answer(page, fixture('kz-f1-initial-application'));
    let reached = 0;
    await page.route('**/api/cases/*/submissions', async (route) => {
      await route.fetch(); // the server stores it …
      reached++;
      await route.abort('connectionreset'); // … and the reply never comes back
    });
    await page.locator('komek-form').getByRole('button', { name: 'Submit' }).click();
    const queued = page.locator('li[data-queued="kz-f1-initial-application"]');
    await queued.waitFor();
    expect(reached).toBe(1);
    await page.unroute('**/api/cases/*/submissions');
    await page.locator('.outbox-indicator').getByRole('button', { name: 'Send now' }).click();
    await expect.poll(() => queued.count(), { timeout: 30_000 }).toBe(0);
    const c = await call(page, 'GET', `/api/cases/${caseId}`);
    expect(c.body.submissions.filter((s: any) => s.formId === 'kz-f1-initial-application')).toHaveLength(1);
    await context.close();
  });

  it('a revision made offline that meets another revision is a conflict the person settles; sign-out warns', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'en-GB' });
    const page = await signIn(context);
    await page.evaluate(() => navigator.serviceWorker.ready);
    const application = (await call(page, 'GET', `/api/cases/${caseId}`)).body.submissions.find(
      (s: any) => s.formId === 'kz-f1-initial-application',
    );
    await page.goto(`${server.url}/#/cases/${caseId}/submissions/${application.id}`);
    await formReady(page);
    await desk(page)
      .getByText(/You are changing revision 1\./)
      .waitFor();
    const mine: Record<string, unknown> = {
      ...application.data,
      passportWhereabouts: 'Kept by the employer in Almaty (mine)',
    };
    await answer(page, mine);
    await context.setOffline(true);
    await page.locator('komek-form').getByRole('button', { name: 'Submit' }).click();
    const queued = page.locator('li[data-queued="kz-f1-initial-application"]');
    await expect.poll(() => queued.getAttribute('data-state')).toBe('waiting');

    // Meanwhile a colleague revises the same form.
    const colleague = await browser.newContext();
    const other = await signIn(colleague, 'bota');
    const theirs = { ...application.data, passportWhereabouts: 'Returned to him by the police (theirs)' };
    const revised = await call(
      other,
      'PUT',
      `/api/submissions/${application.id}`,
      { data: theirs },
      { 'if-match': '"1"' },
    );
    expect(revised.status).toBe(200);
    await colleague.close();

    // Back online: nothing is overwritten; the desk shows the conflict.
    await context.setOffline(false);
    await expect.poll(() => queued.getAttribute('data-state'), { timeout: 30_000 }).toBe('conflict');
    expect((await call(page, 'GET', `/api/submissions/${application.id}`)).body.data.passportWhereabouts).toBe(
      theirs.passportWhereabouts,
    );
    await queued.getByRole('button', { name: /Resolve/ }).click();
    await desk(page).getByRole('alert').filter({ hasText: 'Someone else saved a new revision' }).waitFor();
    await page.getByRole('button', { name: 'Compare side by side' }).click();
    const row = page.locator('table.compare tbody tr');
    await expect
      .poll(() => row.allTextContents())
      .toEqual([expect.stringMatching(/passportWhereabouts[\s\S]*\(theirs\)[\s\S]*\(mine\)/)]);
    expect(await sideways(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save mine as a new revision' }).click();
    await expect.poll(() => queued.count(), { timeout: 30_000 }).toBe(0);
    const revisions = (await call(page, 'GET', `/api/submissions/${application.id}/revisions`)).body.revisions;
    expect(revisions.map((r: any) => [r.revision, r.data.passportWhereabouts])).toEqual([
      [1, application.data.passportWhereabouts],
      [2, theirs.passportWhereabouts],
      [3, mine.passportWhereabouts],
    ]);

    // Signing out with a form still waiting asks first; staying keeps it, confirming deletes it and its key.
    await page.goto(`${server.url}/#/cases/${caseId}/forms/kz-f1-initial-application`);
    await formReady(page);
    await answer(page, fixture('kz-f1-initial-application'));
    await context.setOffline(true);
    await page.locator('komek-form').getByRole('button', { name: 'Submit' }).click();
    await page.locator('li[data-queued="kz-f1-initial-application"]').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    const warning = page.getByRole('alertdialog');
    await expect.poll(() => warning.textContent()).toMatch(/1 forms have not been sent yet/);
    await page.getByRole('button', { name: 'Stay signed in' }).click();
    expect((await outboxInPage(page)).count).toBe(1);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign out and delete them' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const after = await outboxInPage(page);
    expect([after.count, after.keys.length]).toEqual([0, 0]);
    await context.setOffline(false);
    await context.close();
  });

  it('prints blank and filled forms in the case languages, the packet, and checks a paper upload before storing it', async () => {
    const context = await browser.newContext({
      viewport: { width: 375, height: 812 },
      locale: 'en-GB',
      acceptDownloads: true,
    });
    const page = await signIn(context);
    await page.goto(`${server.url}/#/cases/${caseId}`);
    await page.getByRole('heading', { name: 'Paper', exact: true }).waitFor();
    const pdfAt = async (href: string) =>
      new Uint8Array(await page.evaluate(async (h) => [...new Uint8Array(await (await fetch(h)).arrayBuffer())], href));

    // Blank: the form chosen, in Kazakh and Russian; downloaded as a person would.
    await page.getByLabel('Blank form').selectOption('kz-f5-identification-application');
    const blankLink = page.getByRole('link', { name: 'PDF, blank' });
    expect(await blankLink.getAttribute('href')).toBe('/api/forms/kz-f5-identification-application/pdf?lang=kk,ru');
    const download = await Promise.all([page.waitForEvent('download'), blankLink.click()]).then(([d]) => d);
    const blank = readFileSync(await download.path());
    const blankRead = await readPaperForm(blank);
    expect(blankRead).toMatchObject({ formId: 'kz-f5-identification-application', languages: ['kk', 'ru'] });

    // Filled: the consent as stored, read back from the PDF's fields.
    const filledLink = page
      .locator('li[data-record-form="kz-f4-interview-consent"]')
      .getByRole('link', { name: /PDF, filled/ });
    const filled = await readPaperForm(await pdfAt((await filledLink.getAttribute('href'))!));
    expect(filled.languages).toEqual(['kk', 'ru']);
    expect(filled.data.fullName).toBe(typedName);
    const packet = await readPaperPack(
      await pdfAt((await page.getByRole('link', { name: /case packet/ }).getAttribute('href'))!),
    );
    expect(packet.map((f) => f.formId)).toEqual(
      expect.arrayContaining(['kz-f4-interview-consent', 'kz-f1-initial-application']),
    );

    // A paper form with problems: listed, nothing stored, no way to store it.
    writeFileSync(join(files, 'blank.pdf'), blank);
    await page.getByLabel('PDF file').setInputFiles(join(files, 'blank.pdf'));
    await page.getByRole('button', { name: 'Check it' }).click();
    const preview = page.locator('.paper-preview');
    await preview.getByText(/Problems to settle before it can be stored: \d+/).waitFor();
    expect(await preview.locator('.problem li').count()).toBeGreaterThan(0);
    expect(await preview.getByRole('button', { name: 'Add it to the case' }).count()).toBe(0);
    expect(await sideways(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    const before = (await call(page, 'GET', `/api/cases/${caseId}`)).body.submissions.length;
    await preview.getByRole('button', { name: 'Cancel' }).click();

    // A good one: what it adds is shown; stored only when confirmed.
    const data = fixture('kz-f5-identification-application');
    writeFileSync(
      join(files, 'good.pdf'),
      await createPaperForm('kz-f5-identification-application', { languages: ['kk', 'ru'], data, mode: 'filled' }),
    );
    await page.getByLabel('PDF file').setInputFiles(join(files, 'good.pdf'));
    await page.getByRole('button', { name: 'Check it' }).click();
    await preview.getByText('No problems found.').waitFor();
    expect(await preview.locator('.paper-answers').textContent()).toContain(data.expert.fullName);
    expect((await call(page, 'GET', `/api/cases/${caseId}`)).body.submissions.length).toBe(before);
    await preview.getByRole('button', { name: 'Add it to the case' }).click();
    await desk(page).getByRole('status').filter({ hasText: 'The paper form was added to the case.' }).waitFor();
    const after = (await call(page, 'GET', `/api/cases/${caseId}`)).body.submissions;
    expect(after.length).toBe(before + 1);
    expect(after.filter((s: any) => s.formId === 'kz-f5-identification-application').map((s: any) => s.data)).toEqual([
      data,
    ]);
    await context.close();
  });
});
