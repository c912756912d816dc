import { html, nothing } from 'lit';
import { and, kindIs, rankWith } from '@komek/core';
import { widgetNamed, type WidgetRenderer } from '../registry.js';
import type { KomekSignaturePad } from '../signature-pad/signature-pad.js';
import { errorText, fieldIds } from './field.js';

let pad: Promise<unknown> | undefined;
/**
 * The drawing surface's code (`<komek-signature-pad>`), a chunk of its own: fetched when a person chooses to draw, or
 * when there is a drawing to show. Every catalog form has a drawn signature, and most people sign with the typed name.
 */
export const loadSignaturePad = (): Promise<unknown> =>
  (pad ??= import('../signature-pad/signature-pad.js').catch((e: unknown) => {
    pad = undefined;
    throw e;
  }));

/**
 * "Draw a signature" pressed: the surface's code fetched, the pad unfolded and focused. When the code cannot be
 * fetched (offline before it ever was), the button stays, and the person is told why (`data-failed`, in the form's
 * language) and to press it again.
 */
async function unfold(e: Event): Promise<void> {
  const button = e.currentTarget as HTMLButtonElement;
  const element = button.parentElement as KomekSignaturePad;
  const id = `${element.id}-failed`;
  button.disabled = true;
  try {
    await loadSignaturePad();
  } catch {
    let note = element.querySelector<HTMLElement>('.error');
    if (!note) {
      note = Object.assign(document.createElement('p'), { className: 'error', id });
      note.setAttribute('role', 'alert');
      element.append(note);
    }
    note.textContent = button.dataset.failed ?? '';
    const described = button.getAttribute('aria-describedby') ?? '';
    if (!described.split(' ').includes(id)) button.setAttribute('aria-describedby', `${described} ${id}`.trim());
    return;
  } finally {
    button.disabled = false;
  }
  element.querySelector('.error')?.remove();
  element.folded = false;
  await element.updateComplete;
  element.focus();
}

/**
 * An optional drawn signature (PNG data URL) beside the typed name of a signature block. Folded behind a "Draw a
 * signature" button until the person presses it: on a phone a drawing surface in the middle of a form takes the
 * finger that meant to scroll, and its code is fetched only then.
 */
export const signaturePadWidget: WidgetRenderer = {
  name: 'signaturePad',
  tester: rankWith(1, and(kindIs('field'), widgetNamed('signaturePad'))),
  render: (ctx, node, base) => {
    const pointer = base + node.pointer;
    const ids = fieldIds(pointer);
    const value = ctx.value(pointer);
    const drawing = typeof value === 'string' && value !== '' ? value : undefined;
    // A form that cannot be changed shows a drawing if there is one, and nothing of an empty surface.
    if (!drawing && !ctx.editable) return nothing;
    if (drawing) void loadSignaturePad().catch(() => undefined);
    const typedName = ctx.value(pointer.replace(/\/[^/]*$/, '/signedBy'));
    const label = ctx.text(node.labelKey, node.englishLabel);
    const labelId = `${ids.id}-label`;
    return html`<div class="field signature-pad" part="field">
      <span class="label" id=${labelId} part="label">${ctx.label(node)}</span>
      <komek-signature-pad
        id=${ids.id}
        part="signature-pad"
        folded
        .value=${drawing}
        ?disabled=${!ctx.editable}
        .label=${label}
        .clearLabel=${ctx.ui('clearSignature', 'Clear the drawing')}
        .typedLabel=${ctx.ui('signWithName', 'Sign with the typed name')}
        .hint=${ctx.ui('signatureHint', 'Sign with a finger, a stylus or the mouse')}
        .typedName=${typeof typedName === 'string' ? typedName : undefined}
        @change=${(e: Event) => ctx.set(pointer, (e.target as HTMLElement & { value?: string }).value)}
        ><button
          type="button"
          class="draw"
          part="button draw"
          aria-describedby=${labelId}
          data-failed=${ctx.ui(
            'drawSignatureFailed',
            'The drawing surface could not be loaded: check the connection and press the button again.',
          )}
          @click=${unfold}
        >
          ${ctx.ui('drawSignature', 'Draw a signature')}
        </button></komek-signature-pad
      >
      ${errorText(ctx, pointer, ids)}
    </div>`;
  },
};
