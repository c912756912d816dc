import { html } from 'lit';
import { kindIs, rankWith, widgetOf } from '@komek/core';
import { forNodes, type WidgetRenderer } from '../registry.js';
import { description, errorText, fieldIds } from './field.js';

/**
 * A signature: the typed full name, position and date are the record, laid out on one line as on paper; a drawn
 * signature (the `signaturePad` field) is optional below them.
 */
export const signatureWidget: WidgetRenderer = forNodes(kindIs('signature'), {
  name: 'signature',
  tester: rankWith(1, kindIs('signature')),
  redraw: 'subtree',
  render: (ctx, node, base) => {
    const pointer = base + node.pointer;
    const ids = fieldIds(pointer);
    const typed = node.children.filter((c) => widgetOf(c) !== 'signaturePad');
    const drawn = node.children.filter((c) => widgetOf(c) === 'signaturePad');
    // Typing redraws nothing, so the drawing surface is told the typed name as it changes: "Sign with the typed name"
    // writes the name on screen, not the one there when the surface was last drawn.
    const typedName = (e: Event) => {
      const pad = (e.currentTarget as HTMLElement).querySelector<HTMLElement & { typedName?: string | undefined }>(
        'komek-signature-pad',
      );
      const name = ctx.value(`${pointer}/signedBy`);
      if (pad) pad.typedName = typeof name === 'string' ? name : undefined;
    };
    return html`<fieldset class="group signature" part="group signature" id=${ids.id} @input=${typedName}>
      <legend part="legend">${ctx.label(node)}</legend>
      ${description(ctx, node, ids)}${errorText(ctx, pointer, ids)}
      <div class="children inline-row">${typed.map((c) => ctx.renderNode(c, base))}</div>
      ${drawn.map((c) => ctx.renderNode(c, base))}
    </fieldset>`;
  },
});
