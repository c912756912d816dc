/**
 * `<komek-form>` in frameworks that render before `komek.js` has defined it (Vue 3, Preact): the data given as a
 * property is taken over when the element upgrades; data that became the attribute `"[object Object]"` is refused
 * with a console error naming the fix, never shown as an empty form in silence; a JSON `data` attribute is read.
 * The element is defined only after every host has rendered (nothing in this file imports it before that).
 */
import { createApp, h as vue } from 'vue';
import { h as preact, render as renderPreact } from 'preact';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { KzF1InitialApplication } from '@komek/forms/types/kz-f1-initial-application';
import fixture from '../../../../test/fixtures/forms/kz-f1-initial-application/valid-1.json';
import type { KomekForm } from './komek-form.js';
import type { KomekFormFor, KomekSubmitEvent } from '../index.js';
import { idOf } from '../ids.js';

const form = 'kz-f1-initial-application';
const answers = { fullName: 'Aigerim Sadykova' };
const hosts = new Map<string, HTMLElement>();
const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);

function host(name: string): HTMLElement {
  const div = document.createElement('div');
  div.dataset.host = name;
  document.body.append(div);
  hosts.set(name, div);
  return div;
}

async function until(ok: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = performance.now() + ms;
  while (!ok()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The element a host rendered, once it has drawn its form. */
async function drawn(name: string): Promise<KomekForm> {
  const el = hosts.get(name)!.querySelector('komek-form')!;
  await until(() => el.shadowRoot?.querySelector('.form input') != null, `the form in ${name}`);
  await el.updateComplete;
  return el;
}

const fullNameShown = (el: KomekForm) =>
  (el.shadowRoot!.getElementById(idOf('/fullName')) as HTMLInputElement | null)?.value;

beforeAll(async () => {
  expect(customElements.get('komek-form')).toBeUndefined();
  // Vue: `.data` (or :data.prop in a template) sets the property; plain `data` becomes an attribute on an element
  // Vue does not know yet; a JSON string is a fine attribute.
  createApp({ render: () => vue('komek-form', { form, '.data': answers }) }).mount(host('vue-prop'));
  createApp({ render: () => vue('komek-form', { form, data: answers }) }).mount(host('vue-attribute'));
  createApp({ render: () => vue('komek-form', { form, data: JSON.stringify(answers) }) }).mount(host('vue-json'));
  // Preact: `data=` becomes an attribute too; a ref that sets the property works before the definition.
  renderPreact(preact('komek-form', { form, data: answers }), host('preact-attribute'));
  renderPreact(
    preact('komek-form', { form, ref: (el: HTMLElement | null) => el && Object.assign(el, { data: answers }) }),
    host('preact-ref'),
  );
  expect(hosts.get('vue-attribute')!.querySelector('komek-form')!.getAttribute('data')).toBe('[object Object]');
  expect(hosts.get('preact-attribute')!.querySelector('komek-form')!.getAttribute('data')).toBe('[object Object]');
  await import('../index.js');
});

afterAll(() => {
  consoleError.mockRestore();
  for (const div of hosts.values()) div.remove();
});

describe('<komek-form> rendered by a framework before komek.js defines it', () => {
  it('takes over data set as a property before it was defined (Vue .data, Preact ref)', async () => {
    expect(fullNameShown(await drawn('vue-prop'))).toBe('Aigerim Sadykova');
    expect(fullNameShown(await drawn('preact-ref'))).toBe('Aigerim Sadykova');
  });

  it('reads a JSON data attribute', async () => {
    const el = await drawn('vue-json');
    expect(fullNameShown(el)).toBe('Aigerim Sadykova');
    expect(el.data).toEqual(answers);
  });

  it('refuses "[object Object]" with a console error that names the property binding', async () => {
    for (const name of ['vue-attribute', 'preact-attribute']) {
      const el = await drawn(name);
      expect(fullNameShown(el)).toBe('');
    }
    const refused = () =>
      consoleError.mock.calls.map((args) => String(args[0])).filter((m) => m.includes('data attribute'));
    // The explanation is a chunk of its own: it is logged once that is fetched.
    await vi.waitFor(() => expect(refused()).toHaveLength(2));
    const refusals = refused();
    expect(refusals[0]).toContain('"[object Object]"');
    expect(refusals[0]).toContain(':data.prop');
    expect(refusals[0]).toContain('el.data = answers');
    // The message names no answer: case data never goes to the console.
    expect(refusals.join(' ')).not.toContain('Aigerim');
  });

  it('types komek-submit data as the form data of an element typed by form', async () => {
    const el = (await drawn('vue-prop')) as unknown as KomekFormFor<typeof form>;
    el.data = fixture as KzF1InitialApplication;
    let received: KzF1InitialApplication | undefined;
    el.addEventListener('komek-submit', (e) => {
      expectTypeOf(e).toEqualTypeOf<KomekSubmitEvent<KzF1InitialApplication>>();
      expectTypeOf(e.data).toEqualTypeOf<KzF1InitialApplication>();
      received = e.data;
      e.preventDefault();
    });
    expect(await el.submit()).toBe(true);
    expect(received?.fullName).toBe(fixture.fullName);
  });
});
