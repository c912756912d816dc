/**
 * The reports screen of the case desk, served by a real server on PGlite in a temporary data folder and driven in
 * Debian's Chromium: a person with the reporting role signs in, lands on the reports, sees each indicator's chart
 * with its table, switches the period, and downloads the report PDF; axe finds nothing at 375 px and on a desktop
 * screen. The cases are crafted facts in past months (reports cover months that have ended).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { organisationNamed, type RunningServer } from '@komek/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.js';
import { sideways, startDesk, type Desk } from './desk-support.js';

let server: RunningServer;
let running: Desk;
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
  running = await startDesk(
    'komek-reports',
    [{ username: 'dana', displayName: 'Dana', organisation: 'Crisis centre Almaty', roles: ['reporting'] }],
    password,
  );
  ({ server, browser, shots } = running);
  const db = server.services.database.db;
  const org = await organisationNamed(db, 'Crisis centre Almaty');
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
});

afterAll(() => running?.close());

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
