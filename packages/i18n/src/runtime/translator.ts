import { interpolate, type Translator } from '@komek/core';
import type { Language } from '../languages.js';
import type { MessageLookup } from './messages.js';

/** Options of a translator. */
export interface TranslatorOptions {
  /** Wrap every text that falls back to English as `⟦en⟧ text`, to spot missing translations in development. */
  markFallback?: boolean;
}

/** The marker put before a fallback text with `markFallback`. */
export const FALLBACK_MARK = '⟦en⟧ ';

/**
 * A synchronous translator over a lookup: the language's message, else the English one, else the caller's fallback
 * (the schema's English), `{{params}}` filled in each case; `params.count` picks the plural form. Fallbacks are
 * wrapped visibly with `{ markFallback: true }`.
 */
export function translatorFrom(lookup: MessageLookup, lang: Language, options: TranslatorOptions = {}): Translator {
  const mark = (s: string) => (options.markFallback && lang !== 'en' ? FALLBACK_MARK + s : s);
  return (key, fallback, params) => {
    const own = lookup(lang, key, params);
    if (own !== undefined) return own;
    if (lang !== 'en') {
      const en = lookup('en', key, params);
      if (en !== undefined) return mark(en);
    }
    return fallback === undefined ? undefined : mark(interpolate(fallback, params));
  };
}
