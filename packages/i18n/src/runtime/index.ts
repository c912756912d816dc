/**
 * The i18next-free part of `@komek/i18n`: plural rules, number and date formats, message lookup over plain maps,
 * translators and validation messages over any lookup, the bookkeeping of loads. `@komek/i18n` puts i18next's
 * store behind these; the browser element (`@komek/elements`) puts its own loaded files behind them and so ships
 * no i18next. Nothing here may import i18next (`runtime.test.ts` checks).
 */
export { isLanguage } from '../languages.js';
export type { Language } from '../languages.js';
export { pluralCategory, pluralCategories, pluralRule, splitPluralKey, PLURAL_ORDER } from './plural.js';
export type { PluralCategory, PluralRule } from './plural.js';
export { formatDate, formatNumber } from './format.js';
export { displayParams, lookupIn, messageKeys, messagesOf, splitKey } from './messages.js';
export type { MessageLookup, Messages } from './messages.js';
export { Loads } from './loads.js';
export { FALLBACK_MARK, translatorFrom } from './translator.js';
export type { TranslatorOptions } from './translator.js';
export { validationMessageFrom } from './validationMessage.js';
export { InvalidNamespaceError, MessagesLoadError, UnsupportedLanguageError } from './errors.js';
