import { html, nothing } from 'lit';
import { and, kindIs, rankWith, type FormNode } from '@komek/core';
import type { FormContext } from '../context.js';
import { widgetNamed, type WidgetRenderer } from '../registry.js';
import { describedBy, description, errorText, fieldIds, invalid } from './field.js';

/**
 * A YES / NO pair: a fieldset whose legend is the question, two radio buttons. Unanswered is absent from the data.
 * `<komek-form>` handles, for every `[data-yesno]` radio, the change (one listener for the whole form: an indicator
 * table has dozens of rows) and the keys: Y or + answers YES, N or − answers NO, both move on to the next question;
 * ↑ / ↓ move between questions without answering; Delete clears the answer.
 */
export function yesNo(ctx: FormContext, node: FormNode, pointer: string, row = false) {
  const ids = fieldIds(pointer);
  const value = ctx.value(pointer);
  const locked = !ctx.editable;
  return html`<fieldset
    class=${row ? 'yesno row' : 'field yesno'}
    part=${row ? 'indicator' : 'field yesno'}
    id=${ids.id}
    data-pointer=${pointer}
    role="radiogroup"
    aria-required=${node.required ? 'true' : nothing}
    aria-invalid=${invalid(ctx, pointer)}
    aria-describedby=${describedBy(ctx, node, pointer, ids)}
  >
    <legend part="label">${ctx.label(node)}</legend>
    <label class="answer"
      ><input type="radio" name=${ids.id} value="yes" data-yesno .checked=${value === true} ?disabled=${locked} /><span
        >${ctx.uiBilingual('yes', 'YES')}</span
      ></label
    >
    <label class="answer"
      ><input type="radio" name=${ids.id} value="no" data-yesno .checked=${value === false} ?disabled=${locked} /><span
        >${ctx.uiBilingual('no', 'NO')}</span
      ></label
    >
    ${description(ctx, node, ids)}${errorText(ctx, pointer, ids)}
  </fieldset>`;
}

/** A YES / NO question outside an indicator table. */
export const yesNoWidget: WidgetRenderer = {
  name: 'yesno',
  tester: rankWith(1, and(kindIs('field'), widgetNamed('yesno'))),
  redraw: 'answer',
  render: (ctx, node, base) => yesNo(ctx, node, base + node.pointer),
};
