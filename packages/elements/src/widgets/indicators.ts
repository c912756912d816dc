import { html } from 'lit';
import { kindIs, rankWith, widgetOf } from '@komek/core';
import { forNodes, type WidgetRenderer } from '../registry.js';
import { description, errorText, fieldIds } from './field.js';
import { yesNo } from './yesno.js';

/**
 * An indicator group laid out as the source's table "No | Indicator | YES | NO": one row per item, each row a
 * fieldset with the YES / NO radio pair. Items that are not YES / NO (an "other (specify)" line) span the row.
 */
export const indicatorsWidget: WidgetRenderer = forNodes(kindIs('indicators'), {
  name: 'indicators',
  tester: rankWith(1, kindIs('indicators')),
  redraw: 'subtree',
  render: (ctx, node, base) => {
    const pointer = base + node.pointer;
    const ids = fieldIds(pointer);
    const section = base === '' && node.pointer.lastIndexOf('/') === 0;
    return html`<fieldset class=${section ? 'indicators section' : 'indicators'} part="indicator-table" id=${ids.id}>
      <legend part="legend">${section ? html`<h2>${ctx.label(node)}</h2>` : ctx.label(node)}</legend>
      ${description(ctx, node, ids)}${errorText(ctx, pointer, ids)}
      <div class="head" aria-hidden="true">
        <span></span><span>${ctx.uiBilingual('yes', 'YES')}</span><span>${ctx.uiBilingual('no', 'NO')}</span>
      </div>
      ${node.children.map((c) =>
        widgetOf(c) === 'yesno'
          ? ctx.isShown(c, base)
            ? yesNo(ctx, c, base + c.pointer, true)
            : null
          : ctx.renderNode(c, base),
      )}
    </fieldset>`;
  },
});
