import { nothing, type ReactiveController, type ReactiveElement } from 'lit';
import { KomekDraftProblemEvent } from '../events.js';
import type { draftNotices as DrawNotices } from './draft-notices.js';
import type { Localization } from './localization.js';

/** The templates of the draft notices, loaded with the drafts code. */
let drawNotices: typeof DrawNotices | undefined;
/**
 * Drafts (IndexedDB, WebCrypto) are loaded only by forms that keep one (`draft-key`), and with them the notices
 * about a draft.
 */
const drafts = () =>
  Promise.all([
    import('../drafts/draft-store.js'),
    import('./draft-notices.js').then((m) => (drawNotices = m.draftNotices)),
  ]).then(([store]) => store);
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
   * answers that could not be saved. There is none before the drafts code has been loaded, and their templates
   * come with it (draft-notices.ts).
   */
  notices(l10n: Localization, clear: () => void) {
    const { unreadable, notSaved } = this.problem;
    if (!drawNotices || (this.notice === undefined && unreadable === undefined && notSaved === undefined))
      return nothing;
    return drawNotices({
      notice: this.notice,
      unreadable,
      notSaved,
      lang: this.#host.lang,
      l10n,
      clear,
      discard: () => void this.#discardUnreadable(),
      retry: () => void this.save(),
    });
  }
}
