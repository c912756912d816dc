import { nothing, type ReactiveController, type ReactiveElement } from 'lit';
import type * as DraftCode from './draft-notices.js';
import type * as Store from '../drafts/draft-store.js';
import type { Localization } from './localization.js';

/** The drafts' code (saving, restoring, deleting, the notices), loaded with the draft store. */
let code: typeof DraftCode | undefined;
/**
 * Drafts (IndexedDB, WebCrypto) are loaded only by forms that keep one (`draft-key`), and with them what the element
 * does with a draft and the notices about it (draft-notices.ts): `komek.js` holds only what every form needs.
 */
const drafts = () =>
  Promise.all([import('../drafts/draft-store.js'), import('./draft-notices.js').then((m) => (code = m))]);
/** The draft store's module. */
export type DraftStore = typeof Store;
/** What is wrong with this form's draft: one that does not open (saved at), or why the last save failed. */
export type DraftProblem = { unreadable?: number | undefined; notSaved?: 'quota' | 'storage' | 'crypto' | undefined };
const DRAFT_DELAY = 500;

/** What the drafts need of their element: the key they are kept under. */
export type DraftHost = ReactiveElement & { draftKey: string | undefined };

/**
 * The encrypted draft of `<komek-form>` (`draft-key`): saved after a pause in typing and when the page is hidden or
 * left, restored when a form loads, deleted on a submit or when the person asks; and the notices that tell the
 * person about it (restored, does not open, could not be saved). Without a `draft-key` nothing more is loaded.
 */
export class Drafts implements ReactiveController {
  /** When the draft on screen was saved, while the "restored" notice shows. */
  notice: number | undefined;
  /** A draft of this key and form that did not open (kept aside), or the reason the last save failed. */
  problem: DraftProblem = {};
  /** Saves and deletions, one after another. */
  #queue: Promise<unknown> = Promise.resolve();
  #timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param formId the id of the form on screen
   * @param data the answers to save
   */
  constructor(
    readonly host: DraftHost,
    readonly formId: () => string | undefined,
    readonly data: () => unknown,
  ) {
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
    if (!this.host.draftKey) return;
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
    const key = this.host.draftKey;
    const found = key
      ? await drafts()
          .then(([store]) => store.loadDraft<D>(key, formId))
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
    const data = this.data();
    await this.queued((store, key, formId) => code!.saveDraft(this, store, key, formId, data), false);
  }

  /** No save is waiting any more, and the "restored" notice is gone. */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.notice = undefined;
  }

  /** Deletes the saved draft. */
  async delete(): Promise<void> {
    await this.queued((store, key, formId) => store.deleteDraft(key, formId), true);
  }

  /**
   * Queues a step on the draft of this key and form (nothing without them) after the saves and deletions before it,
   * once the drafts' code is loaded; with `quiet`, its failure is let go (it is not the person's concern).
   */
  queued(step: (store: DraftStore, key: string, formId: string) => Promise<unknown>, quiet: boolean): Promise<unknown> {
    const key = this.host.draftKey;
    const formId = this.formId();
    if (!key || !formId) return Promise.resolve();
    const done = this.#queue.then(() => drafts()).then(([store]) => step(store, key, formId));
    return (this.#queue = quiet ? done.catch(() => undefined) : done);
  }

  /** Shows a new state of the draft's problems. */
  show(problem: DraftProblem): void {
    this.problem = problem;
    this.host.requestUpdate();
  }

  /**
   * The notices about the draft: restored (`clear` when the person asks to start again), one that does not open,
   * answers that could not be saved. There is none before the drafts code has been loaded, and their templates
   * come with it (draft-notices.ts).
   */
  notices(l10n: Localization, clear: () => void) {
    const { unreadable, notSaved } = this.problem;
    if (!code || (this.notice === undefined && unreadable === undefined && notSaved === undefined)) return nothing;
    return code.draftNotices(this, l10n, clear);
  }
}
