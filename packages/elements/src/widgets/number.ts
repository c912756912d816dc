import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from './live.js';
import { and, kindIs, rankWith } from '@komek/core';
import { widgetNamed, type WidgetRenderer } from '../registry.js';
import { describedBy, description, errorText, fieldIds, invalid } from './field.js';

/** A number answer (counts: integers with bounds). */
export const numberWidget: WidgetRenderer = {
  name: 'number',
  tester: rankWith(1, and(kindIs('field'), widgetNamed('number'))),
  redraw: 'answer',
  echoesInput: true,
  render: (ctx, node, base) => {
    const pointer = base + node.pointer;
    const ids = fieldIds(pointer);
    const value = ctx.value(pointer);
    const integer = node.schema.type === 'integer';
    return html`<div class="field" part="field">
      <label for=${ids.id} part="label">${ctx.label(node)}</label>${description(ctx, node, ids)}
      <input
        id=${ids.id}
        part="input"
        type="number"
        inputmode=${integer ? 'numeric' : 'decimal'}
        step=${integer ? '1' : 'any'}
        min=${ifDefined(node.schema.minimum)}
        max=${ifDefined(node.schema.maximum)}
        .value=${live(typeof value === 'number' ? String(value) : '')}
        ?required=${node.required}
        ?readonly=${!ctx.editable}
        aria-invalid=${invalid(ctx, pointer)}
        aria-describedby=${describedBy(ctx, node, pointer, ids)}
        @input=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          ctx.set(pointer, input.value === '' || Number.isNaN(input.valueAsNumber) ? undefined : input.valueAsNumber);
        }}
      />
      ${errorText(ctx, pointer, ids)}
    </div>`;
  },
};
