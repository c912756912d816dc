import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from './live.js';
import { and, kindIs, or, rankWith, type FormNode, type WidgetNode } from '@komek/core';
import { forNodes, widgetNamed, type WidgetRenderer } from '../registry.js';
import { describedBy, description, errorText, fieldIds, invalid } from './field.js';

/**
 * A single tick box; also a guidance item the specialist confirms (checklist). Unticked is no answer, so a
 * required confirmation stays missing until it is ticked.
 */
export const checkboxWidget: WidgetRenderer = forNodes(
  (node: FormNode): node is WidgetNode => node.kind === 'field' || node.kind === 'checklist',
  {
    name: 'checkbox',
    tester: rankWith(
      1,
      and(or(kindIs('field'), kindIs('checklist')), or(widgetNamed('checkbox'), widgetNamed('checklist'))),
    ),
    redraw: 'answer',
    cell: (ctx, _node, c) =>
      html`<input
        type="checkbox"
        id=${c.id}
        part="checkbox"
        .checked=${live(c.value === true)}
        ?disabled=${!ctx.editable}
        aria-labelledby=${c.labelledBy}
        aria-describedby=${ifDefined(c.describedBy)}
        aria-invalid=${c.invalid}
        @change=${(e: Event) => ctx.set(c.pointer, (e.target as HTMLInputElement).checked ? true : undefined)}
      />`,
    render: (ctx, node, base) => {
      const pointer = base + node.pointer;
      const ids = fieldIds(pointer);
      const checklist = node.widget === 'checklist';
      return html`<div
        class=${checklist ? 'field checkbox checklist' : 'field checkbox'}
        part=${checklist ? 'field checklist' : 'field'}
      >
        <input
          type="checkbox"
          id=${ids.id}
          part="checkbox"
          .checked=${live(ctx.value(pointer) === true)}
          ?disabled=${!ctx.editable}
          ?required=${node.required}
          aria-invalid=${invalid(ctx, pointer)}
          aria-describedby=${describedBy(ctx, node, pointer, ids)}
          @change=${(e: Event) => ctx.set(pointer, (e.target as HTMLInputElement).checked ? true : undefined)}
        />
        <label for=${ids.id} part="label">${ctx.label(node)}</label>
        ${description(ctx, node, ids)}${errorText(ctx, pointer, ids)}
      </div>`;
    },
  },
);
