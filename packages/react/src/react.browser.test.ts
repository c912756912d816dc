/** `@komek/react` in Chromium: props reach the element, events reach the handlers, types follow the form. */
import { createElement, act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import type { KzF1InitialApplication } from '@komek/forms/types/kz-f1-initial-application';
import type { KomekForm as KomekFormElement, KomekInvalidEvent, KomekSubmitEvent } from '@komek/elements';
import fixture from '../../../test/fixtures/forms/kz-f1-initial-application/valid-1.json';
import { KomekForm, komekFormOf } from './index.js';

const form = 'kz-f1-initial-application';
let root: Root | undefined;
let container: HTMLElement | undefined;

afterEach(() => {
  act(() => root?.unmount());
  container?.remove();
});

async function until(ok: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = performance.now() + ms;
  while (!ok()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function mount(element: ReturnType<typeof createElement>): void {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root!.render(element));
}

async function drawn(): Promise<KomekFormElement> {
  const el = container!.querySelector('komek-form')!;
  await until(() => el.shadowRoot?.querySelector('.form input') != null, 'the form');
  await el.updateComplete;
  return el;
}

describe('@komek/react', () => {
  it("passes form, lang and data as the element's properties, and komek-submit to onKomekSubmit", async () => {
    const submitted: unknown[] = [];
    mount(
      createElement(KomekForm, {
        form,
        lang: 'ru',
        data: { fullName: 'Aigerim Sadykova' },
        onKomekSubmit: (e) => {
          expectTypeOf(e).toEqualTypeOf<KomekSubmitEvent<Record<string, unknown>>>();
          submitted.push(e.data);
          e.preventDefault();
        },
      }),
    );
    const el = await drawn();
    expect(el.lang).toBe('ru');
    const input = [...el.shadowRoot!.querySelectorAll('input')].find((i) => i.value === 'Aigerim Sadykova');
    expect(input).toBeDefined();
    // A Russian label is on screen.
    expect(el.shadowRoot!.querySelector('.form')!.textContent).toMatch(/[А-Яа-яЁё]{4,}/);
    el.data = fixture;
    expect(await el.submit()).toBe(true);
    expect(submitted).toHaveLength(1);
    expect((submitted[0] as { fullName?: string }).fullName).toBe(fixture.fullName);
  });

  it('gives invalid submits to onKomekInvalid, with the issues in form order', async () => {
    const invalid: KomekInvalidEvent[] = [];
    mount(createElement(KomekForm, { form, onKomekInvalid: (e) => invalid.push(e) }));
    const el = await drawn();
    expect(await el.submit()).toBe(false);
    expect(invalid).toHaveLength(1);
    expect(invalid[0]!.issues.length).toBeGreaterThan(0);
    expect(invalid[0]!.issues[0]!.text).not.toBe('');
  });

  it('types data and submitted data by form with komekFormOf', async () => {
    const InitialApplication = komekFormOf<'kz-f1-initial-application'>();
    let received: KzF1InitialApplication | undefined;
    mount(
      createElement(InitialApplication, {
        form,
        data: fixture as KzF1InitialApplication,
        onKomekSubmit: (e) => {
          expectTypeOf(e.data).toEqualTypeOf<KzF1InitialApplication>();
          received = e.data;
          e.preventDefault();
        },
      }),
    );
    const el = await drawn();
    expect(await el.submit()).toBe(true);
    expect(received?.fullName).toBe(fixture.fullName);
  });
});
