import { KomekError } from '@komek/core';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Language } from '../languages.js';
import type { LocaleEntry, LocaleFile, LocaleMeta } from '../localeFile.js';
import { readCsv, writeCsv, detectDelimiter, CsvError } from './csv.js';
import {
  LOCALES_DIR,
  expectedMessages,
  localePath,
  namespacesOf,
  readLocaleFile,
  serializeLocaleFile,
} from './localeStore.js';
import {
  controlCharacterIn,
  FORMULA_START,
  markupIn,
  placeholderMismatch,
  looksUntranslated,
  uzbekScriptProblem,
} from './textChecks.js';
import { describeChar, loadPdfFonts, missingGlyphs } from './fontCoverage.js';
import { REQUIRED_NAMESPACES } from './checks.js';
import { termHints } from './termbase.js';
import { childElements, escapeXml, parseXml, textOf, XmlError } from './xml.js';

/** One message as a translator sees it: one CSV row, one XLIFF trans-unit. */
export interface ExchangeRow {
  /** `namespace:key` */
  key: string;
  english: string;
  /** Current translation, empty when there is none. */
  translation: string;
  /** `draft` or `reviewed`; empty when untranslated. */
  status: '' | 'draft' | 'reviewed';
  /** Where the text appears: form/namespace, printed field number, source line, or the UI note. */
  context: string;
}

/** Formats translators exchange files in. */
export type ExchangeFormat = 'csv' | 'xliff';

/** The CSV columns, in order. */
export const CSV_COLUMNS = ['key', 'english', 'translation', 'status', 'context'] as const;

function contextOf(namespace: string, entry: LocaleEntry): string {
  const parts = [namespace];
  if (entry.number !== undefined) parts.push(`No. ${entry.number}`);
  if (entry.line !== undefined) parts.push(`source line ${entry.line}`);
  if (entry.derived) parts.push('derived, not on the printed form');
  else if (entry.reading) parts.push('part of a printed line, not printed as its own label');
  if (entry.note) parts.push(entry.note);
  return parts.join(' — ');
}

/** The English namespaces: every file of `locales/en`, `ui` first. */
export function englishNamespaces(dir = LOCALES_DIR): string[] {
  return namespacesOf('en', dir);
}

/** Every message of a language in export order (namespaces as `englishNamespaces`, keys in English order). */
export function exportRows(lang: Language, dir = LOCALES_DIR): ExchangeRow[] {
  const rows: ExchangeRow[] = [];
  const terms = lang === 'en' ? () => '' : termHints(lang);
  for (const ns of englishNamespaces(dir)) {
    const english = readLocaleFile('en', ns, dir)!;
    const current = readLocaleFile(lang, ns, dir);
    for (const m of expectedMessages(lang, english)) {
      const entry = current?.[m.key] as LocaleEntry | undefined;
      const translation = typeof entry?.text === 'string' ? entry.text : '';
      const status = translation === '' ? '' : entry?.status === 'reviewed' ? 'reviewed' : 'draft';
      // The reviewer signing a string off sees why it last changed (the note stays in the locale file).
      const change =
        translation && entry?.note ? ` — last change (${entry.changedBy ?? 'unnamed'}): ${entry.note}` : '';
      rows.push({
        key: `${ns}:${m.key}`,
        english: m.english.text,
        translation,
        status,
        context: contextOf(ns, m.english) + terms(m.english.text, ns, m.key) + change,
      });
    }
  }
  return rows;
}

/** A CSV file of rows, with a UTF-8 byte order mark so spreadsheets open it as UTF-8. */
export function toCsv(rows: readonly ExchangeRow[]): string {
  return '\uFEFF' + writeCsv([[...CSV_COLUMNS], ...rows.map((r) => CSV_COLUMNS.map((c) => neutraliseFormula(r[c])))]);
}

/**
 * A cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd|…`, `-1+1`, `@SUM(…)`) gets a leading
 * apostrophe, which spreadsheets show as text and drop; `parseCsvRows` drops it again on import.
 */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** The reverse of `neutraliseFormula`: an apostrophe before a formula start is dropped. */
function restoreFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** An XLIFF 1.2 document of rows for a language: one `<file>` per namespace. */
export function toXliff(rows: readonly ExchangeRow[], lang: Language): string {
  const byNs = new Map<string, ExchangeRow[]>();
  for (const r of rows) {
    const ns = r.key.slice(0, r.key.indexOf(':'));
    if (!byNs.has(ns)) byNs.set(ns, []);
    byNs.get(ns)!.push(r);
  }
  const a = (s: string) => escapeXml(s, true);
  const t = (s: string) => escapeXml(s);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">',
  ];
  for (const [ns, list] of byNs) {
    out.push(
      `  <file original="${a(ns)}" source-language="en" target-language="${a(lang)}" datatype="plaintext">`,
      '    <body>',
    );
    for (const r of list) {
      const id = r.key.slice(ns.length + 1);
      const state = r.translation === '' ? 'needs-translation' : r.status === 'reviewed' ? 'final' : 'translated';
      out.push(`      <trans-unit id="${a(id)}" resname="${a(id)}" xml:space="preserve">`);
      out.push(`        <source>${t(r.english)}</source>`);
      out.push(
        r.translation === ''
          ? `        <target state="${state}"/>`
          : `        <target state="${state}">${t(r.translation)}</target>`,
      );
      out.push(`        <note>${t(r.context)}</note>`);
      out.push('      </trans-unit>');
    }
    out.push('    </body>', '  </file>');
  }
  out.push('</xliff>', '');
  return out.join('\n');
}

/** The text of an exchange file in a format. */
export function exportLanguage(lang: Language, format: ExchangeFormat, dir = LOCALES_DIR): string {
  const rows = exportRows(lang, dir);
  return format === 'csv' ? toCsv(rows) : toXliff(rows, lang);
}

/** Why an import was refused: the key concerned (when there is one) and the reason. */
export interface ImportProblem {
  key?: string;
  reason: string;
}

/** Raised when a file cannot be imported; nothing has been written. */
export class ImportRefusedError extends KomekError {
  constructor(readonly problems: ImportProblem[]) {
    super(
      'KOMEK_IMPORT_REFUSED',
      `import refused:\n${problems.map((p) => `  ${p.key ? `${p.key}: ` : ''}${p.reason}`).join('\n')}`,
    );
    this.name = 'ImportRefusedError';
  }
}

/**
 * Decodes an imported file: UTF-8 (with or without BOM) or UTF-16 with a BOM. Anything else — invalid UTF-8, such as
 * a spreadsheet saved as Windows-1251 — is refused rather than guessed.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    const at = firstInvalidUtf8(body);
    const line = new TextDecoder().decode(body.subarray(0, at)).split('\n').length;
    throw new ImportRefusedError([
      {
        reason: `the file is not UTF-8 (invalid byte at offset ${at}, line ${line}); save it as "CSV UTF-8" or UTF-8 XML`,
      },
    ]);
  }
}

/** Offset of the first byte that does not continue a UTF-8 sequence well (for the message only). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >> 5 === 6 ? 1 : c >> 4 === 14 ? 2 : c >> 3 === 30 ? 3 : -1;
    if (n < 0 || i + n >= b.length) return i;
    for (let k = 1; k <= n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return i;
}

/** Rows of an imported file: key, translation, status (CSV columns by header name). */
export interface ImportedRow {
  key: string;
  translation: string;
  status: string;
  /** The English text the translator saw, when the file carries it. */
  english?: string;
  /** 1-based line (CSV row or XML line) for messages. */
  line: number;
}

/** Reads the rows of a CSV exchange file. */
export function parseCsvRows(text: string): ImportedRow[] {
  let table: string[][];
  try {
    table = readCsv(text, detectDelimiter(text));
  } catch (e) {
    if (e instanceof CsvError) throw new ImportRefusedError([{ reason: e.message }]);
    throw e;
  }
  const header = (table[0] ?? []).map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const missing = ['key', 'translation', 'status'].filter((c) => col(c) < 0);
  if (missing.length)
    throw new ImportRefusedError([
      { reason: `CSV header lacks the column(s) ${missing.join(', ')} (expected ${CSV_COLUMNS.join(',')})` },
    ]);
  const rows: ImportedRow[] = [];
  const problems: ImportProblem[] = [];
  table.slice(1).forEach((r, idx) => {
    if (r.length === 1 && r[0] === '') return; // blank line
    if (r.length !== header.length) {
      const key = r[col('key')];
      const reason = `CSV row ${idx + 2} has ${r.length} fields, the header ${header.length}`;
      problems.push(key === undefined ? { reason } : { key, reason });
      return;
    }
    const row: ImportedRow = {
      key: r[col('key')]!.trim(),
      translation: restoreFormula(r[col('translation')]!),
      status: r[col('status')]!.trim(),
      line: idx + 2,
    };
    if (col('english') >= 0) row.english = restoreFormula(r[col('english')]!);
    rows.push(row);
  });
  if (problems.length) throw new ImportRefusedError(problems);
  return rows;
}

/** Reads the rows of an XLIFF 1.2 exchange file and checks it is for the language. */
export function parseXliffRows(text: string, lang: Language): ImportedRow[] {
  let root;
  try {
    root = parseXml(text);
  } catch (e) {
    if (e instanceof XmlError) throw new ImportRefusedError([{ reason: e.message }]);
    throw e;
  }
  if (root.name.replace(/^.*:/, '') !== 'xliff' || root.attrs.version !== '1.2')
    throw new ImportRefusedError([{ reason: 'not an XLIFF 1.2 document' }]);
  const rows: ImportedRow[] = [];
  const problems: ImportProblem[] = [];
  for (const file of childElements(root, 'file')) {
    const ns = file.attrs.original ?? '';
    if (file.attrs['target-language'] !== lang) {
      problems.push({
        reason: `<file original="${ns}"> (line ${file.line}) has target-language "${file.attrs['target-language'] ?? ''}", not "${lang}"`,
      });
      continue;
    }
    for (const body of childElements(file, 'body')) {
      for (const unit of childElements(body, 'trans-unit')) {
        const key = `${ns}:${unit.attrs.id ?? ''}`;
        const target = childElements(unit, 'target')[0];
        const translation = target ? textOf(target) : '';
        if (translation === undefined) {
          problems.push({
            key,
            reason: `inline markup in <target> (line ${target!.line}) is not allowed; messages are plain text`,
          });
          continue;
        }
        const state = target?.attrs.state ?? '';
        const status = translation === '' ? '' : state === 'final' || state === 'signed-off' ? 'reviewed' : 'draft';
        const row: ImportedRow = { key, translation, status, line: unit.line };
        const source = childElements(unit, 'source')[0];
        const english = source ? textOf(source) : undefined;
        if (english !== undefined) row.english = english;
        rows.push(row);
      }
    }
  }
  if (problems.length) throw new ImportRefusedError(problems);
  return rows;
}

/** What an import did (or, refused, would have done). */
export interface ImportResult {
  /** Locale files written (absolute paths). */
  written: string[];
  /** Locale files that already had this content. */
  unchanged: string[];
  /** Things a translator should look at that do not block the import. */
  warnings: ImportProblem[];
}

/**
 * Imports an exchange file (CSV or XLIFF by the file name's extension) into a language's locale files. Refuses —
 * throwing ImportRefusedError, writing nothing — a file with a missing, extra or repeated key, a placeholder that
 * differs from English, HTML/script markup, an unknown status, or text that is not UTF-8.
 */
export function importLanguage(
  lang: Language,
  fileName: string,
  bytes: Uint8Array,
  options: { dir?: string; write?: boolean } = {},
): ImportResult {
  const dir = options.dir ?? LOCALES_DIR;
  if (lang === 'en')
    throw new ImportRefusedError([
      { reason: 'English is the source language: its messages come from the schemas and locales/en/ui.json' },
    ]);
  const text = decodeText(bytes);
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  const rows =
    ext === 'csv' ? parseCsvRows(text) : ext === 'xlf' || ext === 'xliff' ? parseXliffRows(text, lang) : undefined;
  if (!rows) throw new ImportRefusedError([{ reason: `unknown file type "${fileName}": use .csv, .xlf or .xliff` }]);

  const expected = exportRows(lang, dir);
  const expectedByKey = new Map(expected.map((r) => [r.key, r]));
  const problems: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const got = new Map<string, ImportedRow>();
  for (const r of rows) {
    if (got.has(r.key))
      problems.push({ key: r.key, reason: `appears twice (lines ${got.get(r.key)!.line} and ${r.line})` });
    else got.set(r.key, r);
    const exp = expectedByKey.get(r.key);
    if (!exp) {
      problems.push({ key: r.key, reason: `extra key: not an English message of ${lang}` });
      continue;
    }
    if (r.status !== '' && r.status !== 'draft' && r.status !== 'reviewed')
      problems.push({ key: r.key, reason: `unknown status "${r.status}" (draft or reviewed)` });
    const ns = r.key.slice(0, r.key.indexOf(':'));
    if (r.translation === '') {
      // An empty UI string would make `komek i18n check` fail: the interface has no English fallback per string.
      if (REQUIRED_NAMESPACES.includes(ns))
        problems.push({ key: r.key, reason: `empty: every message of "${ns}" must be translated` });
      continue;
    }
    if (r.translation.trim() === '')
      problems.push({ key: r.key, reason: 'only white space: leave the translation empty or write it' });
    const markup = markupIn(r.translation);
    if (markup) problems.push({ key: r.key, reason: markup });
    const control = controlCharacterIn(r.translation);
    if (control) problems.push({ key: r.key, reason: control });
    const glyphs = fonts().flatMap(({ file, font }) =>
      missingGlyphs(r.translation, font).map((ch) => `${describeChar(ch)} (${file})`),
    );
    if (glyphs.length)
      problems.push({
        key: r.key,
        reason: `characters the PDF fonts cannot print: ${[...new Set(glyphs)].join(', ')}`,
      });
    if (FORMULA_START.test(r.translation)) {
      warnings.push({
        key: r.key,
        reason: `starts with ${JSON.stringify(r.translation[0])}: a spreadsheet may take it for a formula; check it is the text meant (the export writes it with a leading ')`,
      });
    }
    const mismatch = placeholderMismatch(r.translation, exp.english);
    if (mismatch) problems.push({ key: r.key, reason: mismatch });
    if (r.english !== undefined && r.english !== exp.english)
      warnings.push({ key: r.key, reason: 'the English text has changed since the export: check the translation' });
    if (looksUntranslated(r.translation, exp.english))
      warnings.push({ key: r.key, reason: 'identical to the English text' });
    const script = lang === 'uz' ? uzbekScriptProblem(r.translation) : undefined;
    if (script) warnings.push({ key: r.key, reason: `${script} (komek i18n check will fail)` });
  }
  for (const e of expected)
    if (!got.has(e.key))
      problems.push({
        key: e.key,
        reason:
          'missing key: every message of the export must be in the file (leave the translation empty if there is none)',
      });
  if (problems.length) throw new ImportRefusedError(problems);

  const result: ImportResult = { written: [], unchanged: [], warnings };
  const outputs = new Map<string, string>();
  for (const ns of englishNamespaces(dir)) {
    const english = readLocaleFile('en', ns, dir)!;
    const current = readLocaleFile(lang, ns, dir);
    const meta: LocaleMeta = current?.$meta ?? { language: lang, namespace: ns, reviewedBy: [] };
    const file = { $meta: meta } as LocaleFile;
    let translated = 0;
    for (const m of expectedMessages(lang, english)) {
      const row = got.get(`${ns}:${m.key}`)!;
      if (row.translation === '') continue;
      const before = current?.[m.key] as LocaleEntry | undefined;
      file[m.key] = { ...before, text: row.translation, status: row.status === 'reviewed' ? 'reviewed' : 'draft' };
      translated++;
    }
    // A namespace nobody has started translating gets no file: the coverage table shows it as absent.
    if (!current && translated === 0) continue;
    outputs.set(localePath(lang, ns, dir), serializeLocaleFile(file));
  }
  const changes: { path: string; content: string; before: string | undefined }[] = [];
  for (const [path, content] of outputs) {
    const before = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (before === content) {
      result.unchanged.push(path);
      continue;
    }
    result.written.push(path);
    changes.push({ path, content, before });
  }
  if (options.write !== false) writeAllOrNothing(changes);
  return result;
}

/** The PDF fonts, loaded once: import checks every translation against them, as `komek i18n check` does. */
let pdfFonts: ReturnType<typeof loadPdfFonts> | undefined;
function fonts(): ReturnType<typeof loadPdfFonts> {
  return (pdfFonts ??= loadPdfFonts());
}

/**
 * Writes every changed locale file or none: each goes to a temporary file beside it first; only when all are written
 * are they renamed over the originals, and a rename that fails puts back the files already replaced.
 */
export function writeAllOrNothing(changes: { path: string; content: string; before: string | undefined }[]): void {
  const suffix = `.${randomBytes(4).toString('hex')}.tmp`;
  const temps: string[] = [];
  try {
    for (const c of changes) {
      mkdirSync(dirname(c.path), { recursive: true });
      writeFileSync(c.path + suffix, c.content, { flag: 'wx' });
      temps.push(c.path + suffix);
    }
  } catch (e) {
    for (const t of temps) unlinkSync(t);
    throw new ImportRefusedError([
      { reason: `cannot write the locale files (${(e as Error).message}); nothing was changed` },
    ]);
  }
  const done: typeof changes = [];
  try {
    for (const c of changes) {
      renameSync(c.path + suffix, c.path);
      done.push(c);
    }
  } catch (e) {
    for (const c of done) {
      if (c.before === undefined) unlinkSync(c.path);
      else writeFileSync(c.path, c.before);
    }
    for (const c of changes.slice(done.length)) {
      try {
        unlinkSync(c.path + suffix);
      } catch {
        // Not written.
      }
    }
    throw new ImportRefusedError([
      { reason: `cannot replace the locale files (${(e as Error).message}); nothing was changed` },
    ]);
  }
}
