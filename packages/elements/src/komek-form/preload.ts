import { catalogModel, catalogValidator } from './loading.js';
import { loadChecking } from './validation.js';
import { loadWidgets } from '../registry.js';
import { loadFormMessages } from '../localize/messages.js';
import { toLanguage } from '../localize/localizer.js';

/**
 * Fetches what a catalog form needs before `<komek-form>` can show it: its model, its validator, the code of the
 * widgets it draws with chunks of their own, the code that checks answers and, given a language, its messages in
 * it. A page may call it before showing the form (on a hint that the person is about to open it): an element then
 * finds every part loaded and draws the form's first screen in the task that adds it, with no "Loading…" between.
 * Rejects with the element's own errors (an unknown form names the forms there are).
 */
export async function preloadForm(formId: string, lang?: string): Promise<void> {
  const language = toLanguage(lang);
  const model = await catalogModel(formId);
  await Promise.all([
    catalogValidator(formId),
    loadWidgets(model.root),
    loadChecking(),
    language ? loadFormMessages(language, formId, model.namespaces, model) : undefined,
  ]);
}
