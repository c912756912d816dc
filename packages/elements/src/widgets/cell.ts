import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { FormNode } from '@komek/core';
import type { FormContext } from '../context.js';
import { dateCell } from './date.js';
import { errorText, fieldIds, invalid, textValue } from './field.js';

/**
 * A bare control for a table cell, named by its column and row headers (`aria-labelledby`) instead of its own
 * label. Widgets a cell cannot hold fall back to the full widget.
 */
export function cellControl(ctx: FormContext, node: FormNode, base: string, labelledBy: string) {
  const pointer = base + node.pointer;
  const ids = fieldIds(pointer);
  const value = ctx.value(pointer);
  const described = ctx.errors(pointer).length > 0 ? ids.err : undefined;
  const common = { id: ids.id, invalid: invalid(ctx, pointer) };
  let control;
  switch (node.widget) {
    case 'checkbox':
    case 'checklist':
      control = html`<input type="checkbox" id=${common.id} part="checkbox" .checked=${live(value === true)} ?disabled=${!ctx.editable}
        aria-labelledby=${labelledBy} aria-describedby=${ifDefined(described)} aria-invalid=${common.invalid}
        @change=${(e: Event) => ctx.set(pointer, (e.target as HTMLInputElement).checked ? true : undefined)} />`;
      break;
    case 'text':
    case 'textarea':
      control = html`<textarea id=${common.id} part="input textarea" rows="2" .value=${live(typeof value === 'string' ? value : '')}
        maxlength=${ifDefined(node.schema.maxLength)} ?readonly=${!ctx.editable} ?required=${node.required}
        aria-labelledby=${labelledBy} aria-describedby=${ifDefined(described)} aria-invalid=${common.invalid}
        @input=${(e: Event) => ctx.set(pointer, textValue(e))}></textarea>`;
      break;
    case 'date':
      control = dateCell(ctx, node, pointer, common.id, labelledBy, described);
      break;
    default:
      return ctx.renderNode(node, base);
  }
  return html`${control}${errorText(ctx, pointer, ids)}`;
}
