import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from './live.js';
import { and, kindIs, rankWith, type FormNode } from '@komek/core';
import type { FormContext } from '../context.js';
import { widgetNamed, type CellRender, type WidgetRenderer } from '../registry.js';
import { describedBy, description, errorText, fieldIds, invalid, textValue } from './field.js';

/**
 * A text answer on one line (`<input>`) or several (`<textarea>`): the same label, messages and events. The schema's
 * `maxLength` is not a `maxlength` attribute, which would cut a pasted text at the limit without a word: the whole
 * text stays, and the field's message says how long it may be (as the GOV.UK Design System advises).
 */
function textAnswer(ctx: FormContext, node: FormNode, base: string, multiline: boolean) {
  const pointer = base + node.pointer;
  const ids = fieldIds(pointer);
  const value = ctx.value(pointer);
  const shown = live(typeof value === 'string' ? value : '');
  const onInput = (e: Event) => ctx.set(pointer, textValue(e));
  const control = multiline
    ? html`<textarea
        id=${ids.id}
        part="input textarea"
        rows="3"
        .value=${shown}
        ?required=${node.required}
        ?readonly=${!ctx.editable}
        aria-invalid=${invalid(ctx, pointer)}
        aria-describedby=${describedBy(ctx, node, pointer, ids)}
        @input=${onInput}
      ></textarea>`
    : html`<input
        id=${ids.id}
        part="input"
        type="text"
        autocomplete="off"
        .value=${shown}
        ?required=${node.required}
        ?readonly=${!ctx.editable}
        aria-invalid=${invalid(ctx, pointer)}
        aria-describedby=${describedBy(ctx, node, pointer, ids)}
        @input=${onInput}
      />`;
  return html`<div class="field" part="field">
    <label for=${ids.id} part="label">${ctx.label(node)}</label>${description(ctx, node, ids)} ${control}
    ${errorText(ctx, pointer, ids)}
  </div>`;
}

/** In a table cell a text is always a small text area: cells are narrow and answers there run long. */
const textCell: CellRender = (ctx, node, c) =>
  html`<textarea
    id=${c.id}
    part="input textarea"
    rows="2"
    .value=${live(typeof c.value === 'string' ? c.value : '')}
    ?readonly=${!ctx.editable}
    ?required=${node.required}
    aria-labelledby=${c.labelledBy}
    aria-describedby=${ifDefined(c.describedBy)}
    aria-invalid=${c.invalid}
    @input=${(e: Event) => ctx.set(c.pointer, textValue(e))}
  ></textarea>`;

/** A one-line text answer. */
export const textWidget: WidgetRenderer = {
  name: 'text',
  tester: rankWith(1, and(kindIs('field'), widgetNamed('text'))),
  redraw: 'answer',
  echoesInput: true,
  cell: textCell,
  render: (ctx, node, base) => textAnswer(ctx, node, base, false),
};

/** A multi-line text answer. */
export const textareaWidget: WidgetRenderer = {
  name: 'textarea',
  tester: rankWith(1, and(kindIs('field'), widgetNamed('textarea'))),
  redraw: 'answer',
  echoesInput: true,
  cell: textCell,
  render: (ctx, node, base) => textAnswer(ctx, node, base, true),
};
