import { languages, type Language } from '../languages.js';
import { entriesOf, type LocaleEntry, type LocaleFile } from '../localeFile.js';
import { describeChar, loadPdfFonts, missingGlyphs, PDF_FONT_FILES } from './fontCoverage.js';
import { LANGUAGE_CODES, LOCALES_DIR, expectedMessages, namespacesOf, readLocaleFile } from './localeStore.js';
import {
  controlCharacterIn,
  looksUntranslated,
  markupIn,
  placeholderMismatch,
  uzbekScriptProblem,
} from './textChecks.js';
import { termBaseProblems, termChecker, readTermBase, type TermBase } from './termbase.js';
import { ordinalProblem } from './ordinals.js';

/** The checks `komek i18n check` runs. */
export type CheckName =
  | 'json'
  | 'meta'
  | 'coverage'
  | 'extra'
  | 'status'
  | 'placeholders'
  | 'markup'
  | 'english'
  | 'script'
  | 'font'
  | 'termbase'
  | 'term'
  | 'ordinal';

/** A failed check on a locale file or message. */
export interface Problem {
  check: CheckName;
  lang: Language;
  namespace: string;
  key?: string;
  message: string;
}

/** Translation progress of one language and namespace. */
export interface CoverageCell {
  lang: Language;
  namespace: string;
  /** Whether the language has a file for the namespace. */
  present: boolean;
  /** Messages the language needs (plural forms counted per the language's categories). */
  total: number;
  /** Messages present and non-empty. */
  translated: number;
  /** Of those, reviewed by a native speaker. */
  reviewed: number;
}

/** Namespaces every language must translate completely now. Form namespaces become mandatory once a file exists. */
export const REQUIRED_NAMESPACES: readonly string[] = ['ui'];

/** The result of checking every locale file. */
export interface CheckReport {
  coverage: CoverageCell[];
  problems: Problem[];
}

/**
 * Checks every locale file against English: complete and non-empty for every namespace a language has a file for
 * (and for `ui` always), no extra keys, known statuses, placeholders as in English, no HTML/script, no English left
 * untranslated, Uzbek in Latin script with ʻ (U+02BB), every character printable in the PDF font (English included),
 * a note with every recorded change, ordinal suffixes on position numbers in kk/ky/uz, and the term base (`termbase.json`: approved terms used, forbidden ones not).
 */
export function checkLocales(
  options: { dir?: string; fonts?: boolean; termBase?: TermBase | false } = {},
): CheckReport {
  const dir = options.dir ?? LOCALES_DIR;
  const problems: Problem[] = [];
  const terms = termsFor(options.termBase, problems);
  const coverage: CoverageCell[] = [];
  const fonts = options.fonts === false ? [] : loadPdfFonts();
  const englishNs = namespacesOf('en', dir);

  const read = (lang: Language, ns: string): LocaleFile | undefined => {
    try {
      return readLocaleFile(lang, ns, dir);
    } catch (e) {
      problems.push({ check: 'json', lang, namespace: ns, message: (e as Error).message });
      return undefined;
    }
  };
  const checkFont = (lang: Language, ns: string, key: string, text: string) => {
    for (const { file, font } of fonts) {
      const missing = missingGlyphs(text, font);
      if (missing.length)
        problems.push({
          check: 'font',
          lang,
          namespace: ns,
          key,
          message: `${file} lacks ${missing.map(describeChar).join(', ')}`,
        });
    }
  };

  for (const { code: lang } of languages) {
    for (const ns of namespacesOf(lang, dir)) {
      if (!englishNs.includes(ns))
        problems.push({
          check: 'extra',
          lang,
          namespace: ns,
          message: `no English namespace "${ns}": the file is left over or misnamed`,
        });
    }
    for (const ns of englishNs) {
      const english = read('en', ns);
      if (!english) continue;
      const file = lang === 'en' ? english : read(lang, ns);
      const expected = expectedMessages(lang, english);
      const cell: CoverageCell = {
        lang,
        namespace: ns,
        present: file !== undefined,
        total: expected.length,
        translated: 0,
        reviewed: 0,
      };
      coverage.push(cell);
      if (!file) {
        if (REQUIRED_NAMESPACES.includes(ns))
          problems.push({
            check: 'coverage',
            lang,
            namespace: ns,
            message: `missing file: ${ns} must be translated into every language`,
          });
        continue;
      }
      const meta = file.$meta;
      if (!meta || meta.language !== lang || meta.namespace !== ns) {
        problems.push({
          check: 'meta',
          lang,
          namespace: ns,
          message: `$meta must name language "${lang}" and namespace "${ns}"`,
        });
      }
      const wanted = new Set(expected.map((m) => m.key));
      for (const [key] of entriesOf(file)) {
        if (!wanted.has(key))
          problems.push({
            check: 'extra',
            lang,
            namespace: ns,
            key,
            message: 'key not in English (removed from the schema, or a plural form the language does not have)',
          });
      }
      for (const m of expected) {
        const entry = file[m.key] as LocaleEntry | undefined;
        const text = entry?.text;
        if (typeof text !== 'string' || text.trim() === '') {
          problems.push({
            check: 'coverage',
            lang,
            namespace: ns,
            key: m.key,
            message: entry ? 'empty text' : 'missing',
          });
          continue;
        }
        cell.translated++;
        const okStatus =
          lang === 'en' ? entry!.status === 'source' : entry!.status === 'draft' || entry!.status === 'reviewed';
        if (!okStatus)
          problems.push({
            check: 'status',
            lang,
            namespace: ns,
            key: m.key,
            message: `status "${String(entry!.status)}" (${lang === 'en' ? 'source' : 'draft or reviewed'} expected)`,
          });
        if (entry!.status === 'reviewed' || (lang === 'en' && okStatus)) cell.reviewed++;
        if (entry!.changedBy !== undefined && !entry!.note?.trim())
          problems.push({
            check: 'status',
            lang,
            namespace: ns,
            key: m.key,
            message: `changed by "${entry!.changedBy}" without a note saying why`,
          });
        const markup = markupIn(text);
        if (markup) problems.push({ check: 'markup', lang, namespace: ns, key: m.key, message: markup });
        const control = controlCharacterIn(text);
        if (control) problems.push({ check: 'markup', lang, namespace: ns, key: m.key, message: control });
        checkFont(lang, ns, m.key, text);
        if (lang === 'en') continue;
        const mismatch = placeholderMismatch(text, m.english.text);
        if (mismatch) problems.push({ check: 'placeholders', lang, namespace: ns, key: m.key, message: mismatch });
        if (looksUntranslated(text, m.english.text))
          problems.push({
            check: 'english',
            lang,
            namespace: ns,
            key: m.key,
            message: `identical to English: ${JSON.stringify(text)}`,
          });
        const script = lang === 'uz' ? uzbekScriptProblem(text) : undefined;
        if (script) problems.push({ check: 'script', lang, namespace: ns, key: m.key, message: script });
        const ordinal = ordinalProblem(lang, text);
        if (ordinal) problems.push({ check: 'ordinal', lang, namespace: ns, key: m.key, message: ordinal });
        for (const v of terms?.check(lang, ns, m.key, text, m.english.text) ?? [])
          problems.push({ check: 'term', lang, namespace: ns, key: m.key, message: `${v.termId}: ${v.message}` });
      }
    }
  }
  return { coverage, problems };
}

/** The term base's checker (the project's own unless given; none with `false`), or undefined with its problems reported. */
function termsFor(given: TermBase | false | undefined, problems: Problem[]) {
  if (given === false) return undefined;
  let base: TermBase;
  try {
    base = given ?? readTermBase();
  } catch (e) {
    problems.push({ check: 'termbase', lang: 'en', namespace: 'termbase', message: (e as Error).message });
    return undefined;
  }
  const wrong = termBaseProblems(
    base,
    LANGUAGE_CODES.filter((l) => l !== 'en'),
  );
  for (const message of wrong) problems.push({ check: 'termbase', lang: 'en', namespace: 'termbase', message });
  return wrong.length ? undefined : termChecker(base);
}

/** The coverage table as text: one row per namespace, one column per language (`translated/total`, `+n` reviewed). */
export function formatCoverage(cells: readonly CoverageCell[]): string {
  const langs = languages.map((l) => l.code);
  const namespaces = [...new Set(cells.map((c) => c.namespace))];
  const cellText = (c: CoverageCell | undefined) =>
    !c
      ? ''
      : !c.present
        ? '—'
        : `${c.translated}/${c.total}${c.lang !== 'en' && c.reviewed > 0 ? ` r${c.reviewed}` : ''}`;
  const header = ['namespace', ...langs];
  const rows = namespaces.map((ns) => [
    ns,
    ...langs.map((l) => cellText(cells.find((c) => c.namespace === ns && c.lang === l))),
  ]);
  const totals = [
    'total',
    ...langs.map((l) => {
      const mine = cells.filter((c) => c.lang === l);
      const done = mine.reduce((s, c) => s + c.translated, 0);
      const all = mine.reduce((s, c) => s + c.total, 0);
      return all === 0 ? '' : `${((100 * done) / all).toFixed(0)}%`;
    }),
  ];
  const table = [header, ...rows, totals];
  const widths = header.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), line(totals)].join('\n') + '\n';
}

/** The problems as text, one per line. */
export function formatProblems(problems: readonly Problem[]): string {
  return (
    problems
      .map((p) => `${p.check.padEnd(12)} ${p.lang}/${p.namespace}${p.key ? `:${p.key}` : ''} — ${p.message}`)
      .join('\n') + (problems.length ? '\n' : '')
  );
}

export { PDF_FONT_FILES };
