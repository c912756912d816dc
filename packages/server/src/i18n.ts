import type { Translator } from '@komek/core';
import { catalog } from '@komek/forms';
import { createTranslator, isLanguage, loadMessages, type Language } from '@komek/i18n';

/**
 * The languages of a response: `?lang=kk` or `?lang=kk,ru` (those of the six it names, two at most), else the first
 * of `Accept-Language` that is one of the six, else English. The first is the language of messages; a second adds
 * its wording beside (validation issues, exports).
 */
export function requestLanguages(query: unknown, acceptLanguage: string | undefined): Language[] {
  const q = (query as { lang?: unknown } | undefined)?.lang;
  if (typeof q === 'string') {
    const asked = [
      ...new Set(
        q
          .split(',')
          .map((x) => x.trim().toLowerCase())
          .filter(isLanguage),
      ),
    ].slice(0, 2);
    if (asked.length) return asked;
  }
  for (const part of (acceptLanguage ?? '').split(',')) {
    const code = part.split(';')[0]!.trim().toLowerCase().split('-')[0]!;
    if (isLanguage(code)) return [code];
  }
  return ['en'];
}

/** `?lang=kk,ru` as one or two languages; undefined when absent, an error message when wrong. */
export function parseLanguages(value: unknown): Language[] | undefined | { invalid: string } {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') return { invalid: JSON.stringify(value) };
  const list = value.split(',').map((s) => s.trim().toLowerCase());
  if (list.length > 2 || list.some((l) => !isLanguage(l))) return { invalid: value };
  // `kk,kk` is one language: each label once, not twice side by side.
  return [...new Set(list)] as Language[];
}

const loaded = new Map<string, Promise<void>>();

/** Loads the interface messages and those of the given forms, once per language. */
export async function ensureMessages(lang: Language, formIds: readonly string[] = []): Promise<void> {
  const namespaces = [...new Set(formIds.flatMap((id) => catalog.find((c) => c.id === id)?.namespaces ?? []))];
  const key = `${lang}:${namespaces.join(',')}`;
  let p = loaded.get(key);
  if (!p) {
    p = loadMessages(lang, ['server', ...namespaces]);
    loaded.set(key, p);
    p.catch(() => loaded.delete(key));
  }
  await p;
}

/** A translator for a language whose messages are loaded (ensureMessages). */
export function translatorFor(lang: Language): Translator {
  return createTranslator(lang);
}
