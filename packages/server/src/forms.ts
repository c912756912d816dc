import { createFormSession, hydrateModel, type FormModel, type Validator } from '@komek/core';
import { catalog, formIds, modelLoaders, validatorLoaders, type CatalogEntry, type FormId } from '@komek/forms';
import { issueLanguage, type Language } from '@komek/i18n';
import type { ApiIssue } from './errors.js';
import { ensureMessages } from './i18n.js';

/** A form as the server uses it: its catalog entry, model and validator, loaded once. */
export interface LoadedForm {
  entry: CatalogEntry;
  model: FormModel;
  validate: Validator;
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
    p = Promise.all([modelLoaders[id](), validatorLoaders[id]()]).then(([model, validate]) => ({
      entry: catalogEntry(id)!,
      model: hydrateModel(model),
      validate,
    }));
    cache.set(id, p);
    p.catch(() => cache.delete(id));
  }
  return p;
}

/** At most this many issues are worded and sent back; `count` says how many there are in all. */
export const MAX_ISSUES = 100;

/** The outcome of checking answers: the data to store (hidden questions' answers left out) or the issues. */
export type Checked =
  { valid: true; data: Record<string, unknown> } | { valid: false; issues: ApiIssue[]; count: number };

/**
 * Checks answers with core's FormSession, as every Komek client does: hidden questions' answers left out,
 * the generated validator, issues in form order with the field's label and the message in the request's
 * language (and a second language's, when two are asked for). Only the first `MAX_ISSUES` are worded: a body of
 * a hundred thousand unknown fields must not cost seconds and come back as tens of megabytes.
 */
export async function checkAnswers(form: LoadedForm, data: unknown, langs: readonly Language[]): Promise<Checked> {
  const session = createFormSession({ model: form.model, validate: form.validate, data });
  if (session.valid) return { valid: true, data: session.value as Record<string, unknown> };
  await Promise.all(langs.map((l) => ensureMessages(l, [form.entry.id])));
  session.setLanguages(...langs.map((l) => issueLanguage(l)));
  const all = session.rawIssues;
  const issues = all.slice(0, MAX_ISSUES).map((raw) => {
    const i = session.word(raw);
    return {
      pointer: i.pointer || '/',
      label: i.label || i.pointer || '/',
      message: i.text,
      ...(i.secondary ? { secondary: { label: i.secondary.label, message: i.secondary.text } } : {}),
    };
  });
  return { valid: false, issues, count: all.length };
}
