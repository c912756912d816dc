import { html } from 'lit';
import { childrenOf, kindIs, type RepeatNode } from '@komek/core';
import type { FormContext } from '../context.js';
import { forNodes, type WidgetRenderer } from '../registry.js';
import { idOf } from '../ids.js';
import { cellControl } from './cell.js';
import './table.styles.js';
import { description, errorText, fieldIds } from './field.js';
import { planTableDeclared } from './lazy.js';
import { addRowButton, removeRowButton, rowsOf } from './rows.js';

function category(ctx: FormContext, node: RepeatNode, base: string, columns: string[], width: number) {
  const pointer = base + node.pointer;
  const ids = fieldIds(pointer);
  const name = ctx.text(node.labelKey, node.englishLabel);
  return html`<tbody id=${ids.id}>
    <tr class="category">
      <th scope="rowgroup" colspan=${width - 1} part="category">${ctx.label(node)}${errorText(ctx, pointer, ids)}</th>
      <td class="actions">${addRowButton(ctx, node, pointer, name)}</td>
    </tr>
    ${rowsOf(ctx, pointer).map((_, i) => {
      const row = `${pointer}/${i}`;
      const rowId = `${idOf(row)}-h`;
      return html`<tr id=${idOf(row)}>
        <th scope="row" id=${rowId} class="num"><span class="visually-hidden">${name} </span>${i + 1}</th>
        ${childrenOf(node.item).map((c, j) => html`<td>${ctx.isShown(c, row) ? cellControl(ctx, c, row, `${columns[j] ?? ''} ${rowId}`) : null}</td>`)}
        <td class="actions">${removeRowButton(ctx, pointer, i, name)}</td>
      </tr>`;
    })}
  </tbody>`;
}

/**
 * The plan table: the eight columns of a plan measure, row categories from the source (social and medical, legal,
 * psychological, …), each holding as many measures as the plan needs. Rows are added and removed per category.
 */
export const planTableWidget: WidgetRenderer = forNodes(kindIs('planTable'), {
  ...planTableDeclared,
  render: (ctx, node, base) => {
    const pointer = base + node.pointer;
    const ids = fieldIds(pointer);
    const head = childrenOf(node.children.find(kindIs('repeat'))?.item);
    const columns = head.map((_, i) => `${ids.id}-c${i}`);
    const width = head.length + 2;
    return html`<fieldset class="table-block" part="group plan-table" id=${ids.id}>
      <legend part="legend">${ctx.label(node)}</legend>
      ${description(ctx, node, ids)}${errorText(ctx, pointer, ids)}
      <div class="scroll">
        <table part="plan-table" class="plan">
          <thead>
            <tr>
              <th scope="col">№</th>
              ${head.map((c, i) => html`<th scope="col" id=${columns[i]}>${ctx.label(c)}</th>`)}
              <th scope="col"><span class="visually-hidden">${ctx.ui('actions', 'Actions')}</span></th>
            </tr>
          </thead>
          ${node.children.map((c) =>
            !ctx.isShown(c, base)
              ? null
              : c.kind === 'repeat'
                ? category(ctx, c, base, columns, width)
                : html`<tbody>
                    <tr>
                      <td colspan=${width}>${ctx.renderNode(c, base)}</td>
                    </tr>
                  </tbody>`,
          )}
        </table>
      </div>
    </fieldset>`;
  },
});
