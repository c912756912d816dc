import { html } from 'lit';
import { childrenOf, type RepeatNode } from '@komek/core';
import type { FormContext } from '../context.js';

/** The rows of a repeat node's array value. */
export function rowsOf(ctx: FormContext, pointer: string): unknown[] {
  const v = ctx.value(pointer);
  return Array.isArray(v) ? v : [];
}

/** "Add row" for a repeat node: appends an empty row and focuses its first control. */
export function addRowButton(ctx: FormContext, node: RepeatNode, pointer: string, name: string) {
  const rows = rowsOf(ctx, pointer);
  const full = node.schema.maxItems !== undefined && rows.length >= node.schema.maxItems;
  const first = childrenOf(node.item).find((c) => c.kind !== 'static');
  const add = () => {
    ctx.set(pointer, [...rows, {}], true);
    ctx.focus(`${pointer}/${rows.length}${first?.pointer ?? ''}`);
  };
  return ctx.editable
    ? html`<button
        type="button"
        class="add"
        part="button add-row"
        ?disabled=${full}
        aria-label=${`${ctx.ui('addRow', 'Add row')}: ${name}`}
        @click=${add}
      >
        ${ctx.ui('addRow', 'Add row')}
      </button>`
    : null;
}

/** "Remove row" for row `i` of a repeat node; focus goes to the row that takes its place, or to "Add row". */
export function removeRowButton(ctx: FormContext, pointer: string, i: number, name: string) {
  const remove = () => {
    const rows = rowsOf(ctx, pointer).filter((_, j) => j !== i);
    ctx.set(pointer, rows.length > 0 ? rows : undefined, true);
    ctx.focus(rows.length > i ? `${pointer}/${i}` : pointer);
  };
  return ctx.editable
    ? html`<button
        type="button"
        class="remove"
        part="button remove-row"
        aria-label=${`${ctx.ui('removeRow', 'Remove row')}: ${name} ${i + 1}`}
        @click=${remove}
      >
        ${ctx.ui('removeRow', 'Remove row')}
      </button>`
    : null;
}
