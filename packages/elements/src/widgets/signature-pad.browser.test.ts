import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../index.js';
import type { KomekForm } from '../komek-form/komek-form.js';
import type { KomekSignaturePad } from '../signature-pad/signature-pad.js';
import { idOf } from '../ids.js';

/**
 * A form's drawn signature is folded behind "Draw a signature": the drawing surface (which takes the finger that
 * meant to scroll a phone's page) and its code come only when the person asks for them, or when there is a drawing.
 */
const FORM = 'kz-interpreter-nda';
const PAD = '/interpreterSignature/image';
/** A 1 × 1 PNG. */
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

async function until(ok: () => boolean, ms = 5000): Promise<void> {
  const end = performance.now() + ms;
  while (!ok()) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function mount(attributes: string, data: Record<string, unknown>): Promise<KomekForm> {
  document.body.innerHTML = `<komek-form form="${FORM}" ${attributes}></komek-form>`;
  const el = document.querySelector('komek-form')!;
  el.style.setProperty('--komek-content-visibility', 'visible');
  el.data = data;
  await el.ready;
  await el.updateComplete;
  return el;
}

const padOf = (el: KomekForm) => el.shadowRoot!.getElementById(idOf(PAD)) as KomekSignaturePad | null;
const canvasOf = (pad: KomekSignaturePad | null) => pad?.shadowRoot?.querySelector('canvas') ?? null;
/** The element focus is in, through shadow roots. */
function focused(): Element | null {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('drawn signature in a form', () => {
  it('shows "Draw a signature" and fetches the drawing surface only when it is pressed', async () => {
    const el = await mount('lang="ru"', { interpreterSignature: { signedBy: 'Zarina Khodjaeva' } });
    const pad = padOf(el)!;
    expect(pad).not.toBeNull();
    // Nothing has asked for the surface yet: its element is not even defined.
    expect(customElements.get('komek-signature-pad')).toBeUndefined();
    expect(canvasOf(pad)).toBeNull();
    const button = pad.querySelector('button')!;
    expect(button.textContent?.trim()).toBe('Расписаться от руки');
    const box = button.getBoundingClientRect();
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(button.checkVisibility()).toBe(true);

    // By keyboard, as a person who cannot draw would press it.
    button.focus();
    await userEvent.keyboard('{Enter}');
    await until(() => canvasOf(pad) !== null);
    expect(customElements.get('komek-signature-pad')).toBeDefined();
    expect(button.checkVisibility()).toBe(false);
    // Focus moved into the surface: its first button, which signs with the typed name.
    await until(() => focused()?.textContent?.trim() === 'Подписать введённым именем', 2000);
    await userEvent.keyboard('{Enter}');
    await until(
      () => typeof (el.data as { interpreterSignature?: { image?: string } }).interpreterSignature?.image === 'string',
    );
    expect((el.data as { interpreterSignature: { image: string } }).interpreterSignature.image).toMatch(
      /^data:image\/png;base64,/,
    );
  });

  it('signs with the name as typed now, not as it was when the surface was drawn', async () => {
    const el = await mount('lang="en"', {});
    const name = el.shadowRoot!.getElementById(idOf('/interpreterSignature/signedBy')) as HTMLInputElement;
    await userEvent.type(name, 'Zarina');
    const pad = padOf(el)!;
    pad.querySelector('button')!.focus();
    await userEvent.keyboard('{Enter}');
    await until(() => canvasOf(pad) !== null);
    await pad.updateComplete;
    const typedButton = () =>
      [...pad.shadowRoot!.querySelectorAll('button')].find((b) => /typed name/i.test(b.textContent ?? ''));
    expect(typedButton(), 'the name typed before the surface was opened').toBeDefined();
    expect(pad.typedName).toBe('Zarina');
    await userEvent.type(name, ' Khodjaeva');
    expect(pad.typedName).toBe('Zarina Khodjaeva');
    await userEvent.clear(name);
    await pad.updateComplete;
    expect(typedButton(), 'no name, nothing to sign with').toBeUndefined();
  });

  it('keeps the surface open when its drawing is cleared', async () => {
    const el = await mount('lang="en"', { interpreterSignature: { signedBy: 'Zarina Khodjaeva', image: PNG } });
    const pad = padOf(el)!;
    await until(() => canvasOf(pad) !== null);
    const clear = [...pad.shadowRoot!.querySelectorAll('button')].find((b) => /clear/i.test(b.textContent ?? ''))!;
    await userEvent.click(clear);
    await until(
      () => (el.data as { interpreterSignature: { image?: string } }).interpreterSignature.image === undefined,
    );
    await el.updateComplete;
    await pad.updateComplete;
    expect(canvasOf(pad)).not.toBeNull();
  });

  it('shows a drawing at once, without the button, also when the form cannot be changed', async () => {
    for (const readonly of [false, true]) {
      const el = await mount(readonly ? 'readonly' : '', { interpreterSignature: { image: PNG } });
      const pad = padOf(el)!;
      await until(() => canvasOf(pad) !== null);
      expect(pad.querySelector('button')?.checkVisibility() ?? false).toBe(false);
      // Read-only: no button that would change the drawing is shown (nor works).
      const buttons = [...pad.shadowRoot!.querySelectorAll('button')].filter((b) => b.checkVisibility());
      expect(buttons.length > 0).toBe(!readonly);
    }
  });

  it('shows nothing of an empty surface on a form that cannot be changed', async () => {
    const el = await mount('readonly', { interpreterSignature: { signedBy: 'Zarina Khodjaeva' } });
    expect(padOf(el)).toBeNull();
    // The typed name is still shown.
    const name = el.shadowRoot!.getElementById(idOf('/interpreterSignature/signedBy')) as HTMLInputElement;
    expect(name.value).toBe('Zarina Khodjaeva');
  });
});
