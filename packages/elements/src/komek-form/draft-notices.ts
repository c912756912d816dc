import { css, html, nothing } from 'lit';
import { KomekDraftProblemEvent } from '../events.js';
import type { Drafts, DraftStore } from './drafts.js';
import type { Localization } from './localization.js';
import { addStyles } from './lazy-styles.js';

addStyles(css`
  .notice {
    border-radius: var(--_radius);
    padding: 0.75rem 1rem;
    margin-bottom: var(--_space);
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: center;
    border: 1px solid var(--_accent);
    background: #eef4fb;
  }
  .notice.problem {
    border: 2px solid var(--_error);
    background: #fdf0ef;
  }
`);

/**
 * Saves a draft for the drafts controller (drafts.ts): a failure is shown and told once (`komek-draft-problem`),
 * not swallowed, as the person must know their answers are not kept on this device; the next save that works
 * takes the notice away.
 */
export async function saveDraft(d: Drafts, store: DraftStore, key: string, formId: string, data: unknown) {
  try {
    await store.saveDraft(key, formId, data);
    if (d.problem.notSaved) d.show({ ...d.problem, notSaved: undefined });
  } catch (e) {
    const reason = e instanceof store.DraftSaveError ? e.reason : 'storage';
    const first = d.problem.notSaved === undefined;
    d.show({ ...d.problem, notSaved: reason });
    if (first) d.host.dispatchEvent(new KomekDraftProblemEvent(key, 'not-saved', reason));
  }
}

/**
 * The notices about a draft: restored (`clear` when the person asks to start again), one that does not open
 * (which the person may delete), answers that could not be saved (saved again on asking). A chunk of its own,
 * loaded with the drafts code (there is no notice before it).
 */
export function draftNotices(d: Drafts, l10n: Localization, clear: () => void) {
  const { notice } = d;
  const { unreadable, notSaved } = d.problem;
  const when = (ms: number) =>
    new Date(ms).toLocaleString(d.host.lang || 'en', { dateStyle: 'medium', timeStyle: 'short' });
  const discard = async () => {
    await d.queued((store, key, formId) => store.discardUnreadable(key, formId), true);
    d.show({ ...d.problem, unreadable: undefined });
  };
  return html`${
    notice === undefined
      ? nothing
      : html`<div class="notice" part="notice" role="status">
          <span
            >${l10n.bilingual('ui:draftRestored', 'Your unfinished answers were restored from a draft saved on this device.')}</span
          >
          <button type="button" part="button" @click=${clear}>${l10n.ui('clearDraft', 'Clear draft')}</button>
        </div>`
  }${
    unreadable === undefined
      ? nothing
      : html`<div class="notice problem" part="notice draft-problem" role="alert" data-problem="unreadable">
          <span
            >${l10n.ui('draftUnreadable', 'A draft of this form saved on this computer on {{date}} cannot be opened: it was locked with another key (for example while another person was signed in) or it is damaged. It is kept aside, not overwritten, and opens again once its key is back. New answers are saved as a new draft.').replace('{{date}}', when(unreadable))}</span
          >
          <button type="button" part="button" @click=${() => void discard()}>
            ${l10n.ui('discardUnreadableDraft', 'Delete the unreadable draft')}
          </button>
        </div>`
  }${
    notSaved === undefined
      ? nothing
      : html`<div class="notice problem" part="notice draft-problem" role="alert" data-problem="not-saved">
          <span
            >${
              notSaved === 'quota'
                ? l10n.ui(
                    'draftNotSavedQuota',
                    'Your answers could not be saved on this computer: the browser has no storage space left for this site. Do not close this page until you have submitted the form or saved it another way.',
                  )
                : l10n.ui(
                    'draftNotSaved',
                    'Your answers could not be saved on this computer: the browser does not let this site store them. Do not close this page until you have submitted the form or saved it another way.',
                  )
            }</span
          >
          <button type="button" part="button" @click=${() => void d.save()}>
            ${l10n.ui('retryDraftSave', 'Try saving again')}
          </button>
        </div>`
  }`;
}
