import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { build } from 'vite';
import type { Browser, Page } from 'playwright-core';
import type axe from 'axe-core';
import { launchChromium } from '../../../test/chromium.js';

/**
 * The built bundle in a plain HTML page — one `<script type="module">`, no framework, no dev server — served over
 * HTTP and opened in Chromium: what an organisation embedding a form does.
 */
const here = import.meta.dirname;
const out = mkdtempSync(join(tmpdir(), 'komek-elements-'));
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const types: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html', '.json': 'application/json' };
let server: Server;
let browser: Browser;
let origin = '';
/** How many more requests for the drawing surface's chunk fail. */
let failPad = 0;

const page = (body: string) => `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Komek</title>
<script type="module" src="/komek.js"></script></head><body><main>${body}</main></body></html>`;

beforeAll(async () => {
  await build({
    configFile: join(here, '../vite.config.ts'),
    root: join(here, '..'),
    logLevel: 'silent',
    build: { outDir: out, emptyOutDir: true },
  });
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (path === '/' || path === '/form.html') {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(page('<komek-form form="kz-f4-interview-refusal"></komek-form>'));
      return;
    }
    if (path === '/restore.html' || path === '/elsewhere.html') {
      // Not kept in the back-forward cache (no-store): going back loads the page again and the browser restores
      // its form controls' state, the element's included.
      const body =
        path === '/restore.html'
          ? '<form><komek-form name="refusal" form-id="kz-f4-interview-refusal" lang="en"></komek-form></form><a href="/elsewhere.html">next</a>'
          : '<p>Elsewhere</p>';
      res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' }).end(page(body));
      return;
    }
    if (path === '/parts.html') {
      // A form with a needs table (a widget drawn by a chunk of its own), kept as a draft.
      res
        .writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' })
        .end(page('<komek-form form="kz-needs-assessment" draft-key="case-7"></komek-form>'));
      return;
    }
    if (path === '/signature-pad.js' && failPad > 0) {
      // The drawing surface's chunk not reachable (a page gone offline before it was ever fetched).
      failPad--;
      res.writeHead(503).end();
      return;
    }
    if (path === '/host-form.html') {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          page(
            '<form><komek-form name="refusal" form-id="kz-f4-interview-refusal"></komek-form><button>Send</button></form>',
          ),
        );
      return;
    }
    let body: Uint8Array;
    try {
      body = readFileSync(join(out, path));
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchChromium();
}, 120_000);

/** A new tab that records the page's uncaught errors and the paths it requests. */
async function openTab(): Promise<{ tab: Page; errors: string[]; fetched: string[] }> {
  const tab = await browser.newPage();
  const errors: string[] = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  const fetched: string[] = [];
  tab.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  return { tab, errors, fetched };
}

afterAll(async () => {
  await browser?.close();
  server?.close();
  rmSync(out, { recursive: true, force: true });
});

it('renders a catalog form in the page language and validates it on submit', async () => {
  const { tab, errors, fetched } = await openTab();
  await tab.goto(`${origin}/form.html`);
  await tab.waitForFunction(() => document.querySelector('komek-form')?.shadowRoot?.querySelector('.form') != null);
  const state = await tab.evaluate(async () => {
    const el = document.querySelector('komek-form')!;
    const root = el.shadowRoot!;
    let invalid = 0;
    document.addEventListener('komek-invalid', () => invalid++);
    root.querySelector<HTMLButtonElement>('button.primary')!.click();
    await new Promise((r) => setTimeout(r, 50));
    return {
      lang: root.querySelector('.form')!.getAttribute('lang'),
      button: root.querySelector('button.primary')!.textContent,
      invalid,
      summary: root.querySelectorAll('.summary li').length,
      labels: [...root.querySelectorAll('label, legend, h1')].map((e) => (e.textContent ?? '').trim()).filter(Boolean),
    };
  });
  expect(state.lang).toBe('ru');
  expect(state.button).toMatch(/[А-Яа-я]/);
  // The form's labels come from its own messages file, not from the whole namespaces it shares with other forms.
  expect(state.labels.length).toBeGreaterThan(0);
  for (const label of state.labels) expect(label).toMatch(/[А-Яа-я]/);
  const locales = fetched.filter((p) => p.startsWith('/locales/')).sort();
  expect(locales).toEqual(['/locales/ru/forms/kz-f4-interview-refusal.json', '/locales/ru/ui.json']);
  expect(state.invalid).toBe(1);
  expect(state.summary).toBeGreaterThan(0);
  await tab.addScriptTag({ path: axePath });
  const violations = await tab.evaluate(async () => {
    const el = document.querySelector('komek-form') as HTMLElement;
    el.style.setProperty('--komek-content-visibility', 'visible');
    const r = await (window as unknown as { axe: typeof axe }).axe.run(el, { resultTypes: ['violations'] });
    return r.violations.map((v) => v.id);
  });
  expect(violations).toEqual([]);
  // On paper: no buttons, no problem list; sections all laid out.
  await tab.emulateMedia({ media: 'print' });
  const printed = await tab.evaluate(() => {
    const root = document.querySelector('komek-form')!.shadowRoot!;
    const shown = (sel: string) => [...root.querySelectorAll(sel)].some((e) => getComputedStyle(e).display !== 'none');
    return { buttons: shown('button'), summary: shown('.summary'), fields: shown('input, textarea') };
  });
  expect(printed).toEqual({ buttons: false, summary: false, fields: true });
  expect(errors).toEqual([]);
  await tab.close();
}, 60_000);

it("draws the largest form whole from the production bundle, whose messages carry only the element's own strings", async () => {
  const tab = await browser.newPage();
  await tab.goto(`${origin}/form.html`);
  await tab.waitForFunction(() => document.querySelector('komek-form')?.shadowRoot?.querySelector('.form') != null);
  const state = await tab.evaluate(async () => {
    const el = document.querySelector('komek-form') as HTMLElement & { ready: Promise<void> };
    el.setAttribute('form', 'kz-f5-identification-application');
    await new Promise((r) => setTimeout(r, 50));
    await el.ready;
    const root = el.shadowRoot!;
    const ui = (await (await fetch('/locales/ru/ui.json')).json()) as Record<string, string>;
    return {
      inputs: root.querySelectorAll('input, textarea, select').length,
      last: root.getElementById('k--decision') != null,
      submit: root.querySelector('button.primary')?.textContent,
      datePlaceholder: root.querySelector('input[inputmode="numeric"][placeholder]')?.getAttribute('placeholder'),
      keys: Object.keys(ui),
    };
  });
  // Every part of the form drawn (a long form is drawn once its first screen is painted).
  expect(state.inputs).toBeGreaterThan(150);
  expect(state.last).toBe(true);
  expect(state.submit).toMatch(/[А-Яа-я]/);
  // A date box shows the Russian placeholder printed on paper, not the English fallback.
  expect(state.datePlaceholder).toBe('ДД.ММ.ГГГГ');
  // The demo's and the paper forms' strings stay out of the element's copy of ui.json; its own are there.
  expect(state.keys.filter((k) => /^(demo|pdf)\./.test(k))).toEqual([]);
  expect(state.keys).toEqual(expect.arrayContaining(['submit', 'errorSummary', 'draftRestored']));
  expect(state.keys.some((k) => k.startsWith('error.'))).toBe(true);
  await tab.close();
}, 60_000);

it('gets its answers back when the person goes back to the page (form state restore)', async () => {
  const tab = await browser.newPage();
  await tab.goto(`${origin}/restore.html`);
  await tab.waitForFunction(() => document.querySelector('komek-form')?.shadowRoot?.querySelector('.form') != null);
  const input = tab.locator('komek-form input[type=text]').first();
  await input.click();
  await tab.keyboard.type('Aigerim Sadykova');
  await tab.keyboard.press('Tab');
  await tab.click('a[href="/elsewhere.html"]');
  await tab.waitForURL(/elsewhere/);
  await tab.goBack();
  await tab.waitForFunction(() => document.querySelector('komek-form')?.shadowRoot?.querySelector('.form') != null);
  await expect.poll(() => tab.locator('komek-form input[type=text]').first().inputValue()).toBe('Aigerim Sadykova');
  const sent = await tab.evaluate(() => new FormData(document.querySelector('form')!).get('refusal') as string);
  expect(Object.values(JSON.parse(sent) as Record<string, unknown>)).toContain('Aigerim Sadykova');
  await tab.close();
}, 60_000);

it('contributes its JSON to a host form', async () => {
  const tab = await browser.newPage();
  await tab.goto(`${origin}/host-form.html`);
  await tab.waitForFunction(() => document.querySelector('komek-form')?.shadowRoot?.querySelector('.form') != null);
  const input = tab.locator('komek-form input[type=text]').first();
  await input.click();
  await tab.keyboard.type('Test');
  await tab.keyboard.press('Tab');
  const sent = await tab.evaluate(() => new FormData(document.querySelector('form')!).get('refusal') as string);
  expect(Object.values(JSON.parse(sent) as Record<string, unknown>)).toContain('Test');
  await tab.close();
}, 60_000);

it('fetches the parts a page uses on demand, with their styles: tables, drafts, the consent gate', async () => {
  const { tab, errors, fetched } = await openTab();
  await tab.goto(`${origin}/parts.html`);
  await tab.waitForFunction(() => document.querySelector('komek-form')?.shadowRoot?.querySelector('table') != null);
  // The needs table is drawn with its styles (they come with its chunk): ruled cells.
  const cell = tab.locator('komek-form table th').first();
  expect(await cell.evaluate((th) => getComputedStyle(th).borderTopStyle)).toBe('solid');
  expect(fetched).toEqual(expect.arrayContaining(['/forms/kz-needs-assessment.model.js']));
  // Typed answers are kept as a draft (its code fetched on demand) and are back after a reload, with the notice.
  const input = tab.locator('komek-form input[type=text]').first();
  await input.click();
  await tab.keyboard.type('Aigerim');
  await tab.evaluate(() =>
    (document.querySelector('komek-form') as HTMLElement & { saveDraftNow(): Promise<void> }).saveDraftNow(),
  );
  await tab.reload();
  await tab.waitForFunction(() => document.querySelector('komek-form')?.shadowRoot?.querySelector('.notice') != null);
  await expect.poll(() => tab.locator('komek-form input[type=text]').first().inputValue()).toBe('Aigerim');
  expect(await tab.locator('komek-form .notice').evaluate((n) => getComputedStyle(n).display)).toBe('flex');
  // A gated form given the case's records stays closed, and says why, until a signed consent is among them.
  const consent = JSON.parse(
    new TextDecoder().decode(
      readFileSync(join(here, '../../../test/fixtures/forms/kz-f4-interview-consent/valid-1.json')),
    ),
  ) as unknown;
  await tab.evaluate(async () => {
    const el = document.querySelector('komek-form') as HTMLElement & { ready: Promise<void>; caseRecords: unknown };
    el.removeAttribute('draft-key');
    el.setAttribute('form', 'kz-f5-identification-application');
    el.caseRecords = [];
    await new Promise((r) => setTimeout(r, 50));
    await el.ready;
  });
  await tab.waitForFunction(() => document.querySelector('komek-form')?.shadowRoot?.querySelector('.consent') != null);
  const notice = tab.locator('komek-form .consent');
  expect(await notice.textContent()).toContain('Уведомление о согласии на участие в интервью');
  expect(await notice.evaluate((n) => getComputedStyle(n).borderTopWidth)).toBe('2px');
  expect(await tab.locator('komek-form input').count()).toBe(0);
  await tab.evaluate((data) => {
    (document.querySelector('komek-form') as HTMLElement & { caseRecords: unknown }).caseRecords = [
      { formId: 'kz-f4-interview-consent', data },
    ];
  }, consent);
  await expect.poll(() => tab.locator('komek-form input').count()).toBeGreaterThan(20);
  // A form the catalog does not have is said to be none, in the page's language; the page's developer finds the ids
  // that come close in the console.
  const consoleErrors: string[] = [];
  tab.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await tab.evaluate(() => document.querySelector('komek-form')!.setAttribute('form', 'kz-f1-initial'));
  const failed = tab.locator('komek-form .load-error');
  await expect.poll(async () => (await failed.textContent())?.trim()).toBe('Такой формы нет: kz-f1-initial');
  expect(consoleErrors).toContain(
    '<komek-form>: Unknown form "kz-f1-initial". Did you mean: kz-f1-initial-application? 26 forms are known: see the catalog of @komek/forms, or run "komek forms".',
  );
  // A form the catalog has whose model does not arrive (the network) is not called unknown: the person is told to
  // check the connection, in Russian, with no file name or English; the import's error goes to the console.
  await tab.route('**/forms/kg-3.1-written-claim.model.js', (route) => route.abort());
  await tab.evaluate(() => document.querySelector('komek-form')!.setAttribute('form', 'kg-3.1-written-claim'));
  await expect
    .poll(async () => (await failed.textContent())?.trim())
    .toBe('Не удалось загрузить форму: проверьте подключение и обновите страницу.');
  expect(
    consoleErrors.some((e) => e.startsWith('<komek-form>: ') && e.includes('/forms/kg-3.1-written-claim.model.js')),
  ).toBe(true);
  expect(errors).toEqual([]);
  await tab.close();
}, 60_000);

it('says so when the drawing surface cannot be fetched, and draws it when pressed again', async () => {
  const { tab, errors } = await openTab();
  await tab.goto(`${origin}/form.html`);
  await tab.waitForFunction(
    () => document.querySelector('komek-form')?.shadowRoot?.querySelector('button.draw') != null,
  );
  failPad = 1;
  const press = () =>
    tab.evaluate(() =>
      document.querySelector('komek-form')!.shadowRoot!.querySelector<HTMLElement>('button.draw')!.click(),
    );
  await press();
  await tab.waitForFunction(
    () => document.querySelector('komek-form')!.shadowRoot!.querySelector('komek-signature-pad .error') != null,
  );
  const failed = await tab.evaluate(() => {
    const root = document.querySelector('komek-form')!.shadowRoot!;
    const note = root.querySelector('komek-signature-pad .error')!;
    const button = root.querySelector<HTMLButtonElement>('button.draw')!;
    return {
      text: note.textContent,
      role: note.getAttribute('role'),
      described: button.getAttribute('aria-describedby')!.split(' ').includes(note.id),
      disabled: button.disabled,
    };
  });
  // In the page's language (Russian), read out at once, tied to the button, which can be pressed again.
  expect(failed).toEqual({
    text: 'Не удалось загрузить поле для подписи: проверьте подключение и нажмите кнопку ещё раз.',
    role: 'alert',
    described: true,
    disabled: false,
  });
  await press();
  await tab.waitForFunction(
    () =>
      document
        .querySelector('komek-form')!
        .shadowRoot!.querySelector('komek-signature-pad')
        ?.shadowRoot?.querySelector('canvas') != null,
  );
  expect(
    await tab.evaluate(() =>
      document.querySelector('komek-form')!.shadowRoot!.querySelector('komek-signature-pad .error'),
    ),
  ).toBeNull();
  expect(errors).toEqual([]);
  await tab.close();
});
