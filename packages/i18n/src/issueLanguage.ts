import type { IssueLanguage } from '@komek/core';
import { createTranslator, type TranslatorOptions } from './createTranslator.js';
import type { Language } from './languages.js';
import { validationMessage } from './validationMessage.js';

/**
 * A language for a `FormSession` of @komek/core: labels through `createTranslator`, validation messages through
 * `validationMessage` (plural forms, localized numbers and names). Load the form's messages first (`loadMessages`).
 *
 * ```ts
 * await Promise.all(['ru', 'en'].map((l) => loadMessages(l, entry.namespaces)));
 * const session = createFormSession({ model, validate, languages: [issueLanguage('ru'), issueLanguage('en')] });
 * ```
 */
export function issueLanguage(lang: Language, options: TranslatorOptions = {}): IssueLanguage {
  return {
    translate: createTranslator(lang, options),
    message: (issue, label) => validationMessage(issue, lang, label),
  };
}
