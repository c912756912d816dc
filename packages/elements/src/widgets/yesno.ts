import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { and, kindIs, rankWith, type FormNode } from '@komek/core';
import type { FormContext } from '../context.js';
import { widgetNamed, type WidgetRenderer } from '../registry.js';
import { describedBy, description, errorText, fieldIds, invalid } from './field.js';

/**
 * A YES / NO pair: a fieldset whose legend is the question, two radio buttons. Unanswered is absent from the data.
 * Keys (handled by `<komek-form>` for every `[data-yesno]` radio): Y or + answers YES, N or − answers NO, both move
 * on to the next question; ↑/↓ move between questions without answering; Delete clears the answer.
 */
export function yesNo(ctx: FormContext, node: FormNode, pointer: string, row = false) {
  const ids = fieldIds(pointer);
  const value = ctx.value(pointer);
  const radio = (answer: boolean) =>
    html`<label class="answer"><input type="radio" name=${ids.id} id=${`${ids.id}-${answer ? 'y' : 'n'}`}
        value=${answer ? 'yes' : 'no'} data-yesno .checked=${live(value === answer)} ?disabled=${!ctx.editable}
        aria-invalid=${invalid(ctx, pointer)} @change=${() => ctx.set(pointer, answer)}
      /><span>${answer ? ctx.uiBilingual('yes', 'YES') : ctx.uiBilingual('no', 'NO')}</span></label>`;
  return html`<fieldset class=${row ? 'yesno row' : 'field yesno'} part=${row ? 'indicator' : 'field yesno'} id=${ids.id} data-pointer=${pointer}
      role="radiogroup" aria-required=${node.required ? 'true' : nothing} aria-describedby=${describedBy(ctx, node, pointer, ids)}>
    <legend part="label">${ctx.label(node)}</legend>
    ${radio(true)}${radio(false)}
    ${description(ctx, node, ids)}${errorText(ctx, pointer, ids)}
  </fieldset>`;
}

/** A YES / NO question outside an indicator table. */
export const yesNoWidget: WidgetRenderer = {
  name: 'yesno',
  tester: rankWith(1, and(kindIs('field'), widgetNamed('yesno'))),
  render: (ctx, node, base) => yesNo(ctx, node, base + node.pointer),
};
