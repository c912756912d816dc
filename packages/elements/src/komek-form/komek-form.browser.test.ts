import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { loadMessages, validationMessage } from '@komek/i18n';
import { addMessages } from '../localize/messages.js';
import { buildFormModel, getAtPointer, setAtPointer, walkNodes, widgetOf } from '@komek/core';
import { schemaLoaders } from '@komek/forms/catalog';
import '../index.js';
import { readDraftRecord } from '../drafts/draft-store.js';
import type { KomekInvalidEvent, KomekSubmitEvent } from '../events.js';
import { idOf } from '../ids.js';
import type { KomekForm, PdfRequest } from './komek-form.js';

const QUESTIONNAIRE = 'kg-3.1-f3-identification-questionnaire';
const hasRussianUi = Object.keys(import.meta.glob('../../../i18n/locales/ru/ui.json')).length > 0;

async function until(ok: () => boolean, ms = 5000): Promise<void> {
  const end = performance.now() + ms;
  while (!ok()) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function mount(html: string): Promise<KomekForm> {
  const host = document.createElement('div');
  host.innerHTML = html;
  document.body.append(host);
  const el = host.querySelector('komek-form')!;
  await until(() => el.shadowRoot?.querySelector('.form, .load-error') != null);
  if (el.shadowRoot!.querySelector('.form')) await el.ready;
  await el.updateComplete;
  return el;
}

async function noViolations(el: Element): Promise<void> {
  // Sections off screen are not laid out (content-visibility: auto): axe could not read their colours.
  (el as HTMLElement).style.setProperty('--komek-content-visibility', 'visible');
  const result = await axe.run(el, { resultTypes: ['violations'] });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const $ = <E extends Element = HTMLElement>(el: KomekForm, selector: string) =>
  el.shadowRoot!.querySelector<E & Element>(selector);
const byPointer = <E extends Element = HTMLInputElement>(el: KomekForm, pointer: string) =>
  el.shadowRoot!.getElementById(idOf(pointer)) as E | null;

/** The element that has focus, looking through shadow roots. */
function focused(): HTMLElement | null {
  let a = document.activeElement as HTMLElement | null;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement as HTMLElement;
  return a;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('<komek-form>', () => {
  it('fills a whole identification questionnaire with the keyboard only and submits it', async () => {
    const el = await mount(`<komek-form form="${QUESTIONNAIRE}"></komek-form>`);
    await noViolations(el);
    const model = buildFormModel(await schemaLoaders[QUESTIONNAIRE]());
    const pointerOfId = new Map([...walkNodes(model.root)].map((n) => [idOf(n.pointer), n.pointer]));
    const submitted = new Promise<KomekSubmitEvent>((r) => el.addEventListener('komek-submit', r, { once: true }));

    let expected: Record<string, unknown> = {};
    const keys: string[] = [];
    let n = 0;
    /** Drawn signatures made with the keyboard ("Draw a signature", then "Sign with the typed name"). */
    let signed = 0;
    await userEvent.keyboard('{Tab}');
    for (let step = 0; step < 1500; step++) {
      const a = focused()!;
      const input = a as HTMLInputElement;
      if (a.matches('button.primary')) {
        keys.push('Enter');
        await userEvent.keyboard('{Enter}');
        break;
      }
      const pointer = pointerOfId.get(input.type === 'radio' ? input.name : a.id);
      if (input.dataset.yesno !== undefined) {
        // Y / N answer and move on by themselves: alternate so both answers are covered, YES where it opens a question.
        const yes = n++ % 3 !== 2 || /other|dependent|Minor|identified|consentGiven|chronic/i.test(pointer ?? '');
        expected = setAtPointer(expected, pointer!, yes);
        keys.push(yes ? 'y' : 'n');
        await userEvent.keyboard(yes ? 'y' : 'n');
      } else if (input.type === 'radio') {
        expected = setAtPointer(expected, pointer!, input.value);
        await userEvent.keyboard('{ }{Tab}');
      } else if (input.type === 'checkbox') {
        expected = setAtPointer(expected, pointer!, true);
        await userEvent.keyboard('{ }{Tab}');
      } else if (input.classList.contains('date')) {
        // Typed day, month, year as the form's language writes it; stored as an ISO date.
        expected = setAtPointer(expected, pointer!, '2024-03-05');
        await userEvent.keyboard('05/03/2024{Tab}');
      } else if (input.type === 'number') {
        expected = setAtPointer(expected, pointer!, 2);
        await userEvent.keyboard('2{Tab}');
      } else if (a.matches('input, textarea')) {
        const text = `Answer ${step}`;
        expected = setAtPointer(expected, pointer!, text);
        await userEvent.keyboard(`${text}{Tab}`);
      } else if (a.matches('button.draw')) {
        // "Draw a signature": the drawing surface unfolds and takes focus (its code is fetched now).
        const pad = a.parentElement!;
        await userEvent.keyboard('{Enter}');
        await vi.waitFor(() => expect((focused()?.getRootNode() as ShadowRoot).host).toBe(pad));
        continue;
      } else if (a.matches('button') && /typed name/i.test(a.textContent ?? '')) {
        // The signature pad: sign with the typed name (Enter), then move on.
        const padPointer = pointerOfId.get((a.getRootNode() as ShadowRoot).host.id)!;
        expected = setAtPointer(expected, padPointer, 'IMAGE');
        signed++;
        await userEvent.keyboard('{Enter}{Tab}');
      } else {
        await userEvent.keyboard('{Tab}');
      }
      await el.updateComplete;
    }
    expect(keys.at(-1)).toBe('Enter');
    const { data } = await submitted;
    // Drawn signatures are PNGs made from the typed name: check their form, then compare the rest exactly.
    for (const node of walkNodes(model.root)) {
      if (widgetOf(node) === 'signaturePad' && getAtPointer(expected, node.pointer) === 'IMAGE') {
        expect(getAtPointer(data, node.pointer)).toMatch(/^data:image\/png;base64,/);
        expected = setAtPointer(expected, node.pointer, getAtPointer(data, node.pointer));
      }
    }
    expect(data).toEqual(expected);
    expect(keys.filter((k) => k === 'y' || k === 'n').length).toBeGreaterThan(40);
    expect(signed).toBeGreaterThan(0);
  }, 120_000);

  it("draws a long form's first part at once and the rest after it is painted; printing or submitting draws it all", async () => {
    const LONG = 'kz-f5-identification-application';
    const last = '/decision';
    /** The form as its first part is drawn: seen by an observer, which runs before the next frame could come. */
    const start = async () => {
      document.body.innerHTML = '';
      const el = document.createElement('komek-form');
      el.setAttribute('form', LONG);
      document.body.append(el);
      const root = el.shadowRoot!;
      await new Promise<void>((resolve) => {
        const observer = new MutationObserver(() => {
          if (root.querySelector('.form') == null) return;
          observer.disconnect();
          resolve();
        });
        observer.observe(root, { childList: true, subtree: true });
      });
      return el;
    };
    // First part: the start of the form is there, its end not yet.
    let el = await start();
    expect(byPointer(el, '/placeOfApplication')).not.toBeNull();
    expect(byPointer(el, last)).toBeNull();
    await el.ready;
    expect(byPointer(el, last)).not.toBeNull();
    const inputs = el.shadowRoot!.querySelectorAll('input, textarea, select').length;

    // Printing right away prints the whole form.
    el = await start();
    expect(byPointer(el, last)).toBeNull();
    dispatchEvent(new Event('beforeprint'));
    expect(byPointer(el, last)).not.toBeNull();
    expect(el.shadowRoot!.querySelectorAll('input, textarea, select').length).toBe(inputs);

    // Submitting right away shows every problem, each linked to a drawn field.
    el = await start();
    const invalid = new Promise<KomekInvalidEvent>((r) =>
      el.addEventListener('komek-invalid', (e) => r(e), { once: true }),
    );
    await el.submit();
    const issues = (await invalid).issues;
    expect(issues.length).toBeGreaterThan(5);
    for (const issue of issues)
      expect(el.shadowRoot!.querySelector(`a[href="#${idOf(issue.pointer)}"]`)).not.toBeNull();
    expect(byPointer(el, last)).not.toBeNull();
  });

  it('draws a long form whole on a hidden page, where no animation frames come', async () => {
    const raf = window.requestAnimationFrame;
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    window.requestAnimationFrame = () => 0;
    try {
      document.body.innerHTML = '';
      const el = document.createElement('komek-form');
      el.setAttribute('form', 'kz-f5-identification-application');
      document.body.append(el);
      let drawn = false;
      void el.ready.then(() => (drawn = true));
      await until(() => drawn, 3000);
      expect(byPointer(el, '/decision')).not.toBeNull();
    } finally {
      delete (document as { hidden?: boolean }).hidden;
      window.requestAnimationFrame = raf;
    }
  });

  it('keeps a form that needs consent closed until the case holds a signed consent; a later refusal closes it again', async () => {
    const consent = (await import('../../../../test/fixtures/forms/kz-f4-interview-consent/valid-1.json')).default;
    const refusal = (await import('../../../../test/fixtures/forms/kz-f4-interview-refusal/valid-1.json')).default;
    const el = await mount(
      `<form><komek-form name="application" form-id="kz-f5-identification-application" lang="ru"></komek-form></form>`,
    );
    const form = el.closest('form')!;
    // Without records the host answers for consent: the form is open.
    expect(el.shadowRoot!.querySelectorAll('input').length).toBeGreaterThan(20);

    el.caseRecords = [];
    await until(
      () => $(el, '.consent')?.textContent?.includes('Уведомление о согласии на участие в интервью') === true,
    );
    expect($(el, '.consent')!.getAttribute('role')).toBe('alert');
    expect(el.shadowRoot!.querySelectorAll('input, textarea, select').length).toBe(0);
    expect(form.checkValidity()).toBe(false);
    expect(await el.submit()).toBe(false);

    el.caseRecords = [{ formId: 'kz-f4-interview-consent', data: consent }];
    await until(() => $(el, '.consent') === null && el.shadowRoot!.querySelectorAll('input').length > 20);

    // A refusal signed after the consent (12.06.2024 against 06.05.2024) closes the form again, dated.
    el.caseRecords = [
      { formId: 'kz-f4-interview-consent', data: consent },
      { formId: 'kz-f4-interview-refusal', data: refusal },
    ];
    await until(() => $(el, '.consent') !== null);
    expect($(el, '.consent')!.textContent).toContain('12.06.2024');
    await noViolations(el);
  });

  it('starts a new `ready` when the form changes, resolved by the new form (or by the reason it could not load)', async () => {
    const el = await mount(`<komek-form form="kz-f4-interview-refusal"></komek-form>`);
    el.setAttribute('form', 'kz-f5-identification-application');
    await el.updateComplete;
    await el.ready;
    expect(byPointer(el, '/decision')).not.toBeNull();
    el.setAttribute('form', 'no-such-form');
    await el.updateComplete;
    await el.ready;
    expect($(el, '.load-error')?.textContent).toContain('no-such-form');
  });

  it('moves between YES / NO questions with the arrow keys and clears an answer with Delete', async () => {
    const el = await mount(`<komek-form form="${QUESTIONNAIRE}"></komek-form>`);
    await noViolations(el);
    const first = byPointer(el, '/individualIndicators/professionalTraining/noProfession')!.querySelector('input')!;
    first.focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(focused()!.closest('fieldset')!.id).toBe(
      idOf('/individualIndicators/professionalTraining/noWorkExperience'),
    );
    await userEvent.keyboard('{ArrowUp}y');
    expect(getAtPointer(el.data, '/individualIndicators/professionalTraining/noProfession')).toBe(true);
    expect(focused()!.closest('fieldset')!.id).toBe(
      idOf('/individualIndicators/professionalTraining/noWorkExperience'),
    );
    await userEvent.keyboard('{ArrowUp}{Delete}');
    expect(getAtPointer(el.data, '/individualIndicators/professionalTraining/noProfession')).toBeUndefined();
  });

  it('shows and hides a conditional field, keeps its answer in memory and leaves it out of the submitted data', async () => {
    const el = await mount(`<komek-form form="${QUESTIONNAIRE}"></komek-form>`);
    await noViolations(el);
    const other = '/individualIndicators/levelOfHealth/other';
    const specify = '/individualIndicators/levelOfHealth/otherSpecify';
    expect(byPointer(el, specify)).toBeNull();
    byPointer(el, other)!.querySelector<HTMLInputElement>('input[value=yes]')!.click();
    await el.updateComplete;
    const input = byPointer(el, specify)!;
    expect(input).not.toBeNull();
    await noViolations(el);
    input.focus();
    await userEvent.keyboard('pregnancy');
    byPointer(el, other)!.querySelector<HTMLInputElement>('input[value=no]')!.click();
    await el.updateComplete;
    expect(byPointer(el, specify)).toBeNull();
    expect(getAtPointer(el.data, specify)).toBe('pregnancy');
    expect(getAtPointer(el.value, specify)).toBeUndefined();
    byPointer(el, other)!.querySelector<HTMLInputElement>('input[value=yes]')!.click();
    await el.updateComplete;
    expect(byPointer(el, specify)!.value).toBe('pregnancy');
  });

  it('shows a field that either of two answers requires (legal representative of a minor, or of a person unable to decide)', async () => {
    const el = await mount(`<komek-form form="tj-f3-identification-questionnaire"></komek-form>`);
    await noViolations(el);
    expect(byPointer(el, '/legalRepresentative')).toBeNull();
    byPointer(el, '/personUnableToDecide')!.querySelector<HTMLInputElement>('input[value=yes]')!.click();
    await el.updateComplete;
    expect(byPointer(el, '/legalRepresentative')).not.toBeNull();
    byPointer(el, '/personUnableToDecide')!.querySelector<HTMLInputElement>('input[value=no]')!.click();
    byPointer(el, '/personIsMinor')!.querySelector<HTMLInputElement>('input[value=yes]')!.click();
    await el.updateComplete;
    expect(byPointer(el, '/legalRepresentative')).not.toBeNull();
  });

  it('shows localized messages next to fields and in a summary that links to them', async () => {
    const el = await mount(`<komek-form form="kz-f1-initial-application" lang="ru"></komek-form>`);
    await noViolations(el);
    const invalid = new Promise<KomekInvalidEvent>((r) => el.addEventListener('komek-invalid', r, { once: true }));
    $(el, 'button.primary')!.click();
    const { issues } = await invalid;
    await el.updateComplete;
    expect(issues.length).toBeGreaterThan(0);
    await loadMessages('ru', ['kz-f1-initial-application', 'defs']);
    const first = issues[0]!;
    expect(first.text).toBe(validationMessage(first, 'ru', first.label));
    if (hasRussianUi) expect(first.text).toMatch(/[А-Яа-яЁё]/);
    // Next to the field, linked and announced.
    const field = byPointer(el, first.pointer)!;
    const error = el.shadowRoot!.getElementById(`${idOf(first.pointer)}-err`)!;
    expect(error.textContent).toContain(first.text);
    expect(field.getAttribute('aria-describedby')).toContain(error.id);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    // The summary has focus and links to each field.
    const summary = $(el, '.summary')!;
    expect(focused()).toBe(summary);
    const links = [...summary.querySelectorAll('a')];
    expect(links.map((a) => a.textContent)).toEqual(issues.map((i) => i.text));
    links[0]!.click();
    expect(focused()).toBe(field);
    await noViolations(el);
  });

  it('shows a message when a changed field is left, announces it, and none while merely tabbing through', async () => {
    const el = await mount(`<komek-form form="kz-f1-initial-application" lang="ru"></komek-form>`);
    await noViolations(el);
    const fullName = byPointer(el, '/fullName')!;
    fullName.focus();
    await userEvent.keyboard('{Tab}{Shift>}{Tab}{/Shift}');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.error')).toBeNull();
    await userEvent.keyboard('A{Backspace}{Tab}');
    await el.updateComplete;
    const error = el.shadowRoot!.getElementById(`${idOf('/fullName')}-err`)!;
    expect(error.textContent.trim().length).toBeGreaterThan(0);
    expect(fullName.getAttribute('aria-describedby')).toContain(error.id);
    await until(() => $(el, '[aria-live]')!.textContent.trim() === error.textContent.trim());
    await noViolations(el);

    // Typing into the field whose message shows clears the message after the pause, without leaving the field.
    fullName.focus();
    await userEvent.keyboard('Aigerim');
    await until(() => el.shadowRoot!.getElementById(`${idOf('/fullName')}-err`) === null, 2000);
    expect(fullName.hasAttribute('aria-invalid')).toBe(false);
    // The problems read at any moment are those of the answers as typed.
    await userEvent.keyboard('{Control>}a{/Control}{Backspace}');
    expect(el.validationIssues.some((i) => i.pointer === '/fullName')).toBe(true);
    await userEvent.keyboard('B');
    expect(el.validationIssues.some((i) => i.pointer === '/fullName')).toBe(false);
  });

  it('keeps all of a pasted text longer than its limit and says how long it may be, rather than cutting it', async () => {
    const el = await mount(`<komek-form form="kz-f1-initial-application" lang="ru"></komek-form>`);
    const fullName = byPointer(el, '/fullName')!;
    const limit = 500;
    const text = 'Айгерим '.repeat(80).trim();
    expect(text.length).toBeGreaterThan(limit);
    fullName.focus();
    // As a paste or typing inserts text: a `maxlength` attribute would silently cut it at the limit.
    document.execCommand('insertText', false, text);
    await userEvent.keyboard('{Tab}');
    await el.updateComplete;
    expect(fullName.value).toBe(text);
    expect((el.data as { fullName?: string }).fullName).toBe(text);
    const error = el.shadowRoot!.getElementById(`${idOf('/fullName')}-err`)!;
    expect(error.textContent).toContain(String(limit));
    expect(error.textContent).toContain('Ф. И. О.');
  });

  it('keeps a form attribute that names a form of the page, and takes a catalog id given there as form-id', async () => {
    const el = await mount(
      `<form id="intake"><komek-form name="a" form="intake" form-id="kz-f4-interview-refusal"></komek-form></form>`,
    );
    expect(el.getAttribute('form')).toBe('intake');
    expect(el.hostFormElement).toBe(el.closest('form'));
    const other = await mount(`<form><komek-form name="b" form="kz-f4-interview-refusal"></komek-form></form>`);
    expect(other.hasAttribute('form')).toBe(false);
    expect(other.formId).toBe('kz-f4-interview-refusal');
    expect(other.hostFormElement).toBe(other.closest('form'));
  });

  it('takes part in a host <form>: FormData, validity, reset', async () => {
    const el = await mount(
      `<form><komek-form name="application" form="kz-f1-initial-application"></komek-form><button>Send</button></form>`,
    );
    await noViolations(el.parentElement!);
    const form = el.closest('form')!;
    expect(el.hostFormElement).toBe(form);
    expect(form.checkValidity()).toBe(false);
    expect($(el, 'button.primary')).toBeNull();
    // A script's silent check shows nothing; the host's submit button shows every message and the summary.
    await new Promise((r) => requestAnimationFrame(r));
    expect($(el, '.summary')).toBeNull();
    form.querySelector('button')!.click();
    await until(() => $(el, '.summary') !== null);
    expect(focused()!.getRootNode()).toBe(el.shadowRoot);
    expect(el.shadowRoot!.querySelectorAll('.error').length).toBeGreaterThan(0);

    const fullName = byPointer(el, '/fullName')!;
    fullName.focus();
    await userEvent.keyboard('Aigerim Sadykova');
    fullName.blur();
    const sent = JSON.parse(new FormData(form).get('application') as string) as Record<string, unknown>;
    expect(sent.fullName).toBe('Aigerim Sadykova');

    // Fill the rest from a complete example, then the host form accepts it.
    const valid = (await import('../../../../test/fixtures/forms/kz-f1-initial-application/valid-1.json')).default;
    el.data = structuredClone(valid);
    expect(form.checkValidity()).toBe(true);
    expect(JSON.parse(new FormData(form).get('application') as string)).toEqual(valid);

    form.reset();
    await el.updateComplete;
    expect(el.data).toEqual(valid);
    el.data = {};
    byPointer(el, '/fullName')!.focus();
    await userEvent.keyboard('X');
    form.reset();
    await el.updateComplete;
    expect(el.data).toEqual({});
    expect(byPointer(el, '/fullName')!.value).toBe('');
    expect(JSON.parse(new FormData(form).get('application') as string)).toEqual({});
  });

  it('restores a draft after a reload, encrypted at rest, and clears it on request', async () => {
    const key = `test-${Math.random().toString(36).slice(2)}`;
    const secret = 'Nodira Karimova, passport AA1234567';
    let el = await mount(`<komek-form form="kz-f1-initial-application" draft-key="${key}"></komek-form>`);
    await noViolations(el);
    byPointer(el, '/fullName')!.focus();
    await userEvent.keyboard(secret);
    await until(() => false, 700).catch(() => undefined);
    await el.saveDraftNow();
    const record = (await readDraftRecord(key, 'kz-f1-initial-application'))!;
    expect(record.iv.byteLength).toBe(12);
    const stored = new TextDecoder().decode(record.ciphertext);
    expect(stored).not.toContain('Nodira');
    expect(JSON.stringify(record)).not.toContain('Nodira');

    // "Reload": a new element with the same draft key.
    document.body.innerHTML = '';
    const restored = new Promise((r) => document.addEventListener('komek-draft-restored', r, { once: true }));
    el = await mount(`<komek-form form="kz-f1-initial-application" draft-key="${key}"></komek-form>`);
    await restored;
    await el.updateComplete;
    expect(getAtPointer(el.data, '/fullName')).toBe(secret);
    expect(byPointer(el, '/fullName')!.value).toBe(secret);
    const notice = $(el, '.notice')!;
    expect(notice.getAttribute('role')).toBe('status');
    await noViolations(el);
    notice.querySelector('button')!.click();
    await el.updateComplete;
    await until(() => $(el, '.notice') === null);
    await el.clearDraft(false);
    expect(getAtPointer(el.data, '/fullName')).toBeUndefined();
    expect(byPointer(el, '/fullName')!.value).toBe('');
    expect(await readDraftRecord(key, 'kz-f1-initial-application')).toBeUndefined();
  });

  it('renders script payloads in data and in translations as text', async () => {
    const payload = '<img src=x onerror="window.__komekPwned=1"><script>window.__komekPwned=2</script>';
    addMessages('en', 'kz-f3-primary-aid-application', {
      $meta: { language: 'en', namespace: 'kz-f3-primary-aid-application' },
      'fullName.title': { text: `Name ${payload}`, status: 'source' },
    });
    const el = await mount(`<komek-form form="kz-f3-primary-aid-application"></komek-form>`);
    await noViolations(el);
    el.data = { fullName: payload };
    await el.updateComplete;
    const root = el.shadowRoot!;
    expect(root.querySelector('img, script:not([type])')).toBeNull();
    expect(root.textContent).toContain(`Name ${payload}`);
    expect(byPointer(el, '/fullName')!.value).toBe(payload);
    await new Promise((r) => setTimeout(r, 50));
    expect((window as { __komekPwned?: number }).__komekPwned).toBeUndefined();
  });

  it('shows the secondary language under each label and switches languages without losing data', async () => {
    const el = await mount(`<komek-form form="kz-f1-initial-application" lang="en" secondary-lang="ru"></komek-form>`);
    await noViolations(el);
    byPointer(el, '/fullName')!.focus();
    await userEvent.keyboard('Saule');
    const secondary = $(el, 'label .secondary');
    if (secondary) expect(secondary.getAttribute('lang')).toBe('ru');
    el.lang = 'kk';
    el.secondaryLang = 'en';
    await until(() => $(el, '.form')!.getAttribute('lang') === 'kk');
    expect(byPointer(el, '/fullName')!.value).toBe('Saule');
    expect(getAtPointer(el.data, '/fullName')).toBe('Saule');
  });

  it('fires one bubbling, composed input per change and change when committed; inner events stay inside', async () => {
    const el = await mount(`<komek-form form="kz-f1-initial-application"></komek-form>`);
    await noViolations(el);
    const seen: string[] = [];
    const log = (e: Event) => seen.push(`${e.type}:${e.target === el}:${e.bubbles}:${e.composed}`);
    document.body.addEventListener('input', log);
    document.body.addEventListener('change', log);
    byPointer(el, '/fullName')!.focus();
    await userEvent.keyboard('Ab{Tab}');
    document.body.removeEventListener('input', log);
    document.body.removeEventListener('change', log);
    expect(seen).toEqual(['input:true:true:true', 'input:true:true:true', 'change:true:true:true']);
  });

  it('offers "Download PDF" through the host-provided exporter, with the pruned data and its validity', async () => {
    const el = await mount(`<komek-form form="kz-f1-initial-application" lang="ru" secondary-lang="kk"></komek-form>`);
    await noViolations(el);
    expect($(el, 'button[part~="pdf"]')).toBeNull();
    const requests: PdfRequest[] = [];
    el.pdfExporter = async (request) => {
      requests.push(request);
      return new Blob(['%PDF-1.7'], { type: 'application/pdf' });
    };
    el.data = { fullName: 'Timur', passport: { hasPassport: true }, passportWhereabouts: 'kept' };
    await el.updateComplete;
    await noViolations(el);
    $(el, 'button[part~="pdf"]')!.click();
    await until(() => requests.length === 1);
    expect(requests[0]).toMatchObject({
      formId: 'kz-f1-initial-application',
      valid: false,
      lang: 'ru',
      secondaryLang: 'kk',
    });
    expect(requests[0]!.data).toEqual({ fullName: 'Timur', passport: { hasPassport: true } });

    // The exporter fails: the person is told, in the form's language, and a later success clears it.
    const alert = () => el.shadowRoot!.querySelector<HTMLElement>('[role="alert"]');
    el.pdfExporter = () => Promise.reject(new Error('no fonts'));
    await el.updateComplete;
    $(el, 'button[part~="pdf"]')!.click();
    await until(() => alert() !== null);
    expect(alert()!.textContent.trim()).toBe(
      'Не удалось создать PDF. Нажмите «Скачать PDF» ещё раз; если не получится снова, сообщите тем, кто обслуживает этот сайт.',
    );
    expect(alert()!.textContent).not.toContain('no fonts');
    el.pdfExporter = async () => new Blob(['%PDF-1.7'], { type: 'application/pdf' });
    await el.updateComplete;
    $(el, 'button[part~="pdf"]')!.click();
    await until(() => alert() === null);
  });

  it('is read-only with `readonly`, switchable at run time', async () => {
    const el = await mount(`<komek-form form="kz-f1-initial-application" readonly></komek-form>`);
    await noViolations(el);
    expect(byPointer(el, '/fullName')!.readOnly).toBe(true);
    expect(byPointer(el, '/placeOfBirth/city')!.readOnly).toBe(true);
    expect($(el, 'button.primary')).toBeNull();
    el.readonly = false;
    await el.updateComplete;
    expect(byPointer(el, '/placeOfBirth/city')!.readOnly).toBe(false);
    expect($(el, 'button.primary')).not.toBeNull();
  });

  it('adds and removes plan rows with the keyboard', async () => {
    const el = await mount(`<komek-form form="tj-f7-individual-work-plan"></komek-form>`);
    await noViolations(el);
    const add = byPointer(el, '/planTable/legalHelp')!.querySelector<HTMLButtonElement>('button.add')!;
    add.focus();
    await userEvent.keyboard('{Enter}');
    await el.updateComplete;
    await until(() => focused()?.id === idOf('/planTable/legalHelp/0/needsRevealed'));
    await userEvent.keyboard('Lost documents');
    await noViolations(el);
    expect(getAtPointer(el.data, '/planTable/legalHelp')).toEqual([{ needsRevealed: 'Lost documents' }]);
    const remove = byPointer(el, '/planTable/legalHelp/0')!.querySelector<HTMLButtonElement>('button.remove')!;
    remove.focus();
    await userEvent.keyboard('{Enter}');
    await el.updateComplete;
    expect(getAtPointer(el.data, '/planTable/legalHelp')).toBeUndefined();
  });
});
