import { buildFormModel, mapErrors, pruneHidden, translate, type FormModel } from '@komek/core';
import { catalog, formIds, schemaLoaders, validatorLoaders, type CatalogEntry, type FormId, type FormValidator } from '@komek/forms';
import { validationMessage, type Language } from '@komek/i18n';
import type { ApiIssue } from './errors.js';
import { ensureMessages, translatorFor } from './i18n.js';

/** A form as the server uses it: its catalog entry, model and validator, loaded once. */
export interface LoadedForm {
  entry: CatalogEntry;
  model: FormModel;
  validate: FormValidator<unknown>;
}

const cache = new Map<string, Promise<LoadedForm>>();

export function isFormId(id: string): id is FormId {
  return (formIds as readonly string[]).includes(id);
}

export function catalogEntry(id: string): CatalogEntry | undefined {
  return catalog.find((c) => c.id === id);
}

/** Loads a form of the catalog (undefined for an id not in it). */
export function loadForm(id: string): Promise<LoadedForm> | undefined {
  if (!isFormId(id)) return undefined;
  let p = cache.get(id);
  if (!p) {
    p = Promise.all([schemaLoaders[id](), validatorLoaders[id]()]).then(([bundle, validate]) => ({
      entry: catalogEntry(id)!,
      model: buildFormModel(bundle),
      validate: validate as FormValidator<unknown>,
    }));
    cache.set(id, p);
  }
  return p;
}

/** The outcome of checking answers: the data to store (hidden branches pruned) or the issues, labelled. */
export type Checked = { valid: true; data: Record<string, unknown> } | { valid: false; issues: ApiIssue[] };

/**
 * Checks answers the way every Komek client does: prune what the form hides, validate with the generated
 * validator, place each error on its field, label and word it in the request's language.
 */
export async function checkAnswers(form: LoadedForm, data: unknown, lang: Language): Promise<Checked> {
  const pruned = pruneHidden(form.model, data);
  if (form.validate(pruned)) return { valid: true, data: pruned as Record<string, unknown> };
  await ensureMessages(lang, [form.entry.id]);
  const t = translatorFor(lang);
  const issues = mapErrors(form.model, form.validate.errors).map((issue) => {
    const label = issue.node ? translate(t, issue.node.label, issue.node.text) : issue.pointer || '/';
    return { pointer: issue.pointer || '/', label, message: validationMessage(issue, lang, label) };
  });
  return { valid: false, issues };
}
