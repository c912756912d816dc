import { buildFormModel, createFormSession, presentTitle, type FormModel } from '@komek/core';
import { catalog, schemaLoaders, validatorLoaders, type CatalogEntry, type FormId } from '@komek/forms';
import { createTranslator, issueLanguage, loadMessages, type Language } from '@komek/i18n';

/** The catalog entry of a form id, or undefined for an id no form has. */
export function entryOf(id: unknown): CatalogEntry | undefined {
  return typeof id === 'string' ? catalog.find((e) => e.id === id) : undefined;
}

/** The countries in catalog order. */
export const countries = [...new Set(catalog.map((e) => e.country))];

/** The SOP steps of a country, as `SOP · step`, in catalog order. */
export function stepsOf(country: string): string[] {
  return [...new Set(catalog.filter((e) => e.country === country).map(stepOf))].sort(compareSteps);
}

/** The `SOP · step` a form belongs to. */
export const stepOf = (e: CatalogEntry): string => `${e.sop} · ${e.step}`;

/** The words of a step's name, in a language (see stepLabel). */
export interface StepWords {
  sop: (number: string) => string;
  step: (number: string) => string;
  steps: (number: string) => string;
}

/**
 * A step as a person reads it in the interface language: `KG 3.1 · Step 2 (2.4)` → `СОП 3.1 · Шаг 2 (2.4)`. The
 * catalog keeps the guidelines' English references; the country is already chosen beside the picker, and a
 * paragraph described in words ("second paragraph numbered 2.2") is given by its number.
 */
export function stepLabel(step: string, words: StepWords): string {
  return step
    .replace(/\b(?:KZ|KG|TJ) (\d+(?:\.\d+)?)/g, (_, n: string) => words.sop(n))
    .replace(/\(([a-z]+ )*paragraph numbered ([\d.]+)\)/g, '($2)')
    .replace(/\bSteps (\d+(?:-\d+)?)/g, (_, n: string) => words.steps(n))
    .replace(/\bStep (\d+)/g, (_, n: string) => words.step(n));
}

const stepNumber = (s: string): number[] => (s.match(/\d+/g) ?? []).map(Number);
function compareSteps(a: string, b: string): number {
  const x = stepNumber(a);
  const y = stepNumber(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return a.localeCompare(b);
}

/**
 * The form's title in a language (its messages must be loaded), else the English title; words printed in capitals
 * for emphasis are written like the others, as `<komek-form>` shows titles (core's presentTitle).
 */
export function titleOf(e: CatalogEntry, lang: Language): string {
  return presentTitle(createTranslator(lang)(e.titleKey, e.title) ?? e.title, lang);
}

/** A short name of a form for lists: `Form 3 — title`, or the title alone for forms without a printed number. */
export function formLabel(e: CatalogEntry, lang: Language): string {
  const title = titleOf(e, lang);
  return e.formNumber ? `${e.formNumber}. ${title}` : title;
}

const models = new Map<string, Promise<FormModel>>();

/** The form model of a form, built once per page. */
export function modelOf(id: FormId): Promise<FormModel> {
  let m = models.get(id);
  if (!m) {
    m = schemaLoaders[id]().then(buildFormModel);
    models.set(id, m);
  }
  return m;
}

/** One problem with a record's data: where, the field's label and the message, in the language asked for. */
export interface FieldProblem {
  pointer: string;
  label: string;
  message: string;
}

/**
 * Validates data against a form's precompiled validator as `<komek-form>` does (core's form session: hidden
 * questions' answers left out, problems in form order, each with the field's label and the localized message).
 * An empty list means valid.
 */
export async function validateData(id: FormId, data: unknown, lang: Language): Promise<FieldProblem[]> {
  const entry = entryOf(id)!;
  const [validate, model] = await Promise.all([
    validatorLoaders[id](),
    modelOf(id),
    loadMessages(lang, entry.namespaces),
  ]);
  const session = createFormSession({ model, validate, data, languages: [issueLanguage(lang)] });
  return session.issues.map((issue) => ({ pointer: issue.pointer, label: issue.label, message: issue.text }));
}
