/**
 * `@komek/elements`: the `<komek-form>` web component. Importing this module defines the element.
 */
export { KomekForm } from './komek-form/komek-form.js';
export type { Validator, PdfExporter, PdfRequest, Partially } from './komek-form/komek-form.js';
export { KomekSignaturePad } from './signature-pad/signature-pad.js';
export { KomekSubmitEvent, KomekInvalidEvent, KomekDraftRestoredEvent } from './events.js';
export type { LocalizedIssue } from './events.js';
export { registerWidget, rendererFor, registry, widgetNamed } from './registry.js';
export type { WidgetRenderer, WidgetRender } from './registry.js';
export type { FormContext } from './context.js';
export { defaultRenderers } from './widgets/index.js';
export { idOf } from './ids.js';
export { addMessages, setMessageLoader } from './localize/messages.js';
export type { Language, MessageLoader, Messages } from './localize/messages.js';
