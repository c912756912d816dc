import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { languages, type Language } from '../languages.js';
import { entriesOf, type LocaleEntry, type LocaleFile } from '../localeFile.js';
import { PLURAL_ORDER, pluralCategories, splitPluralKey } from '../runtime/plural.js';

/** `packages/i18n/locales`, where every locale file lives. */
export const LOCALES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'locales');

/** The path of a locale file. */
export function localePath(lang: Language, namespace: string, dir = LOCALES_DIR): string {
  return join(dir, lang, `${namespace}.json`);
}

/** The namespaces a language has files for, sorted (`ui` first). */
export function namespacesOf(lang: Language, dir = LOCALES_DIR): string[] {
  const d = join(dir, lang);
  if (!existsSync(d)) return [];
  return readdirSync(d)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort((a, b) => (a === 'ui' ? -1 : b === 'ui' ? 1 : a.localeCompare(b)));
}

/** Reads a locale file; undefined when it does not exist. Throws with the path on invalid JSON. */
export function readLocaleFile(lang: Language, namespace: string, dir = LOCALES_DIR): LocaleFile | undefined {
  const path = localePath(lang, namespace, dir);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LocaleFile;
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`, { cause: e });
  }
}

/** The canonical text of a locale file: two-space JSON and a final newline, as `pnpm gen` writes English. */
export function serializeLocaleFile(file: LocaleFile): string {
  return JSON.stringify(file, null, 2) + '\n';
}

/** One message a language must have for an English message: plural forms expand to the language's categories. */
export interface ExpectedMessage {
  /** Key in the language's file. */
  key: string;
  /** The English entry it translates (for a plural form: the English form of the same category, else `other`). */
  english: LocaleEntry;
  /** Key of that English entry. */
  englishKey: string;
}

/**
 * Every message a language must have for an English file, in English order. English `x_one`/`x_other` become the
 * language's own plural forms (Russian `x_one`, `x_few`, `x_many`, `x_other`).
 */
export function expectedMessages(lang: Language, english: LocaleFile): ExpectedMessage[] {
  const entries = entriesOf(english);
  const byKey = new Map(entries);
  const out: ExpectedMessage[] = [];
  const doneBases = new Set<string>();
  for (const [key, entry] of entries) {
    const plural = splitPluralKey(key);
    if (!plural) {
      out.push({ key, english: entry, englishKey: key });
      continue;
    }
    if (doneBases.has(plural.base)) continue;
    doneBases.add(plural.base);
    for (const category of PLURAL_ORDER.filter((c) => pluralCategories[lang].includes(c))) {
      const same = `${plural.base}_${category}`;
      const englishKey = byKey.has(same) ? same : `${plural.base}_other`;
      const en = byKey.get(englishKey) ?? entry;
      out.push({ key: same, english: en, englishKey });
    }
  }
  return out;
}

/** Every language code. */
export const LANGUAGE_CODES: Language[] = languages.map((l) => l.code);
