import { userEvent } from 'vitest/browser';
import { afterEach, describe, expect, it } from 'vitest';
import '../index.js';
import { idOf } from '../ids.js';

/**
 * Consent forms open with the consent itself: the withdrawal (or the refusal of help) and its signature pads are
 * shown, and required, only once the person says the consent is being withdrawn (or the help refused).
 */
async function until(ok: () => boolean, ms = 5000): Promise<void> {
  const end = performance.now() + ms;
  while (!ok()) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

afterEach(() => document.body.replaceChildren());

describe('withdrawal and refusal parts of consent forms', () => {
  it.each([
    ['kz-f4-interview-consent', '/consentWithdrawn', '/withdrawal'],
    ['kg-3.1-f1-identification-consent', '/consentWithdrawn', '/withdrawal'],
    ['tj-f1-identification-consent', '/consentWithdrawn', '/withdrawal'],
    ['tj-f5-help-consent', '/assistanceRefused', '/refusalOfAssistance'],
  ])('%s shows %s first and its part only after YES', async (form, question, part) => {
    const el = document.createElement('komek-form');
    el.setAttribute('form', form);
    el.setAttribute('lang', 'ru');
    document.body.append(el);
    await until(() => el.shadowRoot?.querySelector('.form')?.getAttribute('lang') === 'ru');
    await el.ready;
    const root = el.shadowRoot!;
    const shown = () => root.getElementById(idOf(part)) !== null;
    expect(root.getElementById(idOf(question))).not.toBeNull();
    expect(shown()).toBe(false);
    expect(root.querySelectorAll('komek-signature-pad').length).toBeGreaterThan(0);
    const padsBefore = root.querySelectorAll('komek-signature-pad').length;
    // Not withdrawn: nothing about a withdrawal is asked for.
    expect(el.validationIssues.some((i) => i.pointer.startsWith(part))).toBe(false);

    root.querySelector<HTMLInputElement>(`#${CSS.escape(idOf(question))} input[value=yes]`)!.focus();
    await userEvent.keyboard('{ }');
    await until(shown);
    await el.updateComplete;
    expect(root.querySelectorAll('komek-signature-pad').length).toBeGreaterThan(padsBefore);
    expect(el.validationIssues.some((i) => i.pointer === part || i.pointer.startsWith(`${part}/`))).toBe(true);

    // NO again: the part goes, and so does what it required.
    root.querySelector<HTMLInputElement>(`#${CSS.escape(idOf(question))} input[value=no]`)!.click();
    await until(() => !shown());
    expect(el.validationIssues.some((i) => i.pointer.startsWith(part))).toBe(false);
  });
});
