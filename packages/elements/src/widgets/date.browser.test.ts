import axe from 'axe-core';
import { userEvent } from 'vitest/browser';
import { afterEach, describe, expect, it } from 'vitest';
import '../index.js';
import type { KomekForm } from '../komek-form/komek-form.js';
import { idOf } from '../ids.js';
import { formatTypedDate, parseTypedDate } from './date.js';

async function until(ok: () => boolean, ms = 5000): Promise<void> {
  const end = performance.now() + ms;
  while (!ok()) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function mount(lang: string): Promise<KomekForm> {
  const el = document.createElement('komek-form');
  el.setAttribute('form', 'kz-f1-initial-application');
  el.setAttribute('lang', lang);
  document.body.append(el);
  await until(() => el.shadowRoot?.querySelector('.form')?.getAttribute('lang') === lang);
  await el.ready;
  return el;
}

const input = (el: KomekForm, pointer: string) => el.shadowRoot!.getElementById(idOf(pointer)) as HTMLInputElement;
const value = (el: KomekForm, path: string[]) =>
  path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], el.data);

afterEach(() => document.body.replaceChildren());

describe('parseTypedDate', () => {
  it('reads day, month, year as people type them, and only days that exist', () => {
    expect(parseTypedDate('27.03.2007')).toBe('2007-03-27');
    expect(parseTypedDate('1.3.2007')).toBe('2007-03-01');
    expect(parseTypedDate(' 27/03/2007 ')).toBe('2007-03-27');
    expect(parseTypedDate('27 03 2007')).toBe('2007-03-27');
    expect(parseTypedDate('27032007')).toBe('2007-03-27');
    expect(parseTypedDate('2007-03-27')).toBe('2007-03-27');
    for (const bad of ['31.02.2007', '27.13.2007', '27.03.07', '03/27/2007', 'tomorrow', ''])
      expect(parseTypedDate(bad)).toBeUndefined();
    expect(formatTypedDate('2007-03-01', '.')).toBe('01.03.2007');
  });
});

describe('date entry', () => {
  it('follows the form language: a typeable box with its placeholder and an example read with the label', async () => {
    const el = await mount('kk');
    const issued = input(el, '/passport/issueDate');
    expect(issued.type).toBe('text');
    expect(issued.placeholder).toBe('КК.АА.ЖЖЖЖ');
    const hint = el.shadowRoot!.getElementById(issued.getAttribute('aria-describedby')!.split(' ')[0]!)!;
    expect(hint.textContent).toBe('Мысалы, 27.03.2007');
    issued.focus();
    await userEvent.keyboard('1.5.2020');
    expect(value(el, ['passport', 'issueDate'])).toBe('2020-05-01');
    // Leaving the box writes the date out in full; the typed text is never rewritten while typing.
    await userEvent.keyboard('{Tab}');
    expect(issued.value).toBe('01.05.2020');
    const result = await axe.run(el.shadowRoot!.querySelector('.form')!, { runOnly: ['wcag2a', 'wcag2aa'] });
    expect(result.violations).toEqual([]);
  });

  it('says next to the field when a day does not exist or an expiry comes before the issue', async () => {
    const el = await mount('ru');
    const issued = input(el, '/passport/issueDate');
    const expires = input(el, '/passport/expiryDate');
    expires.focus();
    await userEvent.keyboard('31.02.2020{Tab}');
    await el.updateComplete;
    const error = () =>
      el
        .shadowRoot!.getElementById(`${idOf('/passport/expiryDate')}-err`)
        ?.textContent?.replace(/\s+/g, ' ')
        .trim() ?? '';
    await until(() => error() !== '');
    expect(value(el, ['passport', 'expiryDate'])).toBe('31.02.2020');
    expect(error()).toMatch(/^Ошибка:/);
    issued.focus();
    await userEvent.keyboard('01.05.2020{Tab}');
    expires.focus();
    await userEvent.keyboard('{Control>}a{/Control}{Backspace}30.04.2020{Tab}');
    await until(() => /раньше/.test(error()));
    expect(expires.getAttribute('aria-invalid')).toBe('true');
    expires.focus();
    await userEvent.keyboard('{Control>}a{/Control}{Backspace}01.05.2021{Tab}');
    await until(() => error() === '');
    expect(value(el, ['passport', 'expiryDate'])).toBe('2021-05-01');
  });
});
