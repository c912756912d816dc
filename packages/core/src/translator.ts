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

/** The label of a message key in a language, falling back to the schema's English. */
export function translate(t: Translator, key: MessageKey, english: string, params?: Record<string, unknown>): string {
  return t(formatMessageKey(key), english, params) ?? english;
}
