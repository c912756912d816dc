import { afterEach, describe, expect, it } from 'vitest';
import { UnknownFormError } from '@komek/core';
import { preloadForm } from '../index.js';

const FORM = 'kz-f5-identification-application';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('preloadForm', () => {
  it('lets the element draw a loaded form in the task that adds it, in the language loaded', async () => {
    await preloadForm(FORM, 'ru');
    // A macrotask queued now runs after the task that adds the element: the form must be drawn before it.
    let taskRan = false;
    setTimeout(() => (taskRan = true));
    const el = document.createElement('komek-form');
    el.setAttribute('lang', 'ru');
    el.setAttribute('form', FORM);
    document.body.append(el);
    const drawn = () => el.shadowRoot?.querySelector('input') != null;
    for (let i = 0; i < 1000 && !drawn(); i++) await el.updateComplete;
    expect(drawn()).toBe(true);
    expect(taskRan).toBe(false);
    expect(el.shadowRoot!.querySelector('.loading')).toBeNull();
    // The messages were loaded too: the first question is in Russian, not the schema's English.
    const label = el.shadowRoot!.querySelector('label')!.textContent;
    expect(label).toMatch(/[а-яё]/i);
    await el.ready;
    expect(el.shadowRoot!.querySelectorAll('input, textarea, select').length).toBeGreaterThan(100);
  });

  it('rejects an unknown form with the error the element shows', async () => {
    const failed = await preloadForm('kz-f99-nothing', 'ru').catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(UnknownFormError);
    expect((failed as Error).message).toContain('kz-f99-nothing');
  });
});
