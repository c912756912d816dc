import { html } from 'lit';
import { childrenOf, kindIs, rankWith } from '@komek/core';
import { forNodes, type WidgetRenderer } from '../registry.js';
import { description, errorText, fieldIds } from './field.js';
import { idOf } from '../ids.js';
import { addRowButton, removeRowButton, rowsOf } from './rows.js';

/** A list of like entries (family members, measures outside a plan table): one fieldset per entry, added and removed. */
export const repeatWidget: WidgetRenderer = forNodes(kindIs('repeat'), {
  name: 'repeat',
  tester: rankWith(1, kindIs('repeat')),
  redraw: 'subtree',
  render: (ctx, node, base) => {
    const pointer = base + node.pointer;
    const ids = fieldIds(pointer);
    const name = ctx.text(node.labelKey, node.englishLabel);
    return html`<fieldset class="group repeat" part="group repeat" id=${ids.id}>
      <legend part="legend">${ctx.label(node)}</legend>
      ${description(ctx, node, ids)}${errorText(ctx, pointer, ids)}
      ${rowsOf(ctx, pointer).map((_, i) => {
        const row = `${pointer}/${i}`;
        return html`<fieldset class="group item" part="group item" id=${idOf(row)}>
          <legend part="legend">${name} ${i + 1}</legend>
          <div class="children">${childrenOf(node.item).map((c) => ctx.renderNode(c, row))}</div>
          ${removeRowButton(ctx, pointer, i, name)}
        </fieldset>`;
      })}
      ${addRowButton(ctx, node, pointer, name)}
    </fieldset>`;
  },
});
