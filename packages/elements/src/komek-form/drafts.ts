import { html, nothing, type ReactiveController, type ReactiveElement } from 'lit';
import { KomekDraftProblemEvent } from '../events.js';
import type { Localization } from './localization.js';

/** Drafts (IndexedDB, WebCrypto) are loaded only by forms that keep one (`draft-key`). */
const drafts = () => import('../drafts/draft-store.js');
/** What is wrong with this form's draft: one that does not open (saved at), or why the last save failed. */
type DraftProblem = { unreadable?: number | undefined; notSaved?: 'quota' | 'storage' | 'crypto' | undefined };
const DRAFT_DELAY = 500;

/** What the drafts need of their element: the key they are kept under. */
export type DraftHost = ReactiveElement & { draftKey: string | undefined };

/**
 * The encrypted draft of `<komek-form>` (`draft-key`): saved after a pause in typing and when the page is hidden or
 * left, restored when a form loads, deleted on a submit or when the person asks; and the notices that tell the
 * person about it (restored, does not open, could not be saved).
 */
export class Drafts implements ReactiveController {
  /** When the draft on screen was saved, while the "restored" notice shows. */
  notice: number | undefined;
  /** A draft of this key and form that did not open (kept aside), or the reason the last save failed. */
  problem: DraftProblem = {};
  // Members that are not the controller's interface are `#private`: the minifier shortens those names.
  #host: DraftHost;
  #formId: () => string | undefined;
  #data: () => unknown;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  /**
   * @param formId the id of the form on screen
   * @param data the answers to save
   */
  constructor(host: DraftHost, formId: () => string | undefined, data: () => unknown) {
    this.#host = host;
    this.#formId = formId;
    this.#data = data;
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('pagehide', this.#flush);
    document.addEventListener('visibilitychange', this.#flush);
  }

  hostDisconnected(): void {
    removeEventListener('pagehide', this.#flush);
    document.removeEventListener('visibilitychange', this.#flush);
    this.#flush();
  }

  /** A save waiting for the typing pause is made now. */
  #flush = () => {
    if (this.#timer !== undefined) void this.save();
  };

  /** The answers changed: saved after the typing pause (when the element keeps a draft). */
  changed(): void {
    if (!this.#host.draftKey) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.save(), DRAFT_DELAY);
  }

  /**
   * Looks for the saved draft of a form being loaded: its draft (put back by the element) and whether another of its
   * key does not open. `false` when `current` says the element has moved on meanwhile (nothing changed then).
   */
  async restore<D>(
    formId: string,
    current: () => boolean,
  ): Promise<{ draft: { data: D; savedAt: number } | undefined } | false> {
    const key = this.#host.draftKey;
    const found = key
      ? await drafts()
          .then((d) => d.loadDraft<D>(key, formId))
          .catch(() => undefined)
      : undefined;
    if (!current()) return false;
    const draft = found?.draft;
    this.problem = found?.unreadable[0] ? { unreadable: found.unreadable[0].savedAt } : {};
    if (draft) this.notice = draft.savedAt;
    return { draft };
  }

  /** Saves the draft now instead of after the typing pause. */
  async save(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const key = this.#host.draftKey;
    const formId = this.#formId();
    if (!key || !formId) return;
    const data = this.#data();
    await (this.#queue = this.#queue.then(async () => {
      const store = await drafts();
      try {
        await store.saveDraft(key, formId, data);
        if (this.problem.notSaved) this.#show({ ...this.problem, notSaved: undefined });
      } catch (e) {
        // Not swallowed: the person must know their answers are not kept on this device.
        const reason = e instanceof store.DraftSaveError ? e.reason : 'storage';
        const first = this.problem.notSaved === undefined;
        this.#show({ ...this.problem, notSaved: reason });
        if (first) this.#host.dispatchEvent(new KomekDraftProblemEvent(key, 'not-saved', reason));
      }
    }));
  }

  /** No save is waiting any more, and the "restored" notice is gone. */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.notice = undefined;
  }

  /** Deletes the saved draft. */
  async delete(): Promise<void> {
    const key = this.#host.draftKey;
    const formId = this.#formId();
    if (key && formId)
      await (this.#queue = this.#queue
        .then(async () => (await drafts()).deleteDraft(key, formId))
        .catch(() => undefined));
  }

  #show(problem: DraftProblem): void {
    this.problem = problem;
    this.#host.requestUpdate();
  }

  /** Deletes the drafts of this key and form that did not open, after the person chose to. */
  async #discardUnreadable(): Promise<void> {
    const key = this.#host.draftKey;
    const formId = this.#formId();
    if (key && formId)
      await (this.#queue = this.#queue
        .then(async () => (await drafts()).discardUnreadable(key, formId))
        .catch(() => undefined));
    this.#show({ ...this.problem, unreadable: undefined });
  }

  /**
   * The notices about the draft: restored (`clear` when the person asks to start again), one that does not open,
   * answers that could not be saved.
   */
  notices(l10n: Localization, clear: () => void) {
    const { unreadable, notSaved } = this.problem;
    const when = (ms: number) =>
      new Date(ms).toLocaleString(this.#host.lang || 'en', { dateStyle: 'medium', timeStyle: 'short' });
    return html`${
      this.notice === undefined
        ? nothing
        : html`<div class="notice" part="notice" role="status">
            <span
              >${l10n.bilingual('ui:draftRestored', 'Your unfinished answers were restored from a draft saved on this device.')}</span
            >
            <button type="button" part="button" @click=${() => clear()}>${l10n.ui('clearDraft', 'Clear draft')}</button>
          </div>`
    }${
      unreadable === undefined
        ? nothing
        : html`<div class="notice problem" part="notice draft-problem" role="alert" data-problem="unreadable">
            <span
              >${l10n.ui('draftUnreadable', 'A draft of this form saved on this computer on {{date}} cannot be opened: it was locked with another key (for example while another person was signed in) or it is damaged. It is kept aside, not overwritten, and opens again once its key is back. New answers are saved as a new draft.').replace('{{date}}', when(unreadable))}</span
            >
            <button type="button" part="button" @click=${() => this.#discardUnreadable()}>
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
            <button type="button" part="button" @click=${() => void this.save()}>
              ${l10n.ui('retryDraftSave', 'Try saving again')}
            </button>
          </div>`
    }`;
  }
}
