/** Checks on a single translated string, shared by `komek i18n check`, the tests and `komek i18n import`. */

const PLACEHOLDER = /\{\{\s*([^{}\s,]+)\s*(?:,[^{}]*)?\}\}/g;

/** The `{{placeholders}}` of a text, sorted, each once. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

/** Why a translation's placeholders differ from the English ones, or undefined when they match. */
export function placeholderMismatch(text: string, english: string): string | undefined {
  const want = placeholdersOf(english);
  const got = placeholdersOf(text);
  const missing = want.filter((p) => !got.includes(p));
  const extra = got.filter((p) => !want.includes(p));
  if (missing.length === 0 && extra.length === 0) return undefined;
  const parts = [];
  if (missing.length) parts.push(`missing ${missing.map((p) => `{{${p}}}`).join(', ')}`);
  if (extra.length) parts.push(`unknown ${extra.map((p) => `{{${p}}}`).join(', ')}`);
  return `placeholders differ from English: ${parts.join('; ')}`;
}

// As an HTML parser sees a tag: `<` directly followed by a name (`a < b` is text), then white space, `/` or `>` —
// `<svg/onload=…>` and an unclosed `<img src=x onerror=…` are tags too.
const TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)|<!--|<!\[CDATA\[|<\?/;
const NESTING = /\$t\(/;

/** Why a text contains markup, or undefined. Messages are rendered as text: a tag is always a mistake or an attack. */
export function markupIn(text: string): string | undefined {
  const tag = TAG.exec(text);
  if (tag) return `HTML/script markup ${JSON.stringify(/^<[^<>]{0,80}>?/.exec(text.slice(tag.index))![0])}`;
  if (NESTING.test(text)) return 'i18next nesting "$t(" is not allowed in messages';
  return undefined;
}

/** Latin words that may stay as they are in every language. */
export const LATIN_ALLOWED = new Set(['pdf', 'iom', 'komek', 'unicef', 'osce', 'unhcr', 'yyyy']);

/**
 * Whether a non-English text looks like English left untranslated: identical to the English text and containing a
 * Latin word of four or more letters that is not a name or code on the allow-list.
 */
export function looksUntranslated(text: string, english: string): boolean {
  if (text.trim() !== english.trim()) return false;
  const words = text.replace(PLACEHOLDER, ' ').match(/[A-Za-z]{4,}/g) ?? [];
  return words.some((w) => !LATIN_ALLOWED.has(w.toLowerCase()));
}

/**
 * Why an Uzbek (Latin) text breaks the script conventions, or undefined: oʻ and gʻ take U+02BB ʻ, not an ASCII
 * apostrophe or a quotation mark (what keyboards and spreadsheets produce), and Cyrillic letters do not belong.
 */
export function uzbekScriptProblem(text: string): string | undefined {
  const apostrophe = /[oOgG]['‘’`]/u.exec(text);
  if (apostrophe) return `${JSON.stringify(apostrophe[0])}: write oʻ/gʻ with U+02BB ʻ`;
  const cyrillic = /\p{Script=Cyrillic}/u.exec(text);
  if (cyrillic) return `Cyrillic ${JSON.stringify(cyrillic[0])} in Uzbek (Latin script)`;
  return undefined;
}

/**
 * Why a text holds characters that are not text, or undefined: control characters (C0 but tab, line feed and carriage return, DEL,
 * C1), unpaired surrogates, and the bidirectional embedding, override and isolate controls, which can make a
 * message display differently from what it says.
 */
export function controlCharacterIn(text: string): string | undefined {
  const m =
    // eslint-disable-next-line no-control-regex -- finding control characters is what this check is for
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(
      text,
    );
  if (!m) return undefined;
  return `control or broken character U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} at position ${m.index + 1}`;
}

/** What a spreadsheet takes for the start of a formula: `=`, `+`, `-`, `@`, and tab or carriage return before one. */
export const FORMULA_START = /^[=+\-@\t\r]/;
