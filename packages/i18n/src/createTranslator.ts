import { interpolate, type Translator } from '@komek/core';
import { formatNumber } from './format.js';
import type { Language } from './languages.js';
import { i18next } from './messages.js';

/** Options of a translator. */
export interface TranslatorOptions {
  /** Wrap every text that falls back to English as `⟦en⟧ text`, to spot missing translations in development. */
  markFallback?: boolean;
}

/** The marker put before a fallback text with `markFallback`. */
export const FALLBACK_MARK = '⟦en⟧ ';

/** Splits `ns:key`; a key without a namespace is a UI key. */
export function splitKey(key: string): { ns: string; key: string } {
  const i = key.indexOf(':');
  return i < 0 ? { ns: 'ui', key } : { ns: key.slice(0, i), key: key.slice(i + 1) };
}

/**
 * Looks a message up in exactly one language: plural form by `params.count` (shown formatted), context by `context`, `{{params}}`
 * filled. Undefined when the language has no such message loaded.
 */
export function lookup(lang: Language, fullKey: string, params?: Record<string, unknown>, context?: string): string | undefined {
  const { ns, key } = splitKey(fullKey);
  const options: Record<string, unknown> = { lng: lang, ns, fallbackLng: false, replace: params ?? {} };
  if (params && typeof params.count === 'number') {
    options.count = params.count;
    // The form is chosen by the number; the text shows it written the way the language writes numbers.
    options.replace = { ...params, count: formatNumber(params.count, lang) };
  }
  if (context !== undefined) options.context = context;
  if (!i18next.exists(key, options)) return undefined;
  return i18next.t(key, options) as string;
}

/**
 * A synchronous translator over the loaded messages (see `loadMessages`): the language's message, else the English
 * one, else the caller's fallback (the schema's English), `{{params}}` filled in each case; `params.count` picks
 * the plural form. Fallbacks are wrapped visibly with `{ markFallback: true }`.
 */
export function createTranslator(lang: Language, options: TranslatorOptions = {}): Translator {
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
