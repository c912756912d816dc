import { formatMessageKey, type MessageKey } from './messageKey.js';

/**
 * Looks a message up: `key` is `ns:key`, `fallback` is returned when the language has no such message, `params`
 * fill `{{placeholders}}`. Returns undefined when neither is there.
 */
export type Translator = (key: string, fallback?: string, params?: Record<string, unknown>) => string | undefined;

/** A translator for the source language: every message is its English fallback. */
export const englishTranslator: Translator = (_key, fallback, params) =>
  fallback === undefined ? undefined : interpolate(fallback, params);

/** Fills `{{name}}` placeholders. */
export function interpolate(text: string, params?: Record<string, unknown>): string {
  if (!params) return text;
  return text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/**
 * The label of a message key in a language: the translator's (the language's, else English from the loaded `en`
 * messages), else `english` (the schema's, where the model was built from the schemas), else `unworded(key)`.
 */
export function translate(
  t: Translator,
  key: MessageKey,
  english: string | undefined,
  params?: Record<string, unknown>,
): string {
  return t(formatMessageKey(key), english, params) ?? english ?? unworded(key);
}

/**
 * The last resort for a label that no loaded messages file has and no model carries (the `en` messages of a catalog
 * form were not loaded): the name it labels — the last word of its key less `.title`/`.description` (`….fullName.title`
 * → `fullName`, `….enum.transit` → `transit`) — rather than the key itself.
 */
export function unworded(key: MessageKey): string {
  const words = key.key.replace(/\.(title|description)$/, '').split('.');
  return words[words.length - 1] || key.key;
}
