import { html, nothing, type TemplateResult } from 'lit';
import type { FormNode } from '@komek/core';
import type { FormContext } from '../context.js';
import { idOf } from '../ids.js';

/** The ids a field's label, description and error message are linked by. */
export interface FieldIds {
  id: string;
  desc: string;
  err: string;
}

export const fieldIds = (pointer: string): FieldIds => {
  const id = idOf(pointer);
  return { id, desc: `${id}-desc`, err: `${id}-err` };
};

/** `aria-describedby` of a control: its description and its error message, when shown. */
export function describedBy(ctx: FormContext, node: FormNode, pointer: string, ids: FieldIds): string | typeof nothing {
  const parts: string[] = [];
  if (node.description) parts.push(ids.desc);
  if (ctx.errors(pointer).length > 0) parts.push(ids.err);
  return parts.length > 0 ? parts.join(' ') : nothing;
}

/** `aria-invalid` while an error is shown. */
export const invalid = (ctx: FormContext, pointer: string): 'true' | typeof nothing =>
  ctx.errors(pointer).length > 0 ? 'true' : nothing;

/** The help text under a label. */
export function description(ctx: FormContext, node: FormNode, ids: FieldIds): TemplateResult | typeof nothing {
  const d = node.description;
  return d
    ? html`<div class="description" id=${ids.desc} part="description">${ctx.bilingual(d.key, d.english)}</div>`
    : nothing;
}

/**
 * The error messages of a field, shown next to it and referenced by `aria-describedby`; each read with "Error:"
 * before it (hidden on screen, as in the GOV.UK Design System), so the message is not taken for help text.
 */
export function errorText(ctx: FormContext, pointer: string, ids: FieldIds): TemplateResult | typeof nothing {
  const messages = ctx.errors(pointer);
  if (messages.length === 0) return nothing;
  const prefix = ctx.ui('errorPrefix', 'Error:');
  return html`<div class="error" id=${ids.err} part="error">
    ${messages.map((m) => html`<span><span class="visually-hidden">${prefix} </span>${m}</span>`)}
  </div>`;
}

/** A text value from an input: an empty answer is no answer. */
export const textValue = (e: Event): string | undefined => (e.target as HTMLInputElement).value || undefined;
