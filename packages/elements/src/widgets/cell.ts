import { html } from 'lit';
import type { FormNode } from '@komek/core';
import type { FormContext } from '../context.js';
import { rendererFor } from '../registry.js';
import { errorText, fieldIds, invalid } from './field.js';

/**
 * A bare control for a table cell, named by its column and row headers (`aria-labelledby`) instead of its own
 * label: the widget's `cell`, declared beside its tester. Widgets without one are drawn whole.
 */
export function cellControl(ctx: FormContext, node: FormNode, base: string, labelledBy: string) {
  const cell = rendererFor(node)?.cell;
  if (!cell) return ctx.renderNode(node, base);
  const pointer = base + node.pointer;
  const ids = fieldIds(pointer);
  const describedBy = ctx.errors(pointer).length > 0 ? ids.err : undefined;
  const control = cell(ctx, node, {
    pointer,
    id: ids.id,
    value: ctx.value(pointer),
    labelledBy,
    describedBy,
    invalid: invalid(ctx, pointer),
  });
  return html`${control}${errorText(ctx, pointer, ids)}`;
}
