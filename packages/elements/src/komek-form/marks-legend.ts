import { html, nothing } from 'lit';
import { marks, walkNodes, type FormModel } from '@komek/core';

/** Which marks a form's labels carry (explained above the form): worked out once per model. */
const marksUsed = new WeakMap<FormModel, { required: boolean; derived: boolean }>();

/**
 * The line above the form that says what the marks beside labels mean (only the marks this form uses); `ui` words
 * an interface string in the primary language.
 */
export function marksLegend(model: FormModel, ui: (key: string, english: string) => string) {
  let used = marksUsed.get(model);
  if (!used) {
    used = { required: false, derived: false };
    for (const n of walkNodes(model.root)) {
      if (n.required && (n.kind === 'field' || n.kind === 'checklist')) used.required = true;
      if (n.derived) used.derived = true;
    }
    marksUsed.set(model, used);
  }
  if (!used.required && !used.derived) return nothing;
  // The legend's words around the mark, the mark itself drawn as beside the labels.
  const line = (key: string, english: string, mark: string, kind: string) => {
    const [before = '', after = ''] = ui(key, english).split('{{mark}}');
    return html`<span>${before}<span class=${`mark ${kind}`}>${mark}</span>${after}</span>`;
  };
  return html`<p class="marks" part="marks">
    ${used.required ? line('marks.required', '{{mark}} required', marks.required, 'required') : nothing}
    ${used.derived ? line('marks.derived', '{{mark}} not on the printed form: added from the guidelines text', marks.derived, 'derived') : nothing}
  </p>`;
}
