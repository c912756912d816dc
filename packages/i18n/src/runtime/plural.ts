import type { Language } from '../languages.js';

/** A CLDR plural category; message keys carry it as a suffix (`error.minLength_few`). */
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

/** Order in which plural forms are listed (CLDR order). */
export const PLURAL_ORDER: readonly PluralCategory[] = ['zero', 'one', 'two', 'few', 'many', 'other'];

/**
 * Cardinal plural categories of each language, as CLDR defines them. Tajik is not in CLDR: neither Node's ICU nor
 * Debian's Chromium resolves `Intl.PluralRules('tg')`, both fall back to English. Tajik nouns stay singular after a
 * numeral, so the two forms rarely differ; we use the common gettext rule `one: n = 1`, `other`.
 */
export const pluralCategories: Readonly<Record<Language, readonly PluralCategory[]>> = {
  en: ['one', 'other'],
  ru: ['one', 'few', 'many', 'other'],
  kk: ['one', 'other'],
  ky: ['one', 'other'],
  tg: ['one', 'other'],
  uz: ['one', 'other'],
};

const oneOther = (n: number): PluralCategory => (n === 1 ? 'one' : 'other');

const russian = (n: number): PluralCategory => {
  if (!Number.isInteger(n)) return 'other';
  const a = Math.abs(n);
  const m10 = a % 10;
  const m100 = a % 100;
  if (m10 === 1 && m100 !== 11) return 'one';
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return 'few';
  return 'many';
};

/**
 * The rule of a language an engine's Intl may lack, written from the CLDR / gettext definitions: Russian's, or
 * `one` for 1 and `other` otherwise (English, Kazakh, Kyrgyz, Tajik, Uzbek).
 */
const ownRule = (lang: Language): ((n: number) => PluralCategory) => (lang === 'ru' ? russian : oneOther);

/** The engine's `Intl.PluralRules` when it really knows the language (not a silent fallback to another locale). */
function intlRules(lang: Language): Intl.PluralRules | undefined {
  return Intl.PluralRules.supportedLocalesOf([lang]).length > 0 ? new Intl.PluralRules(lang) : undefined;
}

const selectors = new Map<Language, (n: number) => PluralCategory>();

/** The plural category of a number in a language: the engine's rule where it has one, ours otherwise. Same in Node and every browser. */
export function pluralCategory(lang: Language, n: number): PluralCategory {
  let select = selectors.get(lang);
  if (!select) {
    const intl = intlRules(lang);
    select = intl ? (x) => intl.select(x) : ownRule(lang);
    selectors.set(lang, select);
  }
  return select(n);
}

/** A rule object with the shape i18next expects of `Intl.PluralRules`. */
export interface PluralRule {
  select(n: number): PluralCategory;
  resolvedOptions(): { locale: string; pluralCategories: PluralCategory[] };
}

const rules = new Map<Language, PluralRule>();

/** The cardinal plural rule of a language as i18next asks for it, answering as `pluralCategory`. */
export function pluralRule(lang: Language): PluralRule {
  let rule = rules.get(lang);
  if (!rule) {
    const intl = intlRules(lang);
    const categories = intl ? (intl.resolvedOptions().pluralCategories as PluralCategory[]) : pluralCategories[lang];
    rule = {
      select: (n) => pluralCategory(lang, n),
      resolvedOptions: () => ({ locale: lang, pluralCategories: [...categories] }),
    };
    rules.set(lang, rule);
  }
  return rule;
}

const SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Splits a plural form key `error.minLength_few` into its base and category; undefined for other keys. */
export function splitPluralKey(key: string): { base: string; category: PluralCategory } | undefined {
  const m = SUFFIX.exec(key);
  return m ? { base: key.slice(0, m.index), category: m[1] as PluralCategory } : undefined;
}
