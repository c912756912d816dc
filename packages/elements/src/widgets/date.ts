import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from './live.js';
import { and, kindIs, rankWith, type FormNode } from '@komek/core';
import type { FormContext } from '../context.js';
import { widgetNamed, type WidgetRenderer } from '../registry.js';
import { describedBy, description, errorText, fieldIds, invalid } from './field.js';

/** The example date of the hint ("For example, 27.03.2007"): a day above 12, so day and month cannot be mixed up. */
const EXAMPLE = '2007-03-27';
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Day, month, year as people type them: 27.03.2007, 27/3/2007, 27-03-2007, 27 03 2007, 27,03,2007 or 27032007. */
const TYPED = /^\s*(\d{1,2})\s*[./\-\s,]\s*(\d{1,2})\s*[./\-\s,]\s*(\d{4})\s*$|^\s*(\d{2})(\d{2})(\d{4})\s*$/;

/** The ISO date (`YYYY-MM-DD`) of a typed date in day-month-year order (or ISO), or undefined if there is no such day. */
export function parseTypedDate(text: string): string | undefined {
  const iso = ISO.exec(text.trim());
  const m = iso
    ? [iso[3], iso[2], iso[1]]
    : (() => {
        const t = TYPED.exec(text);
        return t ? (t[1] !== undefined ? [t[1], t[2], t[3]] : [t[4], t[5], t[6]]) : undefined;
      })();
  if (!m) return undefined;
  const [day, month, year] = m.map(Number) as [number, number, number];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** An ISO date written day, month, year with the language's separator (`27.03.2007`, `27/03/2007`). */
export function formatTypedDate(iso: string, separator: string): string {
  const m = ISO.exec(iso);
  return m ? [m[3], m[2], m[1]].join(separator) : iso;
}

/**
 * How the form's language writes a date: its placeholder ("КК.АА.ЖЖЖЖ", the one printed on paper beside an empty
 * date box: the element's own `dateHint` in capitals, so the standalone build, whose strings leave out the paper's
 * `pdf.*` keys, shows it too) and the separator in it.
 */
function dateStyle(ctx: FormContext): { placeholder: string; separator: string } {
  const placeholder = ctx.ui('dateHint', 'dd/mm/yyyy').toUpperCase();
  return { placeholder, separator: /[^\p{L}]/u.exec(placeholder)?.[0] ?? '.' };
}

/** What was last typed into each date control: kept while it means the stored date, so typing is never rewritten. */
const typed = new Map<string, string>();

/**
 * A date typed as the form's language writes it (day, month, year), stored as an ISO date. A text that is not a
 * day stays as typed, and the schema's `format: date` reports it next to the field; a typed ISO date is taken too.
 */
function dateInput(
  ctx: FormContext,
  node: FormNode,
  pointer: string,
  id: string,
  aria: { labelledBy?: string; describedBy?: string | undefined },
) {
  const value = ctx.value(pointer);
  const stored = typeof value === 'string' ? value : '';
  const { placeholder, separator } = dateStyle(ctx);
  const last = typed.get(pointer);
  const shown =
    last !== undefined && (parseTypedDate(last) ?? last) === stored
      ? last
      : ISO.test(stored)
        ? formatTypedDate(stored, separator)
        : stored;
  return html`<input
    id=${id}
    part="input"
    class="date"
    type="text"
    inputmode="numeric"
    autocomplete="off"
    spellcheck="false"
    placeholder=${placeholder}
    maxlength="12"
    .value=${live(shown)}
    ?required=${node.required}
    ?readonly=${!ctx.editable}
    aria-labelledby=${ifDefined(aria.labelledBy)}
    aria-invalid=${invalid(ctx, pointer)}
    aria-describedby=${ifDefined(aria.describedBy)}
    @input=${(e: Event) => {
      const text = (e.target as HTMLInputElement).value;
      typed.set(pointer, text);
      ctx.set(pointer, text.trim() === '' ? undefined : (parseTypedDate(text) ?? text.trim()));
    }}
    @change=${(e: Event) => {
      // Left: the date is written out in full (1.3.2007 → 01.03.2007).
      typed.delete(pointer);
      const input = e.target as HTMLInputElement;
      const iso = parseTypedDate(input.value);
      if (iso) input.value = formatTypedDate(iso, separator);
    }}
  />`;
}

/**
 * A calendar date, typed day, month, year in the order and with the separator of the form's language (27.03.2007;
 * 27/03/2007 in English), with the language's placeholder (КК.АА.ЖЖЖЖ in Kazakh) and an example under the label
 * that screen readers read with it. Stored as an ISO date (`YYYY-MM-DD`).
 */
export const dateWidget: WidgetRenderer = {
  name: 'date',
  tester: rankWith(1, and(kindIs('field'), widgetNamed('date'))),
  redraw: 'answer',
  echoesInput: true,
  cell: (ctx, node, c) => dateInput(ctx, node, c.pointer, c.id, c),
  render: (ctx, node, base) => {
    const pointer = base + node.pointer;
    const ids = fieldIds(pointer);
    const hintId = `${ids.id}-hint`;
    const { separator } = dateStyle(ctx);
    const example = ctx
      .ui('dateExample', 'For example, {{example}}')
      .replace('{{example}}', formatTypedDate(EXAMPLE, separator));
    const described = describedBy(ctx, node, pointer, ids);
    return html`<div class="field date" part="field">
      <label for=${ids.id} part="label">${ctx.label(node)}</label>${description(ctx, node, ids)}
      <div class="description hint" id=${hintId} part="description">${example}</div>
      ${dateInput(ctx, node, pointer, ids.id, { describedBy: described === nothing ? hintId : `${hintId} ${described}` })}
      ${errorText(ctx, pointer, ids)}
    </div>`;
  },
};
