/**
 * `@komek/react`: `<komek-form>` as a React component, with typed props and events (a thin `@lit/react` wrapper).
 * Importing this module defines the custom element; render it on the client (`'use client'` in Next.js).
 *
 * ```tsx
 * import { komekFormOf } from '@komek/react';
 * const InitialApplication = komekFormOf<'kz-f1-initial-application'>();
 * <InitialApplication form="kz-f1-initial-application" lang="ru" data={draft} onKomekSubmit={(e) => save(e.data)} />
 * ```
 */
import * as React from 'react';
import { createComponent, type EventName, type ReactWebComponent } from '@lit/react';
import {
  KomekForm as KomekFormElement,
  type KomekDraftProblemEvent,
  type KomekDraftRestoredEvent,
  type KomekFormFor,
  type KomekInvalidEvent,
  type KomekSubmitEvent,
} from '@komek/elements';
import type { FormDataMap, FormId } from '@komek/forms';

/** Where `<komek-form>` fetches its form and message files when a bundler moved its code (see the README). */
export { setFilesBase } from '@komek/elements';

/** The element's events as React props: `onKomekSubmit`, `onKomekInvalid`, `onKomekDraftRestored`, `onKomekDraftProblem`. */
// A type, not an interface: @lit/react's event map needs an index signature, which only type literals have.
export type KomekFormEvents<T> = {
  onKomekSubmit: EventName<KomekSubmitEvent<T>>;
  onKomekInvalid: EventName<KomekInvalidEvent>;
  onKomekDraftRestored: EventName<KomekDraftRestoredEvent>;
  onKomekDraftProblem: EventName<KomekDraftProblemEvent>;
  // The native events of the element: an answer changed, an answer committed.
  onInput: EventName<Event>;
  onChange: EventName<Event>;
};

const events = {
  onKomekSubmit: 'komek-submit',
  onKomekInvalid: 'komek-invalid',
  onKomekDraftRestored: 'komek-draft-restored',
  onKomekDraftProblem: 'komek-draft-problem',
  onInput: 'input',
  onChange: 'change',
} as KomekFormEvents<Record<string, unknown>>;

/** `<komek-form>` for any form: properties (`form`, `lang`, `data`, `caseRecords`, …) and events as props. */
export const KomekForm: ReactWebComponent<KomekFormElement, KomekFormEvents<Record<string, unknown>>> = createComponent(
  {
    tagName: 'komek-form',
    elementClass: KomekFormElement,
    react: React,
    events,
    displayName: 'KomekForm',
  },
);

/** `<komek-form>` typed by one catalog form: `data` and `onKomekSubmit`'s `event.data` have the form's data type. */
export function komekFormOf<K extends FormId>(): ReactWebComponent<KomekFormFor<K>, KomekFormEvents<FormDataMap[K]>> {
  // The same component: only its types differ, as the element's do (KomekFormFor).
  return KomekForm as unknown as ReactWebComponent<KomekFormFor<K>, KomekFormEvents<FormDataMap[K]>>;
}
