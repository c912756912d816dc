import type { ValidationIssue } from '@komek/core';
import { lookup } from './createTranslator.js';
import type { Language } from './languages.js';
import { validationMessageFrom } from './runtime/validationMessage.js';

/**
 * The localized message of a ValidationIssue (from `mapErrors` of @komek/core) with the field's label filled in,
 * numbers formatted and the plural form of the language. Tries every candidate key in the language before any in
 * English; the validator's own English message is the last resort.
 */
export function validationMessage(issue: ValidationIssue, lang: Language, label: string): string {
  return validationMessageFrom(lookup, issue, lang, label);
}
