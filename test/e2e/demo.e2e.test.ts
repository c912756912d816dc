/**
 * The built demo in Debian's Chromium, driven by Playwright: the gallery (fill, switch language, validate, PDF), the
 * embedding page (komek-submit reaches the host page) and the print desk (a JSON Lines export becomes a zip of
 * final PDFs with the bad record reported). globalSetup.ts serves apps/demo/dist.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Download, type Page } from 'playwright-core';
import { launchChromium } from '../chromium.js';
import { readPaperPack } from '@komek/pdf';
import { PDFDocument } from 'pdf-lib';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { isPdf, pdfText, readZip } from './files.js';
import { axeViolations } from './axe.js';

/** Debian's Chromium with the flags of the browser project in vitest.config.ts: nothing is downloaded. */

const readJson = <T>(path: string): T =>
  JSON.parse(new TextDecoder().decode(readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url))))) as T;
/** A label as the locale files have it, so the test follows the translations. */
const message = (lang: string, ns: string, key: string): string =>
  readJson<Record<string, { text: string }>>(`packages/i18n/locales/${lang}/${ns}.json`)[key]!.text;

const FORM = 'kz-f4-interview-consent';
const fixture = readJson<Record<string, unknown>>(`test/fixtures/forms/${FORM}/valid-1.json`);

let browser: Browser;
let page: Page;
let downloads: string;
/** Errors the page threw and requests that failed: none is expected. */
let pageErrors: string[] = [];
/** What the page and its workers wrote to the console, the workers it started and every URL it asked for. */
let consoleMessages: string[] = [];
let workers: string[] = [];
let requests: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  downloads = mkdtempSync(join(tmpdir(), 'komek-e2e-'));
});

afterEach(() => {
  expect(pageErrors).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  rmSync(downloads, { recursive: true, force: true });
});

/** A fresh page in English, loaded; errors it throws fail the test. */
async function open(path: string): Promise<Page> {
  await page?.context().close();
  const context = await browser.newContext({ acceptDownloads: true, locale: 'en-GB' });
  page = await context.newPage();
  pageErrors = [];
  consoleMessages = [];
  workers = [];
  requests = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => consoleMessages.push(`${m.type()}: ${m.text()}`));
  page.on('worker', (w) => {
    workers.push(w.url());
    w.on('console', (m) => consoleMessages.push(`worker ${m.type()}: ${m.text()}`));
  });
  page.on('request', (r) => requests.push(r.url()));
  page.on('requestfailed', (r) => pageErrors.push(`request failed: ${r.url()}`));
  await page.goto(new URL(path, inject('demoUrl')).href);
  await page.locator('komek-form .form').first().or(page.locator('#form-choices fieldset').first()).waitFor();
  return page;
}

/** The bytes of a download, once it has finished. */
async function bytesOf(download: Download): Promise<Uint8Array> {
  const path = await download.path();
  return readFileSync(path);
}

/** Answers the required questions of the interview consent (KZ Form 4) by typing and ticking, as a person would. */
async function fillConsent(p: Page): Promise<void> {
  const form = p.locator('komek-form');
  await form.locator('#k--fullName').fill('Nurlan Toktogulov');
  await form.locator('#k--informed--interviewPurpose').check();
  await form.locator('#k--informed--proceduresAndAid').check();
  await form.locator('#k--consentToInterview').check();
  await form.locator('#k--personalDataConsent').check();
  await form.locator('#k--date').fill('2024-05-06');
  await form.locator('#k--applicantSignature--signedBy').fill('Nurlan Toktogulov');
  await form.locator('#k--applicantSignature--date').fill('2024-05-06');
}

describe('gallery', () => {
  it('fills a form, keeps the answers across languages, validates and prints a bilingual final PDF', async () => {
    const p = await open(`./?form=${FORM}&lang=en`);
    const form = p.locator('komek-form');
    const label = form.locator('label[for="k--fullName"]');
    await expect.poll(() => label.innerText()).toContain(message('en', FORM, 'fullName.title'));

    await fillConsent(p);
    await expect.poll(() => p.locator('#json').innerText()).toContain('"fullName": "Nurlan Toktogulov"');

    // Russian labels, the same answers.
    await p.locator('#lang').selectOption('ru');
    await expect.poll(() => label.innerText()).toContain(message('ru', FORM, 'fullName.title'));
    await expect(form.locator('#k--fullName').inputValue()).resolves.toBe('Nurlan Toktogulov');
    await expect(p.locator('#json').innerText()).resolves.toContain('"fullName": "Nurlan Toktogulov"');
    // English under it.
    await p.locator('#lang2').selectOption('en');
    await expect.poll(() => label.innerText()).toContain(message('en', FORM, 'fullName.title'));
    expect(new URL(p.url()).searchParams.get('lang2')).toBe('en');

    await p.locator('#validate').click();
    await expect.poll(() => p.locator('#validation').getAttribute('class')).toContain('ok');

    const [download] = await Promise.all([p.waitForEvent('download'), p.locator('[data-pdf=final]').click()]);
    expect(download.suggestedFilename()).toBe(`${FORM}.final.ru-en.pdf`);
    const pdf = await bytesOf(download);
    expect(isPdf(pdf)).toBe(true);
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain(message('ru', FORM, 'fullName.title'));
    expect(text).toContain(message('en', FORM, 'fullName.title'));
    expect(text).toContain('Nurlan Toktogulov');
  });

  it('lists the problems of invalid data in the form’s language and refuses a final PDF', async () => {
    const p = await open(`./?form=${FORM}&lang=ru`);
    await p.locator('komek-form #k--fullName').fill('Nurlan Toktogulov');
    await p.locator('[data-pdf=final]').click();
    await expect.poll(() => p.locator('#validation').getAttribute('class')).toContain('bad');
    await expect(p.locator('#validation li').count()).resolves.toBeGreaterThan(0);
    await expect(p.locator('#pdf-status').getAttribute('class')).resolves.toContain('bad');
  });
});

describe('embedding page', () => {
  it('shows the snippet it runs and receives komek-submit with the data', async () => {
    const p = await open('./embed.html');
    const snippet = await p.locator('#snippet').innerText();
    expect(snippet).toContain(`<script type="module" src="${new URL('komek.js', inject('demoUrl')).href}"></script>`);
    expect(snippet).toContain(`<komek-form form="${FORM}"`);
    expect(snippet).toContain("addEventListener('komek-submit'");

    await fillConsent(p);
    await p.locator('komek-form button[part~="submit"]').click();
    await expect.poll(() => p.locator('#received').innerText()).toContain('"fullName": "Nurlan Toktogulov"');
    const received = JSON.parse(await p.locator('#received').innerText()) as Record<string, unknown>;
    expect(received.consentToInterview).toBe(true);
  });
});

describe('React host', () => {
  it('renders the element, passes data as a property and gets events through a ref', async () => {
    const p = await open('./react.html');
    await p.locator('komek-form input[type=text]').first().fill('Rustam Nazarov');
    await expect.poll(() => p.locator('#react-state').innerText()).toContain('Rustam Nazarov');
    await p.getByRole('button', { name: 'Reset from React' }).click();
    await expect.poll(() => p.locator('komek-form input[type=text]').first().inputValue()).toBe('');
  });
});

describe('every page', () => {
  for (const path of ['./', './embed.html', './react.html', './print-desk.html']) {
    it(`${path} has no accessibility violations (axe, WCAG 2.1 A and AA), in Kyrgyz with Russian`, async () => {
      const p = await open(`${path}?ui=ky&lang=ky&lang2=ru`);
      const violations = await axeViolations(p);
      expect(violations).toEqual([]);
    });
  }
});

/**
 * The print desk made its PDFs in its worker, and kept the case data to itself: the page never fetched the fonts
 * (only the worker, which renders, did), nothing reached the console, and nothing was asked of another origin.
 */
async function expectPdfsFromWorker(p: Page): Promise<void> {
  expect(workers.some((url) => /\/assets\/desk\.worker-[^/]*\.js$/.test(url))).toBe(true);
  const pageFetched = await p.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  expect(pageFetched.filter((url) => url.endsWith('.ttf'))).toEqual([]);
  expect(requests.filter((url) => /\/assets\/DejaVuSans(-Bold)?-[^/]*\.ttf$/.test(url)).length).toBeGreaterThanOrEqual(
    1,
  );
  const origin = new URL(inject('demoUrl')).origin;
  expect(requests.filter((url) => new URL(url).origin !== origin && !/^(data|blob):/.test(url))).toEqual([]);
  expect(consoleMessages).toEqual([]);
}

describe('print desk', () => {
  it('turns a JSON Lines export into a zip of final PDFs and reports the invalid record', async () => {
    const p = await open('./print-desk.html');
    const { fullName: _missing, ...withoutName } = fixture;
    const lines = [
      { form: FORM, data: fixture },
      { form: FORM, data: withoutName },
      {
        form: 'kg-3.1-f1-identification-consent',
        data: readJson('test/fixtures/forms/kg-3.1-f1-identification-consent/valid-1.json'),
      },
    ];
    const file = join(downloads, 'export.jsonl');
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    await p.locator('#export-file').setInputFiles(file);
    const [download] = await Promise.all([
      p.waitForEvent('download', { timeout: 90_000 }),
      p.locator('#make-finals').click(),
    ]);
    await expectPdfsFromWorker(p);

    const entries = readZip(await bytesOf(download));
    const pdfs = entries.filter((e) => e.name.endsWith('.pdf'));
    expect(pdfs.map((e) => e.name).sort()).toEqual([
      `line-0001.${FORM}.final.en-ru.pdf`,
      'line-0003.kg-3.1-f1-identification-consent.final.en-ru.pdf',
    ]);
    for (const pdf of pdfs) expect(isPdf(pdf.data!)).toBe(true);
    expect(pdfText(pdfs[0]!.data!)).toContain('Nurlan Toktogulov');

    const rows = p.locator('#batch-errors tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    const cells = await rows.first().locator('td').allInnerTexts();
    expect(cells[0]).toBe('2');
    expect(cells[1]).toBe(FORM);
    expect(cells[2]).toContain('/fullName');
    expect(cells[3]).toContain(message('en', FORM, 'fullName.title'));
    expect(await p.locator('#batch-progress').getAttribute('value')).toBe('3');
    expect(entries.some((e) => e.name === 'errors.csv')).toBe(true);
  });

  it('makes a blank bilingual pack as one fillable PDF', async () => {
    const p = await open('./print-desk.html');
    await p.locator(`input[name=form][value="${FORM}"]`).check();
    await p.locator('input[name=form][value="kg-3.1-f1-identification-consent"]').check();
    const [download] = await Promise.all([
      p.waitForEvent('download', { timeout: 60_000 }),
      p.locator('#make-pack').click(),
    ]);
    await expectPdfsFromWorker(p);
    expect(download.suggestedFilename()).toBe('komek-blank-en-ru.pdf');
    const pdf = await bytesOf(download);
    expect(isPdf(pdf)).toBe(true);
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain(message('ru', FORM, 'fullName.title'));
    expect(text).toContain(message('en', 'kg-3.1-f1-identification-consent', 'fullName.title'));

    // Still fillable, each form's fields on their own: filling the second form's name leaves the first's empty.
    const merged = await PDFDocument.load(pdf);
    const names = merged
      .getForm()
      .getFields()
      .map((f) => f.getName());
    expect(names).toContain('form1./fullName');
    expect(names).toContain('form2./fullName');
    merged.getForm().getTextField('form2./fullName').setText('Aizada Toktogulova');
    expect(merged.getForm().getTextField('form1./fullName').getText() ?? '').toBe('');
    const filled = await merged.save();
    expect(pdfText(filled)).toContain('Aizada Toktogulova');
    // And each form reads back on its own (the forms come in catalog order: KG before KZ).
    const [first, second] = await readPaperPack(filled);
    expect([first?.formId, second?.formId]).toEqual(['kg-3.1-f1-identification-consent', FORM]);
    expect(first?.data).toEqual({});
    expect(second?.data).toMatchObject({ fullName: 'Aizada Toktogulova' });
  });

  it('says so, and waits for nothing, when its PDF worker cannot start', async () => {
    const p = await open('./print-desk.html');
    await p.route(/\/desk\.worker-[^/]*\.js$/, (route) => route.abort());
    await p.locator(`input[name=form][value="${FORM}"]`).check();
    await p.locator('#make-pack').click();
    await expect.poll(() => p.locator('#pack-status').innerText()).toBe(message('en', 'ui', 'demo.desk.workerStopped'));
    await expect(p.locator('#make-pack').isEnabled()).resolves.toBe(true);
    // The one failure expected: the worker's script.
    expect(pageErrors.every((e) => /request failed: .*desk\.worker/.test(e))).toBe(true);
    pageErrors = [];
  });
});
