import { html } from 'lit';
import { and, kindIs, rankWith } from '@komek/core';
import { widgetNamed, type WidgetRenderer } from '../registry.js';
import '../signature-pad/signature-pad.js';
import { errorText, fieldIds } from './field.js';

/** An optional drawn signature (PNG data URL) beside the typed name of a signature block. */
export const signaturePadWidget: WidgetRenderer = {
  name: 'signaturePad',
  tester: rankWith(1, and(kindIs('field'), widgetNamed('signaturePad'))),
  render: (ctx, node, base) => {
    const pointer = base + node.pointer;
    const ids = fieldIds(pointer);
    const value = ctx.value(pointer);
    const typedName = ctx.value(pointer.replace(/\/[^/]*$/, '/signedBy'));
    const label = ctx.text(node.labelKey, node.englishLabel);
    return html`<div class="field signature-pad" part="field">
      <span class="label" id=${`${ids.id}-label`} part="label">${ctx.label(node)}</span>
      <komek-signature-pad
        id=${ids.id}
        part="signature-pad"
        .value=${typeof value === 'string' ? value : undefined}
        ?disabled=${!ctx.editable}
        .label=${label}
        .clearLabel=${ctx.ui('clearSignature', 'Clear the drawing')}
        .typedLabel=${ctx.ui('signWithName', 'Sign with the typed name')}
        .hint=${ctx.ui('signatureHint', 'Sign with a finger, a stylus or the mouse')}
        .typedName=${typeof typedName === 'string' ? typedName : undefined}
        @change=${(e: Event) => ctx.set(pointer, (e.target as HTMLElement & { value?: string }).value)}
      ></komek-signature-pad>
      ${errorText(ctx, pointer, ids)}
    </div>`;
  },
};
