import { html, nothing, type TemplateResult } from 'lit';
import type { LocalizedIssue } from '../events.js';
import { idOf } from '../ids.js';

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
