import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import '../index.js';
import type { KomekForm } from '../komek-form/komek-form.js';
import valid from '../../../../test/fixtures/forms/kg-3.1-f4-family-questionnaire/valid-1.json';

/** Family questionnaire: indicator tables of YES / NO rows, some with long single words in Kazakh and Kyrgyz. */
const FORM = 'kg-3.1-f4-family-questionnaire';
const ROW = 'k--familyFactors--social--livesWith--neighbours';

async function until(ok: () => boolean, ms = 5000): Promise<void> {
  const end = performance.now() + ms;
  while (!ok()) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function mount(width: number, lang: string, secondaryLang?: string): Promise<KomekForm> {
  const host = document.createElement('div');
  host.style.width = `${width}px`;
  const el = document.createElement('komek-form');
  el.setAttribute('form', FORM);
  el.setAttribute('lang', lang);
  if (secondaryLang) el.setAttribute('secondary-lang', secondaryLang);
  // Every section laid out, as a person scrolling through sees it (off-screen sections otherwise skip layout).
  el.style.setProperty('--komek-content-visibility', 'visible');
  host.append(el);
  document.body.append(host);
  await until(() => el.shadowRoot?.querySelector('.form')?.getAttribute('lang') === lang);
  el.data = structuredClone(valid);
  await el.ready;
  await el.updateComplete;
  return el;
}

const overlap = (a: DOMRect, b: DOMRect) =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
  Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;

/** Every YES / NO question whose text runs out of its legend or under one of its answers. */
function overlaps(el: KomekForm): string[] {
  const found: string[] = [];
  for (const row of el.shadowRoot!.querySelectorAll<HTMLElement>('fieldset.yesno')) {
    const legend = row.querySelector<HTMLElement>(':scope > legend')!;
    const range = document.createRange();
    range.selectNodeContents(legend);
    const text = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    const answers = [...row.querySelectorAll(':scope > .answer')].map((a) => a.getBoundingClientRect());
    if (legend.scrollWidth > legend.clientWidth + 1) found.push(`${row.id}: text wider than its legend`);
    if (text.some((t) => answers.some((a) => overlap(t, a)))) found.push(`${row.id}: text under an answer`);
    const box = row.getBoundingClientRect();
    if (answers.some((a) => a.left < box.left - 0.5 || a.right > box.right + 0.5))
      found.push(`${row.id}: answer outside its row`);
  }
  return found;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('YES / NO rows', () => {
  for (const [lang, secondaryLang] of [['en'], ['kk', 'ru'], ['ky', 'ru']] as const) {
    const langs = secondaryLang ? `${lang} + ${secondaryLang}` : lang;
    for (const width of [240, 320, 360, 414, 768]) {
      it(`${langs}, ${width}px: no question text under its answers or out of its column`, async () => {
        const el = await mount(width, lang, secondaryLang);
        expect(el.shadowRoot!.querySelectorAll('fieldset.yesno').length).toBeGreaterThan(20);
        expect(overlaps(el)).toEqual([]);
      });
    }
  }

  for (const width of [320, 414]) {
    it(`kk + ru, ${width}px: the second-language line of a row has its contrast`, async () => {
      const el = await mount(width, 'kk', 'ru');
      const row = el.shadowRoot!.getElementById(ROW)!;
      expect(row.querySelector('legend .secondary')?.getAttribute('lang')).toBe('ru');
      expect(row.querySelector<HTMLInputElement>('input[value="no"]')!.checked).toBe(true);
      expect(overlaps(el).filter((o) => o.startsWith(ROW))).toEqual([]);
      row.scrollIntoView({ block: 'center' });
      const result = await axe.run({ include: [[['komek-form', `#${ROW}`]]] } as axe.ElementContext, {
        runOnly: ['color-contrast'],
        resultTypes: ['violations'],
      });
      expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }
});
