import type { Translator } from '@komek/core';
import type { Language } from './languages.js';
import { i18next } from './messages.js';
import { displayParams, splitKey, type MessageLookup } from './runtime/messages.js';
import { translatorFrom, type TranslatorOptions } from './runtime/translator.js';

export { FALLBACK_MARK, type TranslatorOptions } from './runtime/translator.js';

/**
 * Looks a message up in i18next's store, in exactly one language: plural form by `params.count` (shown formatted),
 * context by `context`, `{{params}}` filled. Undefined when the language has no such message loaded.
 */
export const lookup: MessageLookup = (lang, fullKey, params, context) => {
  const { ns, key } = splitKey(fullKey);
  const options: Record<string, unknown> = {
    lng: lang,
    ns,
    fallbackLng: false,
    replace: displayParams(lang, params) ?? {},
  };
  if (params && typeof params.count === 'number') options.count = params.count;
  if (context !== undefined) options.context = context;
  if (!i18next.exists(key, options)) return undefined;
  return i18next.t(key, options);
};

/**
 * A synchronous translator over the loaded messages (see `loadMessages`): the language's message, else the English
 * one, else the caller's fallback (the schema's English), `{{params}}` filled in each case; `params.count` picks
 * the plural form. Fallbacks are wrapped visibly with `{ markFallback: true }`.
 */
export function createTranslator(lang: Language, options: TranslatorOptions = {}): Translator {
  return translatorFrom(lookup, lang, options);
}
