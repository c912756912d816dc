import { expect, it } from 'vitest';
import { buildFormModel, namespaceOf, walkNodes } from '@komek/core';
import { schemaLoaders, validatorLoaders, type FormId } from '@komek/forms/catalog';
import { idOf, type KomekForm } from '@komek/elements';
import { loadMessages } from '../../../packages/elements/src/localize/messages.js';

/**
 * Speed of `<komek-form>` on the largest forms (printed; the bars are 30 ms first render and 2 ms per keystroke,
 * checked loosely here because a shared CI machine is noisy).
 */
const LARGEST: FormId[] = ['kz-f5-identification-application', 'tj-f4-family-questionnaire', 'tj-f3-identification-questionnaire'];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

it('renders the largest forms fast and handles keystrokes in little time', async () => {
  for (const id of LARGEST) {
    const bundle = await schemaLoaders[id]();
    const validator = await validatorLoaders[id]();
    const fields = [...walkNodes(buildFormModel(bundle).root)].filter((n) => n.kind === 'field').length;
    await loadMessages('ru', Object.keys(bundle.schemas).map(namespaceOf));
    const renders: number[] = [];
    let el!: KomekForm;
    for (let i = 0; i < 7; i++) {
      document.body.innerHTML = '';
      el = document.createElement('komek-form') as KomekForm;
      el.lang = 'ru';
      el.secondaryLang = 'en';
      el.validator = validator as never;
      // A copy of the bundle, so that every round builds the form model as a first visit does.
      const copy = structuredClone(bundle);
      await new Promise((r) => setTimeout(r, 20));
      const t0 = performance.now();
      el.schema = copy;
      document.body.append(el);
      await el.ready;
      void document.body.offsetHeight;
      renders.push(performance.now() - t0);
    }
    const first = [...walkNodes(buildFormModel(bundle).root)].find((n) => n.widget === 'text')!;
    const input = el.shadowRoot!.getElementById(idOf(first.pointer)) as HTMLInputElement;
    const keys: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t0 = performance.now();
      input.value += 'a';
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: 'a' }));
      await el.updateComplete;
      keys.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 5));
    }
    console.log(`${id}: ${fields} fields; first render (model, messages cached, render, layout) median ${median(renders).toFixed(1)} ms, min ${Math.min(...renders).toFixed(1)}; keystroke median ${median(keys).toFixed(2)} ms, max ${Math.max(...keys).toFixed(2)}`);
    expect(median(renders)).toBeLessThan(300);
    expect(median(keys)).toBeLessThan(20);
  }
});
