import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { formIds } from '@komek/forms/catalog';
import '../index.js';
import type { KomekForm } from './komek-form.js';
import type { KomekSubmitEvent } from '../events.js';

/** Every language that has locale files: the test grows as translations land. */
const localeFiles = import.meta.glob('../../../i18n/locales/*/*.json');
const languages = [...new Set(Object.keys(localeFiles).map((p) => /locales\/([^/]+)\//.exec(p)![1]!))].sort();
const fixtures = import.meta.glob<{ default: unknown }>('../../../../test/fixtures/forms/*/valid-*.json', {
  eager: true,
});

async function mount(id: string, attrs: Record<string, string> = {}): Promise<KomekForm> {
  const el = document.createElement('komek-form');
  el.setAttribute('form', id);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  await until(() => el.shadowRoot?.querySelector('.form, .load-error') != null);
  if (el.shadowRoot!.querySelector('.form')) await el.ready;
  return el;
}

async function until(ok: () => boolean, ms = 5000): Promise<void> {
  const end = performance.now() + ms;
  while (!ok()) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The text a person sees, plus accessible names and values set by attributes. */
function visibleText(el: KomekForm): string {
  const root = el.shadowRoot!;
  const attrs = [...root.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label'));
  return `${root.textContent ?? ''} ${attrs.join(' ')}`;
}

/** A message key shown raw: `namespace:key` of any namespace the form or the UI uses. */
const RAW_KEY = /(^|[\s(])(ui|defs|[a-z]{2}-[\w.-]+):[\w$.-]+/;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('every form of the catalog', () => {
  it('covers the languages that have locale files', () => {
    expect(languages).toContain('en');
  });

  for (const id of formIds) {
    it(`${id}: renders with no accessibility violations`, async () => {
      const el = await mount(id, { 'secondary-lang': languages.find((l) => l !== 'en') ?? 'en' });
      expect(el.shadowRoot!.querySelector('.load-error')).toBeNull();
      // Sections off screen are not laid out (content-visibility: auto): axe could not read their colours.
      (el as HTMLElement).style.setProperty('--komek-content-visibility', 'visible');
      const result = await axe.run(el, { resultTypes: ['violations'] });
      expect(
        result.violations.map(
          (v) =>
            `${v.id}: ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')}`,
        ),
      ).toEqual([]);
    });

    it(`${id}: shows no raw key or fallback marker in ${languages.join(', ')}`, async () => {
      const el = await mount(id);
      for (const lang of languages) {
        el.lang = lang;
        await until(() => el.shadowRoot!.querySelector('.form')?.getAttribute('lang') === lang);
        await el.updateComplete;
        const text = visibleText(el);
        expect(text, `${id} in ${lang}`).not.toMatch(RAW_KEY);
        expect(text).not.toContain('⟦en⟧');
        expect(text.trim().length).toBeGreaterThan(20);
      }
    });

    it(`${id}: names every problem of an empty form by its label in ${languages.join(', ')}`, async () => {
      const el = await mount(id);
      for (const lang of languages) {
        el.lang = lang;
        await until(() => el.shadowRoot!.querySelector('.form')?.getAttribute('lang') === lang);
        await el.updateComplete;
        const issues = el.validationIssues;
        expect(issues.length, `${id} in ${lang}: an empty form has problems`).toBeGreaterThan(0);
        // A catalog model carries no English: a label the messages have must not fall back to the property's name.
        const byName = issues.filter((i) => i.node && i.label === i.node.name);
        expect(byName.map((i) => `${i.pointer}: ${i.text}`).join('\n'), `${id} in ${lang}`).toBe('');
      }
    });

    const valid = Object.entries(fixtures).filter(([p]) => p.includes(`/${id}/`));
    for (const [path, mod] of valid) {
      it(`${id}: submits ${path.split('/').pop()} unchanged`, async () => {
        const el = await mount(id);
        el.data = structuredClone(mod.default) as never;
        const submitted = new Promise<KomekSubmitEvent>((resolve) =>
          el.addEventListener('komek-submit', resolve, { once: true }),
        );
        const ok = await el.submit();
        expect(ok, JSON.stringify(el.validationIssues.map((i) => `${i.pointer} ${i.keyword}`))).toBe(true);
        expect((await submitted).data).toEqual(mod.default);
      });
    }
  }
});

describe('the problems of a catalog form after a submit', () => {
  it('name each question by its label in the language on screen, not by its property name', async () => {
    // A catalog form's model carries no English labels (they are in its messages files): the summary must look
    // the labels up there, as the questions themselves do.
    const el = await mount('kz-f4-interview-consent');
    el.data = { fullName: 'Test Person' };
    expect(await el.submit()).toBe(false);
    await until(() => el.shadowRoot!.querySelector('.summary') !== null);
    const summary = () => el.shadowRoot!.querySelector('.summary')!.textContent;
    expect(summary()).toContain('“I agree to participate in interviewing and accepting me as a migrant');
    expect(summary()).toContain('“Date” is required.');
    expect(summary()).not.toMatch(/“(informed|consentToInterview|personalDataConsent|date|applicantSignature)”/);
    expect(el.validationIssues.map((i) => i.label)).not.toContain('consentToInterview');

    el.lang = 'ru';
    await until(() => el.shadowRoot!.querySelector('.form')?.getAttribute('lang') === 'ru');
    expect(await el.submit()).toBe(false);
    await until(() => /Дата/.test(el.shadowRoot!.querySelector('.summary')?.textContent ?? ''));
    expect(summary()).not.toMatch(/“?(informed|consentToInterview|personalDataConsent|applicantSignature)”?/);
  });
});
