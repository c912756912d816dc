import { html } from 'lit';
import { live } from './live.js';
import { and, kindIs, rankWith } from '@komek/core';
import { forNodes, widgetNamed, type WidgetRenderer } from '../registry.js';
import { describedBy, description, errorText, fieldIds, invalid } from './field.js';

/** Several answers from a list: check boxes in a fieldset, stored in the list's order. */
export const multichoiceWidget: WidgetRenderer = forNodes(kindIs('field'), {
  name: 'multichoice',
  tester: rankWith(1, and(kindIs('field'), widgetNamed('multichoice'))),
  redraw: 'answer',
  render: (ctx, node, base) => {
    const pointer = base + node.pointer;
    const ids = fieldIds(pointer);
    const raw = ctx.value(pointer);
    const chosen = Array.isArray(raw) ? (raw as unknown[]) : [];
    const options = node.options ?? [];
    const toggle = (value: string, on: boolean) => {
      const next = options.map((o) => o.value).filter((v) => (v === value ? on : chosen.includes(v)));
      ctx.set(pointer, next.length > 0 ? next : undefined);
    };
    return html`<fieldset
      class="field choice"
      part="field choice"
      id=${ids.id}
      aria-describedby=${describedBy(ctx, node, pointer, ids)}
    >
      <legend part="label">${ctx.label(node)}</legend>
      ${description(ctx, node, ids)}
      <div class="options">
        ${options.map(
          (o, i) =>
            html`<label class="option"
              ><input
                type="checkbox"
                id=${`${ids.id}-${i}`}
                value=${o.value}
                .checked=${live(chosen.includes(o.value))}
                ?disabled=${!ctx.editable}
                aria-invalid=${invalid(ctx, pointer)}
                @change=${(e: Event) => toggle(o.value, (e.target as HTMLInputElement).checked)}
              />${ctx.bilingual(o.labelKey, o.englishLabel)}</label
            >`,
        )}
      </div>
      ${errorText(ctx, pointer, ids)}
    </fieldset>`;
  },
});
