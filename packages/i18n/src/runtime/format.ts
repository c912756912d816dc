import { isLanguage, type Language } from '../languages.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Numeric date order and separator per language. Engines disagree for Kazakh, Kyrgyz, Tajik and Uzbek (Node's ICU
 * gives `2024-05-03` for 5 March in Kyrgyz; Debian's Chromium falls back to US English for all four), so the
 * pattern is ours: day.month.year as written in Central Asia and Russia, day/month/year in (British) English.
 */
const dateSeparator = (lang: Language): string => (lang === 'en' ? '/' : '.');

/**
 * A date for display and print: ISO `yyyy-mm-dd` in, `dd.mm.yyyy` (`dd/mm/yyyy` in English) out. The date must exist
 * (no 31 April); anything that is not a valid ISO date is returned unchanged rather than guessed at.
 */
export function formatDate(iso: string, lang: Language): string {
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  // Any such digits make a valid time: a day that does not exist (31 April) rolls over into another month.
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return iso;
  return [d, mo, y].join(dateSeparator(lang));
}

/**
 * Digit grouping and decimal mark per language (CLDR): English `1,234.5`; Russian, Kazakh, Kyrgyz, Tajik and Uzbek
 * `1 234,5` with a no-break space (a code that is not one of the languages: English's). Applied to Intl's English
 * parts so every engine gives the same string.
 */
const numberSymbols = (lang: Language): [group: string, decimal: string] =>
  lang !== 'en' && isLanguage(lang) ? ['\u00a0', ','] : [',', '.'];

/** A number for display and print, grouped and with the decimal mark of the language. */
export function formatNumber(n: number, lang: Language): string {
  const [group, decimal] = numberSymbols(lang);
  return new Intl.NumberFormat('en', { maximumFractionDigits: 3 })
    .formatToParts(n)
    .map((p) => (p.type === 'group' ? group : p.type === 'decimal' ? decimal : p.value))
    .join('');
}
