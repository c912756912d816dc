/**
 * How labels and titles are presented on screen. The schemas and locale files keep the printed form's words as
 * printed ("date of issue", "NOTIFICATION of consent …"); a screen shows them as one consistent style. Paper keeps
 * the print.
 */

/** A letter that has a case (not the Uzbek ʻ, a modifier letter). */
const LETTER = /[\p{Lu}\p{Ll}\p{Lt}]/u;
/** A word written all in capitals (two letters or more, any script), e.g. NOTIFICATION, АНКЕТА, ХАБАРЛАМА. */
const CAPITALS_WORD = /(?<![\p{L}\p{N}])\p{Lu}{2,}(?![\p{L}\p{N}])/gu;
/** Words of this many letters or fewer written in capitals are taken for abbreviations (IOM, SOP) and kept. */
const ABBREVIATION = 3;

/** The text with its first letter (after any opening punctuation, e.g. "(name …") in upper case. */
export function presentLabel(text: string, lang?: string): string {
  const i = text.search(LETTER);
  if (i < 0) return text;
  const first = String.fromCodePoint(text.codePointAt(i)!);
  return text.slice(0, i) + first.toLocaleUpperCase(lang) + text.slice(i + first.length);
}

/**
 * A form's title in sentence case: words printed all in capitals for emphasis ("NOTIFICATION of …", "… туралы
 * ХАБАРЛАМА") are written like the other words; abbreviations (three letters or fewer) stay; the first letter is a
 * capital. A title with no lower-case letter at all is left alone (there is no way to tell its names apart).
 */
export function presentTitle(text: string, lang?: string): string {
  if (!/\p{Ll}/u.test(text)) return presentLabel(text, lang);
  const lowered = text.replace(CAPITALS_WORD, (word) =>
    [...word].length <= ABBREVIATION ? word : word.toLocaleLowerCase(lang),
  );
  return presentLabel(lowered, lang);
}
