/**
 * The reports screen of the case desk, served by a real server on PGlite in a temporary data folder and driven in
 * Debian's Chromium: a person with the reporting role signs in, lands on the reports, sees each indicator's chart
 * with its table, switches the period, and downloads the report PDF; axe finds nothing at 375 px and on a desktop
 * screen. The cases are crafted facts in past months (reports cover months that have ended).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createUser, organisationNamed, startServer, type RunningServer } from '@komek/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.js';

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
const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const deskDir = root('apps/desk/');

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

/** Builds the desk when dist is missing or older than its sources. */
async function buildDesk(): Promise<void> {
  const built = join(deskDir, 'dist/index.html');
  const sources = ['apps/desk', 'packages/elements/src', 'packages/core/src', 'packages/forms/src'].map(root);
  if (existsSync(built) && sources.every((s) => newest(s) <= statSync(built).mtimeMs)) return;
  const child = spawn(
    process.execPath,
    [join(deskDir, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: deskDir, stdio: 'inherit' },
  );
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`building apps/desk failed (exit code ${code})`);
}

let server: RunningServer;
let dataDir: string;
let browser: Browser;
let shots: string;
const password = `pw-${Math.random().toString(36).slice(2)}-Rep!2026`;

/** The first month of the last whole quarter and its two neighbours: where the crafted cases were opened. */
function lastQuarter(): string[] {
  const now = new Date();
  const q = Math.floor(now.getUTCMonth() / 3);
  return [0, 1, 2].map((k) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), q * 3 - 3 + k, 10));
    return d.toISOString().slice(0, 10);
  });
}

beforeAll(async () => {
  await buildDesk();
  dataDir = mkdtempSync(join(tmpdir(), 'komek-reports-'));
  server = await startServer({ dataDir, port: 0, log: () => {}, deskDir: join(deskDir, 'dist') });
  const db = server.services.database.db;
  const org = await organisationNamed(db, 'Crisis centre Almaty');
  await createUser(db, { organisationId: org, username: 'dana', displayName: 'Dana', roles: ['reporting'], password });
  // 60 crafted cases over the last quarter: facts only, as the server records them.
  const days = lastQuarter();
  for (let i = 0; i < 60; i++) {
    const id = randomUUID();
    const day = days[i % 3]!;
    const country = (['kz', 'kz', 'kg', 'tj'] as const)[i % 4]!;
    await db
      .insertInto('cases')
      .values({ id, organisation_id: org, country, step: null, created_at: `${day}T09:00:00Z`, updated_at: new Date() })
      .execute();
    await db
      .insertInto('report_cases')
      .values({
        case_id: id,
        organisation_id: org,
        country,
        region: 'Almaty',
        status: i % 5 ? 'open' : 'closed',
        step: `step-${1 + (i % 5)}`,
        opened_on: day,
        first_contact_on: day,
        identification: i % 7 === 0 ? 'not-identified' : 'identified',
        identified_on: day,
        minor: i % 9 === 0 ? 'yes' : 'no',
        first_referral_on: null,
        vulnerabilities: i % 2 ? ['individualIndicators/factorOfViolence'] : ['familyIndicators/financialCondition'],
      })
      .execute();
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  shots =
    process.env.KOMEK_SCREENSHOTS === '1'
      ? root('apps/desk/docs/')
      : mkdtempSync(join(tmpdir(), 'komek-reports-shots-'));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (shots && process.env.KOMEK_SCREENSHOTS !== '1') rmSync(shots, { recursive: true, force: true });
});

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the reports screen of the case desk', () => {
  it('the reporting role signs in, sees the dashboard, changes the period and downloads the report', async () => {
    const context = await browser.newContext({
      viewport: { width: 375, height: 812 },
      locale: 'en-GB',
      deviceScaleFactor: 1,
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.getByLabel('User name').fill('dana');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Someone who only reports lands on the reports, not on a case list they may not see.
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    expect(page.url()).toContain('#/reports');
    const table = page.getByRole('table', { name: 'Cases opened, by country and status' });
    await table.waitFor();
    // The table a screen reader reads: Kazakhstan 24 open and 6 closed, rounded; Kyrgyz Republic 12 open and 3
    // closed: "<5", and the open cases withheld too, or 15 − 12 would give the 3 back.
    const kz = table.getByRole('row', { name: /Kazakhstan/ });
    await expect.poll(() => kz.getByRole('cell').allTextContents()).toEqual(['25', '5', '30']);
    const kg = table.getByRole('row', { name: /Kyrgyz Republic/ });
    expect(await kg.getByRole('cell').allTextContents()).toEqual(['x', '<5', '15']);
    expect(await page.locator('section[data-indicator]').count()).toBe(11);
    expect(await page.locator('section[data-indicator="cases-by-country"] svg rect.bar').count()).toBeGreaterThan(0);
    // Every indicator with figures has its chart; no case was referred, so that one says so instead.
    expect(await page.locator('svg.chart[aria-hidden="true"]').count()).toBe(10);
    expect(await page.locator('section[data-indicator="referrals-by-body"]').textContent()).toContain(
      'No cases in this period.',
    );
    expect(await page.getByText(/rounded to the nearest 5/).count()).toBe(1);
    expect(await sideways(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'reports.png'), fullPage: false });

    // Labels in two languages.
    await page.getByLabel('Second language of labels').selectOption('ru');
    await page.getByRole('button', { name: 'Show' }).click();
    await page
      .getByRole('table', { name: 'Cases opened, by country and status / Открытые дела по странам и статусу' })
      .waitFor();

    // The report PDF of the period shown.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'PDF report' }).click(),
    ]);
    const file = await download.path();
    const bytes = readFileSync(file);
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/^komek-report-\d{4}-\d{2}_\d{4}-\d{2}\.pdf$/);

    // Another period: the last month has fewer cases, so fewer figures are shown exactly.
    await page.getByRole('button', { name: 'Last month' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 2, name: /Download the report/ }).textContent())
      .toMatch(/\((\d{4}-\d{2}) – \1\)/);

    // Desktop: the chart beside its table, still nothing for axe.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: 'Last quarter' }).click();
    await table.waitFor();
    const box = await page.locator('section[data-indicator="cases-by-country"] .chart-box').boundingBox();
    const tableBox = await page.locator('section[data-indicator="cases-by-country"] table').boundingBox();
    expect(tableBox!.x).toBeGreaterThan(box!.x + box!.width - 1);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('section[data-indicator="identification-outcomes"]').screenshot({
      path: join(shots, 'reports-desktop.png'),
    });
    expect(errors).toEqual([]);
    await context.close();
  });
});
