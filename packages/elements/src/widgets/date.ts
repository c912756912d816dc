import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { and, kindIs, rankWith } from '@komek/core';
import { widgetNamed, type WidgetRenderer } from '../registry.js';
import { describedBy, description, errorText, fieldIds, invalid, textValue } from './field.js';

/** A calendar date (`YYYY-MM-DD`), typed or picked with the browser's own date control. */
export const dateWidget: WidgetRenderer = {
  name: 'date',
  tester: rankWith(1, and(kindIs('field'), widgetNamed('date'))),
  redraw: 'answer',
  echoesInput: true,
  cell: (ctx, node, c) => html`<input type="date" id=${c.id} part="input" min="1900-01-01" max="2100-12-31"
    .value=${live(typeof c.value === 'string' ? c.value : '')} ?readonly=${!ctx.editable} ?required=${node.required}
    aria-labelledby=${c.labelledBy} aria-describedby=${ifDefined(c.describedBy)} aria-invalid=${c.invalid}
    @input=${(e: Event) => ctx.set(c.pointer, textValue(e))} />`,
  render: (ctx, node, base) => {
    const pointer = base + node.pointer;
    const ids = fieldIds(pointer);
    const value = ctx.value(pointer);
    return html`<div class="field date" part="field">
      <label for=${ids.id} part="label">${ctx.label(node)}</label>${description(ctx, node, ids)}
      <input id=${ids.id} part="input" type="date" min="1900-01-01" max="2100-12-31"
        .value=${live(typeof value === 'string' ? value : '')}
        ?required=${node.required} ?readonly=${!ctx.editable}
        aria-invalid=${invalid(ctx, pointer)} aria-describedby=${describedBy(ctx, node, pointer, ids)}
        @input=${(e: Event) => ctx.set(pointer, textValue(e))} />
      ${errorText(ctx, pointer, ids)}
    </div>`;
  },
};
