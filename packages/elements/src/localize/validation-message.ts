import type { ValidationIssue } from '@komek/core';
import { validationMessageFrom, type Language } from '@komek/i18n/runtime';
import { lookup } from './messages.js';

/**
 * The localized message of a validation issue with the field's label filled in, as `validationMessage` of
 * `@komek/i18n`. Apart from the lookups (messages.ts) so that it travels with the form session's chunk.
 */
export function validationMessage(issue: ValidationIssue, lang: Language, label: string): string {
  return validationMessageFrom(lookup, issue, lang, label);
}
