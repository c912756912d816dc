import axe from 'axe-core';
import { afterEach, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import './signature-pad.js';
import type { KomekSignaturePad } from './signature-pad.js';

async function mount(): Promise<KomekSignaturePad> {
  const pad = document.createElement('komek-signature-pad');
  pad.label = 'Signature of the migrant';
  document.body.append(pad);
  await pad.updateComplete;
  const result = await axe.run(pad, { resultTypes: ['violations'] });
  expect(result.violations.map((v) => v.id)).toEqual([]);
  return pad;
}

afterEach(() => {
  document.body.innerHTML = '';
});

it('stores a drawn stroke as a PNG data URL and clears it', async () => {
  const pad = await mount();
  const canvas = pad.shadowRoot!.querySelector('canvas')!;
  const r = canvas.getBoundingClientRect();
  let changes = 0;
  pad.addEventListener('change', () => changes++);
  const at = (type: string, x: number, y: number) =>
    canvas.dispatchEvent(
      new PointerEvent(type, { clientX: r.left + x, clientY: r.top + y, pointerId: 1, button: 0, bubbles: true }),
    );
  at('pointerdown', 10, 10);
  at('pointermove', 60, 40);
  at('pointermove', 120, 20);
  at('pointerup', 120, 20);
  expect(pad.value).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/);
  expect(changes).toBe(1);
  await pad.updateComplete;
  const clear = [...pad.shadowRoot!.querySelectorAll('button')].at(-1)!;
  clear.focus();
  await userEvent.keyboard('{Enter}');
  expect(pad.value).toBeUndefined();
  expect(changes).toBe(2);
});

it('signs with the typed name from the keyboard', async () => {
  const pad = await mount();
  pad.typedName = 'Gulnara Abdullaeva';
  await pad.updateComplete;
  const sign = pad.shadowRoot!.querySelector('button')!;
  expect(sign.textContent).toMatch(/typed name/);
  sign.focus();
  await userEvent.keyboard('{Enter}');
  expect(pad.value).toMatch(/^data:image\/png;base64,/);
});

it('draws a value set from outside (a restored draft) and draws nothing when disabled', async () => {
  const source = await mount();
  source.typedName = 'A';
  await source.updateComplete;
  source.shadowRoot!.querySelector('button')!.click();
  const png = source.value!;
  const pad = await mount();
  pad.value = png;
  pad.disabled = true;
  await pad.updateComplete;
  const canvas = pad.shadowRoot!.querySelector('canvas')!;
  canvas.dispatchEvent(new PointerEvent('pointerdown', { pointerId: 2, button: 0 }));
  canvas.dispatchEvent(new PointerEvent('pointerup', { pointerId: 2, button: 0 }));
  expect(pad.value).toBe(png);
  expect(pad.shadowRoot!.querySelector('.actions')).toBeNull();
});

it('never loads a value that is not a PNG data URL (a link in the data is not fetched)', async () => {
  const loaded: string[] = [];
  const descriptor = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src')!;
  Object.defineProperty(HTMLImageElement.prototype, 'src', {
    configurable: true,
    get: descriptor.get!,
    set(this: HTMLImageElement, v: string) {
      loaded.push(v);
    },
  });
  try {
    const pad = await mount();
    for (const value of [
      'https://tracker.invalid/pixel.png',
      'javascript:alert(1)',
      'data:image/svg+xml,<svg onload="alert(1)"/>',
    ]) {
      pad.value = value;
      await pad.updateComplete;
    }
    expect(loaded).toEqual([]);
    pad.value = 'data:image/png;base64,iVBORw0KGgo=';
    await pad.updateComplete;
    expect(loaded).toEqual(['data:image/png;base64,iVBORw0KGgo=']);
  } finally {
    Object.defineProperty(HTMLImageElement.prototype, 'src', descriptor);
  }
});
