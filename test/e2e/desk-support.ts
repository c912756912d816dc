/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument -- the element's data and the API's JSON are read as they come */
/**
 * What the case-desk flow tests share: building apps/desk when its sources changed, Chromium's flags, and the steps
 * a person takes (sign in, fill a form of the case and submit it, wait for the saved notice), each failing with
 * what the person would see.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createUser, organisationNamed, startServer, type RunningServer } from '@komek/server';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../chromium.js';

export { CHROMIUM, FLAGS } from '../chromium.js';
export const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
export const deskDir = root('apps/desk/');

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  let latest = statSync(path).mtimeMs;
  try {
    for (const e of readdirSync(path, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === 'dist' || e.name === 'docs') continue;
      latest = Math.max(latest, e.isDirectory() ? newest(join(path, e.name)) : statSync(join(path, e.name)).mtimeMs);
    }
  } catch {
    // A file, not a folder.
  }
  return latest;
}

/**
 * Builds the desk as it ships (Lit's production build and the service worker, whatever NODE_ENV the test runner
 * set) when dist is missing or older than its sources or the element's. Every desk test calls it through
 * `startDesk`, so one build serves them all.
 */
export async function buildDesk(): Promise<void> {
  const built = join(deskDir, 'dist/sw.js');
  const sources = [
    'apps/desk',
    'packages/elements/src',
    'packages/elements/vite.config.ts',
    'packages/core/src',
    'packages/forms/src',
    'packages/i18n/locales',
  ].map(root);
  if (
    process.env.KOMEK_E2E_REBUILD !== '1' &&
    existsSync(built) &&
    sources.every((s) => newest(s) <= statSync(built).mtimeMs)
  )
    return;
  const child = spawn(
    process.execPath,
    [join(deskDir, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: deskDir, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`building apps/desk failed (exit code ${code})`);
}

/** A user the desk test signs in as: the organisation is made (or found) by name. */
export interface DeskUser {
  username: string;
  organisation: string;
  roles: Parameters<typeof createUser>[1]['roles'];
  displayName?: string;
}

/** A running desk: `komek serve` on PGlite in a temporary folder, Chromium, and where screenshots go. */
export interface Desk {
  server: RunningServer;
  browser: Browser;
  /** apps/desk/docs/ with KOMEK_SCREENSHOTS=1 (the README's pictures), else a temporary folder. */
  shots: string;
  close(): Promise<void>;
}

/** Builds the desk if needed, starts a server with these users (all with `password`) and Chromium. */
export async function startDesk(name: string, users: DeskUser[], password: string): Promise<Desk> {
  await buildDesk();
  const dataDir = mkdtempSync(join(tmpdir(), `${name}-`));
  const keep = process.env.KOMEK_SCREENSHOTS === '1';
  const shots = keep ? root('apps/desk/docs/') : mkdtempSync(join(tmpdir(), `${name}-shots-`));
  const server = await startServer({ dataDir, port: 0, log: () => {}, deskDir: join(deskDir, 'dist') });
  const db = server.services.database.db;
  for (const u of users)
    await createUser(db, {
      organisationId: await organisationNamed(db, u.organisation),
      username: u.username,
      displayName: u.displayName ?? u.username,
      roles: u.roles,
      password,
    });
  const browser = await launchChromium();
  return {
    server,
    browser,
    shots,
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (!keep) rmSync(shots, { recursive: true, force: true });
    },
  };
}

export const fixture = (formId: string, name = 'valid-1') =>
  JSON.parse(new TextDecoder().decode(readFileSync(root(`test/fixtures/forms/${formId}/${name}.json`)))) as Record<
    string,
    any
  >;

/** How far the page scrolls sideways (0 when it fits the screen). */
export const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Waits until the `<komek-form>` on the page has loaded its form and validated its data once. */
export async function formReady(page: Page): Promise<void> {
  await page.locator('komek-form .form').first().waitFor();
  await page.evaluate(
    () => (document.querySelector('komek-desk')!.shadowRoot!.querySelector('komek-form') as any).ready,
  );
}

/** The answers the form on the page holds. */
export const formValue = (page: Page) =>
  page.evaluate(() => (document.querySelector('komek-desk')!.shadowRoot!.querySelector('komek-form') as any).value);

/** Sets answers in the form as a person's typing would leave them (the element's `data`), keeping what is there. */
export async function answer(page: Page, data: Record<string, unknown>): Promise<void> {
  await page.evaluate((d) => {
    const el = document.querySelector('komek-desk')!.shadowRoot!.querySelector('komek-form') as any;
    el.data = { ...el.value, ...d };
  }, data);
  await formReady(page);
}

/** Waits for a notice (role status) with this text; a problem shown instead fails with its text. */
export async function notice(page: Page, text: string): Promise<void> {
  const ok = page.getByRole('status').filter({ hasText: text });
  const problem = page.getByRole('alert');
  await ok.or(problem).first().waitFor({ timeout: 30_000 });
  if (await problem.count()) throw new Error(`refused: ${await problem.first().textContent()}`);
}

/** Errors thrown in the pages (a test expects none). */
export const pageErrors: string[] = [];

/** A person of the given user name signed in, in a fresh context (own cookies) at 375 px. */
export async function signedIn(
  newContext: () => Promise<BrowserContext>,
  url: string,
  username: string,
  password: string,
): Promise<Page> {
  const context = await newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${username}: ${e.message}`));
  // A violation of the desk's Content-Security-Policy is reported on the console: count it as an error.
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) pageErrors.push(`${username}: ${m.text()}`);
  });
  await page.goto(url);
  await signIn(page, username, password);
  await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
  return page;
}

/** Signs in on a page that shows the sign-in form; resolves once the desk is signed in (its "Sign out" shows). */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Opens a new case of a country from the list of cases; resolves with its id once its page shows. */
export async function openCase(page: Page, country = 'kz'): Promise<string> {
  await page.getByLabel('Country').first().selectOption(country);
  await page.getByRole('button', { name: 'Open a case' }).click();
  await page.getByRole('heading', { name: /^Case [0-9a-f]{8}$/, level: 1 }).waitFor();
  return /#\/cases\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}

/**
 * Opens a form of the case, merges in a fixture's answers over what the case prefilled (`keep` pointers' objects
 * stay as prefilled), submits it and waits for "Saved to the case." Returns what was prefilled.
 */
export async function fill(
  page: Page,
  url: string,
  caseId: string,
  formId: string,
  data: Record<string, any> = fixture(formId),
): Promise<Record<string, any>> {
  await page.goto(`${url}/#/cases/${caseId}/forms/${formId}`);
  await formReady(page);
  const prefilled = await formValue(page);
  const merged: Record<string, any> = { ...data };
  for (const [k, v] of Object.entries(prefilled)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && merged[k] && typeof merged[k] === 'object')
      merged[k] = { ...merged[k], ...v };
  }
  await answer(page, merged);
  await page.locator('komek-form').getByRole('button', { name: 'Submit' }).click();
  await notice(page, 'Saved to the case.');
  return prefilled;
}

/** The form ids a signed-in page's organisation reads of a case through the API (what it may see). */
export const visibleSections = (page: Page, caseId: string) =>
  page.evaluate(
    async (id) =>
      ((await (await fetch(`/api/cases/${id}`)).json()) as { submissions: { formId: string }[] }).submissions.map(
        (s) => s.formId,
      ),
    caseId,
  );

/** A desk of its own for one test file, as a phone shows it: its server, its one user and their password. */
export interface PhoneDesk {
  /** The server's address (once the file's `beforeAll` has run). */
  readonly url: string;
  readonly password: string;
  /** A new 375 × 740 browser context in British English, closed with the desk. */
  readonly newContext: () => Promise<BrowserContext>;
}

/**
 * Starts a desk (`startDesk`) with one specialist, `aliya` of "Crisis centre Almaty" (and `more` users, with the same
 * password), before the file's tests and closes it and every context made with `newContext` after them.
 */
export function phoneDesk(name: string, more: DeskUser[] = []): PhoneDesk {
  let desk: Desk | undefined;
  const contexts: BrowserContext[] = [];
  const password = `pw-${Math.random().toString(36).slice(2)}-Desk!2026`;
  beforeAll(async () => {
    desk = await startDesk(
      name,
      [{ username: 'aliya', organisation: 'Crisis centre Almaty', roles: ['specialist'] }, ...more],
      password,
    );
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await desk?.close();
  });
  return {
    get url() {
      return desk!.server.url;
    },
    password,
    newContext: async () => {
      const c = await desk!.browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'en-GB' });
      contexts.push(c);
      return c;
    },
  };
}
