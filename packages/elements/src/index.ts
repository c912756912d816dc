/**
 * `@komek/elements`: the `<komek-form>` web component. Importing this module defines the element.
 */
import type { FormDataMap, FormId } from '@komek/forms/catalog';
import type { KomekForm } from './komek-form/komek-form.js';

export { KomekForm } from './komek-form/komek-form.js';
import type { PostOptions, PostResult } from './komek-form/post.js';
export type { PostOptions, PostResult };
import type { FoundDraft } from './drafts/draft-store.js';
export type { FoundDraft };
/**
 * Posts a submission to a Komek server, retrying with the same idempotency key on a network failure or a 5xx (see
 * `komek-form/post.ts`). Its code is a chunk of its own, fetched when it is first called.
 */
export const postSubmission = (options: PostOptions): Promise<PostResult> =>
  import('./komek-form/post.js').then((m) => m.postSubmission(options));
/** `<komek-form>` typed with the data of one catalog form: `document.querySelector('komek-form') as KomekFormFor<'kz-f1-initial-application'>`. */
export type KomekFormFor<K extends FormId> = KomekForm<FormDataMap[K]>;
export type { Validator, PdfExporter, PdfRequest, Partially } from './komek-form/komek-form.js';
export { preloadForm } from './komek-form/preload.js';
/**
 * `<komek-signature-pad>` is defined by a module of its own, `@komek/elements/signature-pad.js`, which a form fetches
 * when a person chooses to draw a signature; import that module to use the element (or its class) outside a form.
 */
export type { KomekSignaturePad } from './signature-pad/signature-pad.js';
export { KomekSubmitEvent, KomekInvalidEvent, KomekDraftRestoredEvent, KomekDraftProblemEvent } from './events.js';
export type { LocalizedIssue, KomekFormEventMap } from './events.js';
export { forNodes, lazyWidget, loadWidgets, registerWidget, rendererFor, registry, widgetNamed } from './registry.js';
export type { WidgetRenderer, WidgetDeclaration, WidgetRender, CellRender, CellPlace, Redraw } from './registry.js';
export { describedBy, description, errorText, fieldIds, invalid } from './widgets/field.js';
export type { FormContext } from './context.js';
export { defaultRenderers } from './widgets/index.js';
export { idOf } from './ids.js';
export { useDraftKey, deriveDraftKey } from './drafts/draft-key.js';
/**
 * Deletes every draft whose `draft-key` is `keyPrefix` or starts with it (every form's, those kept aside too), e.g. a
 * person's drafts at sign-out; resolves to how many. The draft store is a chunk of its own, fetched when called.
 */
export const deleteDrafts = (keyPrefix: string): Promise<number> =>
  import('./drafts/draft-store.js').then((m) => m.deleteDrafts(keyPrefix));
/**
 * The drafts whose `draft-key` is `keyPrefix` or starts with it that open with the key in use, newest first, each
 * with its key, form id, answers and when it was saved: e.g. drafts of an older version of a record, to offer them
 * back rather than leave them unseen. Fetches the draft store's chunk.
 */
export const findDrafts = <T = unknown>(keyPrefix: string): Promise<FoundDraft<T>[]> =>
  import('./drafts/draft-store.js').then((m) => m.findDrafts<T>(keyPrefix));
/** Deletes the draft of one form under one `draft-key` (`deleteDrafts` takes every key with a prefix). */
export const deleteDraft = (key: string, formId: string): Promise<void> =>
  import('./drafts/draft-store.js').then((m) => m.deleteDraft(key, formId));
export { addMessages, loadFormMessages, loadMessages, setMessageLoader } from './localize/messages.js';
export { setFilesBase } from './files.js';
export type { Language, MessageLoader, Messages } from './localize/messages.js';
