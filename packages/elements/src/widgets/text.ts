import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { and, kindIs, rankWith } from '@komek/core';
import { widgetNamed, type WidgetRenderer } from '../registry.js';
import { describedBy, description, errorText, fieldIds, invalid, textValue } from './field.js';

/** A one-line text answer. */
export const textWidget: WidgetRenderer = {
  name: 'text',
  tester: rankWith(1, and(kindIs('field'), widgetNamed('text'))),
  render: (ctx, node, base) => {
    const pointer = base + node.pointer;
    const ids = fieldIds(pointer);
    const value = ctx.value(pointer);
    return html`<div class="field" part="field">
      <label for=${ids.id} part="label">${ctx.label(node)}</label>${description(ctx, node, ids)}
      <input id=${ids.id} part="input" type="text" autocomplete="off"
        .value=${live(typeof value === 'string' ? value : '')}
        maxlength=${ifDefined(node.schema.maxLength)} ?required=${node.required} ?readonly=${!ctx.editable}
        aria-invalid=${invalid(ctx, pointer)} aria-describedby=${describedBy(ctx, node, pointer, ids)}
        @input=${(e: Event) => ctx.set(pointer, textValue(e))} />
      ${errorText(ctx, pointer, ids)}
    </div>`;
  },
};
