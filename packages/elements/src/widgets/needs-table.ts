import { html } from 'lit';
import { childrenOf, kindIs, type FormNode, type NeedRowNode } from '@komek/core';
import type { FormContext } from '../context.js';
import { forNodes, type WidgetRenderer } from '../registry.js';
import { idOf } from '../ids.js';
import { cellControl } from './cell.js';
import './table.styles.js';
import { description, errorText, fieldIds } from './field.js';
import { needsTableDeclared } from './lazy.js';

function needRow(ctx: FormContext, row: NeedRowNode, base: string, columns: string[]) {
  const rowId = `${idOf(base + row.pointer)}-h`;
  return html`<tr>
    <th scope="row" id=${rowId} part="row-header">${ctx.label(row)}</th>
    ${row.children.map((c, i) => html`<td>${cellControl(ctx, c, base, `${columns[i] ?? ''} ${rowId}`)}</td>`)}
  </tr>`;
}

/**
 * A needs table with the source's fixed rows: category headings, one row per need, a mark and a comment per row.
 * A real table, so each control is announced with its need and its column.
 */
export const needsTableWidget: WidgetRenderer = forNodes(kindIs('needsTable'), {
  ...needsTableDeclared,
  render: (ctx, node, base) => {
    const pointer = base + node.pointer;
    const ids = fieldIds(pointer);
    const firstRow = node.children.flatMap((c) => (c.kind === 'needRow' ? [c] : childrenOf(c))).find(kindIs('needRow'));
    const columns = (firstRow?.children ?? []).map((_, i) => `${ids.id}-c${i}`);
    const width = columns.length + 1;
    const rows = (nodes: readonly FormNode[]) =>
      nodes.map((c) =>
        !ctx.isShown(c, base)
          ? null
          : c.kind === 'needRow'
            ? needRow(ctx, c, base, columns)
            : html`<tr>
                <td colspan=${width}>${ctx.renderNode(c, base)}</td>
              </tr>`,
      );
    return html`<fieldset class="table-block" part="group needs-table" id=${ids.id}>
      <legend part="legend">${ctx.label(node)}</legend>
      ${description(ctx, node, ids)}${errorText(ctx, pointer, ids)}
      <div class="scroll">
        <table part="needs-table">
          <thead>
            <tr>
              <th scope="col">${ctx.label(node)}</th>
              ${(firstRow?.children ?? []).map((c, i) => html`<th scope="col" id=${columns[i]}>${ctx.label(c)}</th>`)}
            </tr>
          </thead>
          ${node.children.map((category) =>
            category.kind === 'needRow' || !ctx.isShown(category, base)
              ? null
              : html`<tbody>
                  <tr>
                    <th scope="rowgroup" colspan=${width} class="category" part="category">${ctx.label(category)}</th>
                  </tr>
                  ${rows(childrenOf(category))}
                </tbody>`,
          )}
          ${
            node.children.some((c) => c.kind === 'needRow')
              ? html`<tbody>
                  ${rows(node.children.filter(kindIs('needRow')))}
                </tbody>`
              : null
          }
        </table>
      </div>
    </fieldset>`;
  },
});
