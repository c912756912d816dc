import type { FormIssue } from '@komek/core';

/**
 * A validation issue with its message in the form's current language, as `komek-invalid` reports it: core's
 * `FormIssue` (`text`, the message shown next to the field; `label`, the field's label, empty when the issue
 * concerns no field).
 */
export type LocalizedIssue = FormIssue;

/**
 * Fired by `<komek-form>` when the person submits valid data. `data` has the answers of hidden questions left out.
 * Cancelable: calling `preventDefault()` keeps the draft (it is cleared otherwise).
 */
export class KomekSubmitEvent<T = Record<string, unknown>> extends Event {
  constructor(
    /** The form's id in the catalog. */
    readonly formId: string,
    /** The submitted data: valid against the form's schema, hidden branches pruned. */
    readonly data: T,
  ) {
    super('komek-submit', { bubbles: true, composed: true, cancelable: true });
  }
}

/** Fired by `<komek-form>` when a submit is attempted with invalid data. */
export class KomekInvalidEvent extends Event {
  constructor(
    readonly formId: string,
    /** Every issue, in form order, with its localized message. */
    readonly issues: LocalizedIssue[],
  ) {
    super('komek-invalid', { bubbles: true, composed: true });
  }
}

/** Fired by `<komek-form>` when a saved draft has been restored into the form. */
export class KomekDraftRestoredEvent extends Event {
  constructor(
    readonly draftKey: string,
    /** When the draft was saved (ms since the epoch). */
    readonly savedAt: number,
  ) {
    super('komek-draft-restored', { bubbles: true, composed: true });
  }
}

/**
 * A draft problem the person is also shown: a saved draft that does not open with the key in use (kept aside, not
 * overwritten), or answers that could not be saved on this device (`reason`: `quota`, `storage`, `crypto`).
 */
export class KomekDraftProblemEvent extends Event {
  constructor(
    readonly draftKey: string,
    readonly problem: 'unreadable' | 'not-saved',
    readonly reason?: 'quota' | 'storage' | 'crypto',
  ) {
    super('komek-draft-problem', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'komek-submit': KomekSubmitEvent;
    'komek-invalid': KomekInvalidEvent;
    'komek-draft-restored': KomekDraftRestoredEvent;
    'komek-draft-problem': KomekDraftProblemEvent;
  }
}

/**
 * The events of a `<komek-form>`, with `komek-submit`'s `data` typed as the element's form data: on a
 * `KomekFormFor<'kz-f1-initial-application'>`, `e.data` is a `KzF1InitialApplication`.
 */
export interface KomekFormEventMap<T> extends Omit<HTMLElementEventMap, 'komek-submit'> {
  'komek-submit': KomekSubmitEvent<T>;
  'komek-invalid': KomekInvalidEvent;
  'komek-draft-restored': KomekDraftRestoredEvent;
  'komek-draft-problem': KomekDraftProblemEvent;
}

declare module './komek-form/komek-form.js' {
  interface KomekForm<T extends object = Record<string, unknown>> {
    addEventListener<K extends keyof KomekFormEventMap<T>>(
      type: K,
      listener: (this: KomekForm<T>, event: KomekFormEventMap<T>[K]) => unknown,
      options?: boolean | AddEventListenerOptions,
    ): void;
    addEventListener(
      type: string,
      listener: EventListenerOrEventListenerObject,
      options?: boolean | AddEventListenerOptions,
    ): void;
    removeEventListener<K extends keyof KomekFormEventMap<T>>(
      type: K,
      listener: (this: KomekForm<T>, event: KomekFormEventMap<T>[K]) => unknown,
      options?: boolean | EventListenerOptions,
    ): void;
    removeEventListener(
      type: string,
      listener: EventListenerOrEventListenerObject,
      options?: boolean | EventListenerOptions,
    ): void;
  }
}
