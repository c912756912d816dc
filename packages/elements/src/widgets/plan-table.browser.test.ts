import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { getAtPointer } from '@komek/core';
import '../index.js';
import type { KomekForm } from '../komek-form/komek-form.js';
import { idOf } from '../ids.js';

const FORM = 'tj-f7-individual-work-plan';
const ROW = '/planTable/legalHelp/0';

async function until(ok: () => boolean, ms = 5000): Promise<void> {
  const end = performance.now() + ms;
  while (!ok()) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function mount(): Promise<KomekForm> {
  const el = document.createElement('komek-form');
  el.setAttribute('form', FORM);
  el.style.setProperty('--komek-content-visibility', 'visible');
  document.body.append(el);
  await until(() => el.shadowRoot?.querySelector('.form') != null);
  el.data = {
    planTable: { legalHelp: [{ measures: 'Assistance in obtaining a new passport', timeLimit: 'until 30.06' }] },
  };
  await el.ready;
  await el.updateComplete;
  return el;
}

const byPointer = <E extends HTMLElement = HTMLInputElement>(el: KomekForm, pointer: string) =>
  el.shadowRoot!.getElementById(idOf(pointer)) as E | null;
const errorsOf = (el: KomekForm) => el.validationIssues.map((i) => `${i.keyword}@${i.pointer}`);

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the plan table', () => {
  it('takes a time limit in words, a mark of non-execution that asks for the reason, and a signature with its date', async () => {
    const el = await mount();
    expect(byPointer(el, `${ROW}/timeLimit`)!.value).toBe('until 30.06');
    // The reason is asked only after "non-execution".
    expect(byPointer(el, `${ROW}/executionMark/reason`)).toBeNull();
    const notExecuted = el.shadowRoot!.querySelector<HTMLInputElement>(
      `[name="${idOf(`${ROW}/executionMark/mark`)}"][value="notExecuted"], #${CSS.escape(idOf(`${ROW}/executionMark/mark`))} input[value="notExecuted"]`,
    );
    expect(notExecuted, 'a "non-execution" choice in the row').not.toBeNull();
    notExecuted!.click();
    await el.updateComplete;
    await until(() => byPointer(el, `${ROW}/executionMark/reason`) !== null);
    expect(await el.submit()).toBe(false);
    expect(errorsOf(el)).toContain(`required@${ROW}/executionMark/reason`);
    // The problems' summary takes the focus once drawn; then the person goes to the reason.
    await until(() => el.shadowRoot!.activeElement?.classList.contains('summary') === true);
    byPointer(el, `${ROW}/executionMark/reason`)!.focus();
    await userEvent.keyboard('The passport office is closed until July');
    const name = byPointer(el, `${ROW}/responsibleSignature/signedBy`)!;
    expect(name, 'the signature asks for the name').not.toBeNull();
    expect(byPointer(el, `${ROW}/responsibleSignature/date`), 'the signature asks for its date').not.toBeNull();
    name.focus();
    await userEvent.keyboard('R. Nazarov');
    await el.updateComplete;
    expect(await el.submit()).toBe(false);
    expect(errorsOf(el)).toContain(`required@${ROW}/responsibleSignature/date`);
    expect(getAtPointer(el.data, `${ROW}/executionMark`)).toEqual({
      mark: 'notExecuted',
      reason: 'The passport office is closed until July',
    });
    const result = await axe.run(el.shadowRoot!.querySelector('.plan')!, { resultTypes: ['violations'] });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });

  it('refuses a plan without any measure, saying so on the table', async () => {
    const el = await mount();
    el.data = { planTable: {} };
    await el.updateComplete;
    expect(await el.submit()).toBe(false);
    expect(errorsOf(el)).toContain('minProperties@/planTable');
    const text = el.validationIssues.find((i) => i.keyword === 'minProperties')!.text;
    expect(text).toMatch(/needs at least one entry/);
  });
});
