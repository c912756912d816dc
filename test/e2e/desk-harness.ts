/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return -- the element's data is read as it comes */
/**
 * What an end-to-end test of the case desk needs: the desk built (when its sources changed), a real `komek serve` on
 * PGlite in a temporary folder with a signed-up specialist, Chromium, and the steps a person takes on the desk's
 * pages (sign in, answer a form, wait for "saved").
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createUser, organisationNamed, startServer, type RunningServer } from '@komek/server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
export const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const deskDir = root('apps/desk/');

/** The newest modification time under a folder (node_modules and dist left out). */
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

/** Builds the desk when dist is missing or older than its sources or the element's. */
export async function buildDesk(): Promise<void> {
  const built = join(deskDir, 'dist/index.html');
  const sources = [
    'apps/desk',
    'packages/elements/src',
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
    { cwd: deskDir, stdio: 'inherit' },
  );
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`building apps/desk failed (exit code ${code})`);
}

export const fixture = (formId: string) =>
  JSON.parse(new TextDecoder().decode(readFileSync(root(`test/fixtures/forms/${formId}/valid-1.json`)))) as Record<
    string,
    any
  >;

export interface DeskRig {
  server: RunningServer;
  browser: Browser;
  username: string;
  password: string;
  /** Where screenshots go: apps/desk/docs with KOMEK_SCREENSHOTS=1, else a temporary folder. */
  shots: string;
  close(): Promise<void>;
}

/** Builds the desk, starts `komek serve` on PGlite with one specialist, and launches Chromium. */
export async function startDesk(): Promise<DeskRig> {
  await buildDesk();
  const dataDir = mkdtempSync(join(tmpdir(), 'komek-desk-'));
  const server = await startServer({ dataDir, port: 0, log: () => {}, deskDir: join(deskDir, 'dist') });
  const username = 'aliya';
  const password = `pw-${Math.random().toString(36).slice(2)}-Desk!2026`;
  const org = await organisationNamed(server.services.database.db, 'Crisis centre Almaty');
  await createUser(server.services.database.db, {
    organisationId: org,
    username,
    displayName: 'Aliya Seitkali',
    roles: ['specialist'],
    password,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const shots =
    process.env.KOMEK_SCREENSHOTS === '1' ? root('apps/desk/docs/') : mkdtempSync(join(tmpdir(), 'komek-desk-shots-'));
  return {
    server,
    browser,
    username,
    password,
    shots,
    async close() {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (process.env.KOMEK_SCREENSHOTS !== '1') rmSync(shots, { recursive: true, force: true });
    },
  };
}

/** Signs in on the sign-in page and waits for the case list. */
export async function signIn(page: Page, rig: DeskRig): Promise<void> {
  await page.goto(rig.server.url);
  await page.getByLabel('User name').fill(rig.username);
  await page.getByLabel('Password').fill(rig.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
}

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

/** The form's current value, as the element holds it. */
export const formValue = (page: Page): Promise<Record<string, any>> =>
  page.evaluate(() => (document.querySelector('komek-desk')!.shadowRoot!.querySelector('komek-form') as any).value);

/** Sets answers in the form as a person's typing would leave them (the element's `data`), keeping what is there. */
export async function answer(page: Page, data: Record<string, unknown>): Promise<void> {
  await page.evaluate((d) => {
    const el = document.querySelector('komek-desk')!.shadowRoot!.querySelector('komek-form') as any;
    el.data = { ...el.value, ...d };
  }, data);
  await formReady(page);
}

/** Waits for the case page's "saved" notice; a refusal shown instead fails with the message the person sees. */
export async function saved(page: Page): Promise<void> {
  const notice = page.getByRole('status').filter({ hasText: 'Saved to the case.' });
  const problem = page.getByRole('alert');
  await notice.or(problem).first().waitFor({ timeout: 30_000 });
  if (await problem.count()) throw new Error(`not saved: ${await problem.first().textContent()}`);
}
