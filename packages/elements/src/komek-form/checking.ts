import { css, html, nothing, type TemplateResult } from 'lit';
import { createFormSession, unworded, type FormModel, type Validator } from '@komek/core';
export { hydrateModel } from '@komek/core';
import type { LocalizedIssue } from '../events.js';
import { idOf } from '../ids.js';
import { validationMessage } from '../localize/validation-message.js';
import type { Localization } from './localization.js';

/**
 * What a form's answers are checked with: core's form session (pruning, validation, issues placed and worded), the
 * localized validation messages and the list of problems shown after a submit. A chunk of its own, fetched with the
 * form's validator when a form is loaded (setup.ts, through validation.ts's `loadChecking`): no form is shown before
 * it is there.
 */

/** A session for the form, its issues worded in the primary language on screen. */
export function sessionFor<T>(model: FormModel, validate: Validator | undefined, data: T, l10n: Localization) {
  return createFormSession<T>({
    model,
    validate,
    data,
    languages: [
      {
        // A catalog form's model has no English labels (`fallback` undefined): the label is looked up in the loaded
        // messages all the same, with the name it labels as the last resort, as the questions on screen are.
        translate: (key, fallback) => l10n.localizer.t(key, fallback ?? unwordedKey(key)),
        message: (issue, label) => validationMessage(issue, l10n.localizer.primary, label),
      },
    ],
  });
}

/** The last resort for a label of `ns:key` that no loaded messages file has (see `unworded`). */
function unwordedKey(key: string): string {
  const at = key.indexOf(':');
  return unworded({ ns: key.slice(0, at), key: key.slice(at + 1) });
}

/**
 * Styles of what checking shows: the problems next to fields and the list of them after a submit (there is no
 * problem to show before this code is loaded).
 */
export const summaryStyles = css`
  /* The field with a problem is marked itself (a thicker red border), not only the group around it. */
  [aria-invalid='true']:not([type='radio']):not([type='checkbox']) {
    border-color: var(--_error);
    box-shadow: inset 0 0 0 1px var(--_error);
  }
  /* Problems in the manner of the GOV.UK Design System: a red bar left of the question, the message in bold red
     above the control ("Error:" before it for screen readers), the control itself outlined in red. */
  .error {
    color: var(--_error);
    font-weight: 700;
    display: flex;
    flex-direction: column;
  }
  .field:has(> .error),
  .group:not(.section):has(> .error) {
    border-left: 5px solid var(--_error);
    padding-left: 0.75rem;
  }
  div.field:not(.checkbox) > .error {
    order: -1;
  }
  .summary {
    border-radius: var(--_radius);
    padding: 0.75rem 1rem;
    margin-bottom: var(--_space);
    border: 5px solid var(--_error);
  }
  .summary:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
  }
  .summary h2 {
    display: block;
    margin-bottom: 0.5rem;
  }
  .summary a {
    font-weight: 700;
    color: var(--_error);
  }
  .summary ul {
    margin: 0;
    padding-left: 1.25rem;
  }
`;

/**
 * The list of problems shown above the form after a submit, each a link that moves focus to its field
 * (`focus(pointer)`); nothing when there are none. `title` is the list's heading, in the languages on screen.
 */
export function errorSummary(
  issues: readonly LocalizedIssue[] | undefined,
  title: TemplateResult | string,
  focus: (pointer: string) => void,
) {
  if (!issues || issues.length === 0) return nothing;
  return html`<div class="summary" part="summary" tabindex="-1" role="group" aria-labelledby="summary-title">
    <h2 id="summary-title">${title}</h2>
    <ul>
      ${issues.map(
        (issue) =>
          html`<li>
            <a
              href=${`#${idOf(issue.pointer)}`}
              @click=${(e: Event) => {
                e.preventDefault();
                focus(issue.pointer);
              }}
              >${issue.text}</a
            >
          </li>`,
      )}
    </ul>
  </div>`;
}
