import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { and, kindIs, rankWith } from '@komek/core';
import { widgetNamed, type WidgetRenderer } from '../registry.js';
import { describedBy, description, errorText, fieldIds, invalid, textValue } from './field.js';

/** A multi-line text answer. */
export const textareaWidget: WidgetRenderer = {
  name: 'textarea',
  tester: rankWith(1, and(kindIs('field'), widgetNamed('textarea'))),
  render: (ctx, node, base) => {
    const pointer = base + node.pointer;
    const ids = fieldIds(pointer);
    const value = ctx.value(pointer);
    return html`<div class="field" part="field">
      <label for=${ids.id} part="label">${ctx.label(node)}</label>${description(ctx, node, ids)}
      <textarea id=${ids.id} part="input textarea" rows="3"
        .value=${live(typeof value === 'string' ? value : '')}
        maxlength=${ifDefined(node.schema.maxLength)} ?required=${node.required} ?readonly=${!ctx.editable}
        aria-invalid=${invalid(ctx, pointer)} aria-describedby=${describedBy(ctx, node, pointer, ids)}
        @input=${(e: Event) => ctx.set(pointer, textValue(e))}></textarea>
      ${errorText(ctx, pointer, ids)}
    </div>`;
  },
};
