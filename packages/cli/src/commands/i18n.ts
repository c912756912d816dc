import { relative } from 'node:path';
import { isLanguage, languages, type Language } from '@komek/i18n';
import {
  checkLocales,
  exportLanguage,
  formatCoverage,
  formatProblems,
  importLanguage,
  ImportRefusedError,
  readTermBase,
  termBaseProblems,
  toTbx,
} from '@komek/i18n/node';
import { readInput, writeOutput } from '../io.js';
import { parseOptions, UsageError } from '../options.js';

/** The usage of `komek i18n`. */
export const I18N_USAGE = `usage:
  komek i18n export --lang <lang> [--format csv|xliff] [--out file]   every message of a language, for translators
  komek i18n export --format tbx [--lang <lang>] [--out file]        the term base (all languages, or English + one)
  komek i18n import --lang <lang> [--dry-run] <file.csv|file.xlf>     write translations back into locales/<lang>
  komek i18n check                                                   coverage table; exit 1 if a check fails
languages: ${languages.map((l) => l.code).join(', ')} (en is the source)`;

function translatedLanguage(value: string | boolean | undefined): Language {
  if (typeof value !== 'string') throw new UsageError(`--lang is required\n${I18N_USAGE}`);
  if (!isLanguage(value))
    throw new UsageError(`unknown language "${value}" (${languages.map((l) => l.code).join(', ')})`);
  if (value === 'en')
    throw new UsageError(
      'English is the source language: export and import work on a translation (ru, kk, ky, tg, uz)',
    );
  return value;
}

const shown = (path: string) => relative(process.cwd(), path) || path;

function exportCommand(args: string[]): number {
  const { options, positional } = parseOptions(args, { lang: 'string', format: 'string', out: 'string' });
  if (positional.length) throw new UsageError(`unexpected argument "${positional[0]}"\n${I18N_USAGE}`);
  const out = typeof options.out === 'string' ? options.out : undefined;
  const format = (options.format ??
    (out && /\.(xlf|xliff)$/i.test(out) ? 'xliff' : out && /\.tbx$/i.test(out) ? 'tbx' : 'csv')) as string;
  if (format !== 'csv' && format !== 'xliff' && format !== 'tbx')
    throw new UsageError(`--format must be csv or xliff (or tbx for the term base), not "${format}"`);
  const lang = format === 'tbx' && options.lang === undefined ? undefined : translatedLanguage(options.lang);
  const text = format === 'tbx' ? termBaseTbx(lang) : exportLanguage(lang!, format);
  if (out) {
    writeOutput(out, text);
    process.stderr.write(`wrote ${out} (${format}, ${lang ?? 'all languages'})\n`);
  } else process.stdout.write(text);
  return 0;
}

/** The term base as TBX; refuses a term base that `komek i18n check` would reject. */
function termBaseTbx(lang: Language | undefined): string {
  const base = readTermBase();
  const translated = languages.map((l) => l.code).filter((l) => l !== 'en');
  const wrong = termBaseProblems(base, translated);
  if (wrong.length) throw new UsageError(`the term base has problems (run komek i18n check):\n  ${wrong.join('\n  ')}`);
  return toTbx(base, lang ? [lang] : translated);
}

function importCommand(args: string[]): number {
  const { options, positional } = parseOptions(args, { lang: 'string', 'dry-run': 'boolean' });
  const lang = translatedLanguage(options.lang);
  if (positional.length !== 1) throw new UsageError(`import takes one file\n${I18N_USAGE}`);
  const file = positional[0]!;
  const bytes = readInput(file);
  try {
    const result = importLanguage(lang, file, bytes, { write: !options['dry-run'] });
    for (const w of result.warnings) process.stderr.write(`warning: ${w.key ? `${w.key}: ` : ''}${w.reason}\n`);
    const verb = options['dry-run'] ? 'would write' : 'wrote';
    for (const p of result.written) process.stdout.write(`${verb} ${shown(p)}\n`);
    process.stdout.write(
      `${result.written.length} file(s) ${options['dry-run'] ? 'to change' : 'changed'}, ${result.unchanged.length} unchanged\n`,
    );
    return 0;
  } catch (e) {
    if (!(e instanceof ImportRefusedError)) throw e;
    for (const p of e.problems) process.stderr.write(`  ${p.key ? `${p.key}: ` : ''}${p.reason}\n`);
    const n = e.problems.length;
    process.stderr.write(
      `komek i18n import: refused ${file}: ${n} problem${n === 1 ? '' : 's'}, listed above; nothing written\n`,
    );
    return 1;
  }
}

function checkCommand(args: string[]): number {
  const { positional } = parseOptions(args, {});
  if (positional.length) throw new UsageError(`unexpected argument "${positional[0]}"\n${I18N_USAGE}`);
  const report = checkLocales();
  process.stdout.write(
    'Translated / total messages per namespace (r<n>: reviewed by a native speaker; —: no file yet)\n\n',
  );
  process.stdout.write(formatCoverage(report.coverage));
  if (report.problems.length === 0) {
    process.stdout.write('\nall checks passed\n');
    return 0;
  }
  process.stdout.write(`\n${report.problems.length} problem(s):\n`);
  process.stdout.write(formatProblems(report.problems));
  return 1;
}

/** `komek i18n export|import|check`: the translators' round trip and the locale checks. Returns the exit code. */
export async function i18nCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'export':
      return exportCommand(rest);
    case 'import':
      return importCommand(rest);
    case 'check':
      return checkCommand(rest);
    case undefined:
    case '--help':
    case 'help':
      process.stdout.write(I18N_USAGE + '\n');
      return sub === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown i18n command "${sub}"\n${I18N_USAGE}`);
  }
}
