import { describe, expect, it } from 'vitest';
import { buildFormModel, defaultWidgets, widgetOf } from '@komek/core';
import { registerWidget } from '@komek/elements';
import { scaleKind } from '../../fixtures/widget-kind/scale.kind.js';
import { scaleWidget } from '../../fixtures/widget-kind/scale.element.js';
import { satisfactionForm } from '../../fixtures/widget-kind/satisfaction.js';

// A new widget kind: one line per registry.
defaultWidgets.push(scaleKind);
registerWidget(scaleWidget);

describe('a widget kind added by one file per renderer', () => {
  it('is resolved by core and drawn by <komek-form>: five choices, the answer an integer, the form valid', async () => {
    expect(widgetOf(buildFormModel(satisfactionForm).byPointer.get('/rating'))).toBe('scale');
    const el = document.createElement('komek-form');
    el.schema = satisfactionForm;
    el.validator = Object.assign((d: unknown) => typeof (d as { rating?: unknown }).rating === 'number', {
      errors: null,
    });
    document.body.append(el);
    try {
      await el.ready;
      const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('fieldset input[type=radio]')];
      expect(radios.map((r) => r.value)).toEqual(['1', '2', '3', '4', '5']);
      expect(el.shadowRoot!.querySelector('legend')?.textContent).toContain('How satisfied are you with the help?');
      radios[3]!.click();
      await el.updateComplete;
      expect(el.data).toEqual({ rating: 4 });
      expect(radios[3]!.checked).toBe(true);
      const submitted = new Promise<unknown>((resolve) =>
        el.addEventListener('komek-submit', (e) => resolve(e.data), { once: true }),
      );
      expect(await el.submit()).toBe(true);
      expect(await submitted).toEqual({ rating: 4 });
    } finally {
      el.remove();
    }
  });
});
