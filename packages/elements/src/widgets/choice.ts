import { html, nothing } from 'lit';
import { live } from './live.js';
import { and, kindIs, rankWith, type FieldNode } from '@komek/core';
import type { FormContext } from '../context.js';
import { forNodes, widgetNamed, type WidgetRenderer } from '../registry.js';
import { describedBy, description, errorText, fieldIds, invalid } from './field.js';

/** Up to this many options are radio buttons; more become a drop-down list. */
const MAX_RADIOS = 7;

function radios(ctx: FormContext, node: FieldNode, pointer: string) {
  const ids = fieldIds(pointer);
  const value = ctx.value(pointer);
  const options = node.options ?? [];
  return html`<fieldset
    class="field choice"
    part="field choice"
    id=${ids.id}
    data-pointer=${pointer}
    role="radiogroup"
    aria-required=${node.required ? 'true' : nothing}
    aria-describedby=${describedBy(ctx, node, pointer, ids)}
  >
    <legend part="label">${ctx.label(node)}</legend>
    ${description(ctx, node, ids)}
    <div class="options">
      ${options.map(
        (o, i) =>
          html`<label class="option"
            ><input
              type="radio"
              name=${ids.id}
              id=${`${ids.id}-${i}`}
              value=${o.value}
              data-clearable
              .checked=${live(value === o.value)}
              ?disabled=${!ctx.editable}
              aria-invalid=${invalid(ctx, pointer)}
              @change=${() => ctx.set(pointer, o.value)}
            />${ctx.bilingual(o.labelKey, o.englishLabel)}</label
          >`,
      )}
    </div>
    ${errorText(ctx, pointer, ids)}
  </fieldset>`;
}

function select(ctx: FormContext, node: FieldNode, pointer: string) {
  const ids = fieldIds(pointer);
  const value = ctx.value(pointer);
  return html`<div class="field" part="field">
    <label for=${ids.id} part="label">${ctx.label(node)}</label>${description(ctx, node, ids)}
    <select
      id=${ids.id}
      part="input select"
      ?required=${node.required}
      ?disabled=${!ctx.editable}
      aria-invalid=${invalid(ctx, pointer)}
      aria-describedby=${describedBy(ctx, node, pointer, ids)}
      @change=${(e: Event) => ctx.set(pointer, (e.target as HTMLSelectElement).value || undefined)}
    >
      <option value="" ?selected=${value === undefined}>${ctx.ui('select', '— select —')}</option>
      ${(node.options ?? []).map((o) => html`<option value=${o.value} ?selected=${value === o.value}>${ctx.text(o.labelKey, o.englishLabel)}</option>`)}
    </select>
    ${errorText(ctx, pointer, ids)}
  </div>`;
}

/**
 * One answer from a list: radio buttons in a fieldset (Delete clears an answer), or a drop-down list for long
 * lists. An `other` option shows its sibling "(specify)" field through the schema's condition.
 */
export const choiceWidget: WidgetRenderer = forNodes(kindIs('field'), {
  name: 'choice',
  tester: rankWith(1, and(kindIs('field'), widgetNamed('choice'))),
  redraw: 'answer',
  render: (ctx, node, base) => {
    const pointer = base + node.pointer;
    return (node.options?.length ?? 0) > MAX_RADIOS ? select(ctx, node, pointer) : radios(ctx, node, pointer);
  },
});
