import { interpolate } from '@komek/core';
import type { Language } from '../languages.js';
import { formatNumber } from './format.js';
import { pluralCategory } from './plural.js';

/** Messages of one language and namespace: key → text. */
export type Messages = Record<string, string>;

/**
 * A message in exactly one language — plural form by `params.count`, context by `context`, `{{params}}` filled — or
 * undefined when that language has no such message. Both front doors provide one: i18next's store (`@komek/i18n`)
 * and a plain map of loaded files (`@komek/elements`); everything built on a lookup is shared.
 */
export type MessageLookup = (
  lang: Language,
  key: string,
  params?: Record<string, unknown>,
  context?: string,
) => string | undefined;

/** Splits `ns:key`; a key without a namespace is a UI key. */
export function splitKey(key: string): { ns: string; key: string } {
  const i = key.indexOf(':');
  return i < 0 ? { ns: 'ui', key } : { ns: key.slice(0, i), key: key.slice(i + 1) };
}

/**
 * The texts of a locale file: key → text, `$meta` and empty texts left out so that they fall back. Takes entries
 * `{ text, status, … }` as stored, and plain strings as the element's build serves them.
 */
export function messagesOf(file: Record<string, unknown>): Messages {
  const out: Messages = {};
  for (const [key, entry] of Object.entries(file)) {
    if (key === '$meta') continue;
    const text = typeof entry === 'string' ? entry : (entry as { text?: unknown } | null)?.text;
    if (typeof text === 'string' && text !== '') out[key] = text;
  }
  return out;
}

/** The values a message shows: `count` picks the plural form by its number but is written the way the language writes numbers. */
export function displayParams(
  lang: Language,
  params: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  return params && typeof params.count === 'number' ? { ...params, count: formatNumber(params.count, lang) } : params;
}

/**
 * The keys that may hold a message, most specific first, in the order i18next resolves them: context with plural
 * form, context, plural form, the key itself; `_zero` before the language's category when the count is 0.
 */
export function messageKeys(lang: Language, key: string, count?: number, context?: string): string[] {
  const suffixes = count === undefined ? [] : [...(count === 0 ? ['_zero'] : []), `_${pluralCategory(lang, count)}`];
  const bases = context === undefined ? [key] : [`${key}_${context}`, key];
  return bases.flatMap((base) => [...suffixes.map((s) => base + s), base]);
}

/** A lookup over plain message maps, `messagesFor(lang, namespace)` giving the loaded ones (undefined if none). */
export function lookupIn(messagesFor: (lang: Language, namespace: string) => Messages | undefined): MessageLookup {
  return (lang, fullKey, params, context) => {
    const { ns, key } = splitKey(fullKey);
    const messages = messagesFor(lang, ns);
    if (!messages) return undefined;
    const count = typeof params?.count === 'number' ? params.count : undefined;
    // Most lookups (labels, options) have neither a count nor a context: the key itself is the only candidate.
    if (count === undefined && context === undefined) {
      const text = messages[key];
      return text === undefined ? undefined : interpolate(text, displayParams(lang, params));
    }
    for (const candidate of messageKeys(lang, key, count, context)) {
      const text = messages[candidate];
      if (text !== undefined) return interpolate(text, displayParams(lang, params));
    }
    return undefined;
  };
}
