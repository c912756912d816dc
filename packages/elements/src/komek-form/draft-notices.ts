import { css, html, nothing } from 'lit';
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

/** What the draft notices show (see `Drafts.notices`). */
export interface DraftNotices {
  /** When the draft on screen was saved, while the "restored" notice shows. */
  notice: number | undefined;
  /** When a draft of this key and form that does not open was saved. */
  unreadable: number | undefined;
  /** Why the last save failed. */
  notSaved: 'quota' | 'storage' | 'crypto' | undefined;
  lang: string;
  l10n: Localization;
  /** The person asks to start again. */
  clear: () => void;
  /** The person deletes the draft that does not open. */
  discard: () => void;
  /** The person asks to save again. */
  retry: () => void;
}

/**
 * The notices about a draft: restored, one that does not open, answers that could not be saved. A chunk of its own,
 * loaded with the drafts code (there is no notice before it).
 */
export function draftNotices(o: DraftNotices) {
  const when = (ms: number) => new Date(ms).toLocaleString(o.lang || 'en', { dateStyle: 'medium', timeStyle: 'short' });
  return html`${
    o.notice === undefined
      ? nothing
      : html`<div class="notice" part="notice" role="status">
          <span
            >${o.l10n.bilingual('ui:draftRestored', 'Your unfinished answers were restored from a draft saved on this device.')}</span
          >
          <button type="button" part="button" @click=${o.clear}>${o.l10n.ui('clearDraft', 'Clear draft')}</button>
        </div>`
  }${
    o.unreadable === undefined
      ? nothing
      : html`<div class="notice problem" part="notice draft-problem" role="alert" data-problem="unreadable">
          <span
            >${o.l10n.ui('draftUnreadable', 'A draft of this form saved on this computer on {{date}} cannot be opened: it was locked with another key (for example while another person was signed in) or it is damaged. It is kept aside, not overwritten, and opens again once its key is back. New answers are saved as a new draft.').replace('{{date}}', when(o.unreadable))}</span
          >
          <button type="button" part="button" @click=${o.discard}>
            ${o.l10n.ui('discardUnreadableDraft', 'Delete the unreadable draft')}
          </button>
        </div>`
  }${
    o.notSaved === undefined
      ? nothing
      : html`<div class="notice problem" part="notice draft-problem" role="alert" data-problem="not-saved">
          <span
            >${
              o.notSaved === 'quota'
                ? o.l10n.ui(
                    'draftNotSavedQuota',
                    'Your answers could not be saved on this computer: the browser has no storage space left for this site. Do not close this page until you have submitted the form or saved it another way.',
                  )
                : o.l10n.ui(
                    'draftNotSaved',
                    'Your answers could not be saved on this computer: the browser does not let this site store them. Do not close this page until you have submitted the form or saved it another way.',
                  )
            }</span
          >
          <button type="button" part="button" @click=${o.retry}>
            ${o.l10n.ui('retryDraftSave', 'Try saving again')}
          </button>
        </div>`
  }`;
}
