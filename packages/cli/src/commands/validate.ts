import { createFormSession, UnknownFormError, type IssueLanguage } from '@komek/core';
import { catalog, formIds } from '@komek/forms';
import { isLanguage, issueLanguage, languages, loadMessages } from '@komek/i18n';
import { isFormId, loadForm } from '../loadForm.js';
import { CliError, exitCodes } from '../errors.js';
import { readJsonFile } from '../io.js';
import { parseOptions, unknownLanguageError, UsageError } from '../options.js';

/** One validation problem as the CLI prints it. */
export interface ValidationLine {
  pointer: string;
  label: string;
  message: string;
}

/**
 * Validates data against a form (hidden questions' answers left out, as on screen); returns the problems in form
 * order, worded in `language` (none when valid).
 */
export async function validateData(formId: string, data: unknown, language?: IssueLanguage): Promise<ValidationLine[]> {
  const session = createFormSession({ ...(await loadForm(formId)), data, languages: language ? [language] : [] });
  return session.issues.map((issue) => ({
    pointer: issue.pointer || '/',
    label: issue.label || issue.pointer,
    message: issue.text,
  }));
}

/** The usage of `komek validate`. */
export const VALIDATE_USAGE = 'usage: komek validate --form <form-id> [--lang ru] <data.json>';

/** `komek validate --form <id> <data.json>`. */
export async function validateCommand(args: string[]): Promise<number> {
  const { options, positional } = parseOptions(args, { form: 'string', lang: 'string' });
  const form = options.form;
  const file = positional[0];
  if (typeof form !== 'string' || !file) throw new UsageError(VALIDATE_USAGE);
  if (positional.length > 1) throw new UsageError(`validate takes one data file, not ${positional.length}`);
  // The command line is checked before the file is read: a wrong form is a usage error whatever the file holds.
  if (!isFormId(form)) throw new UnknownFormError(form, formIds);
  const lang = typeof options.lang === 'string' ? options.lang : 'en';
  if (!isLanguage(lang))
    throw unknownLanguageError(
      lang,
      languages.map((l) => l.code),
    );
  const data = readJsonFile(file);
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new CliError(
      'KOMEK_INVALID_ARGUMENT',
      `invalid data in ${file} for form ${form}: the file holds ${data === null ? 'null' : Array.isArray(data) ? 'a list' : `a ${typeof data}`}, not a JSON object { … } with the answers`,
      exitCodes.invalid,
    );
  const entry = catalog.find((c) => c.id === form);
  // An unknown form is reported by validateData; a broken locale file must not pass silently as English.
  await loadMessages(lang, entry?.namespaces ?? []);
  const problems = await validateData(form, data, issueLanguage(lang));
  if (problems.length === 0) {
    console.log('valid');
    return 0;
  }
  console.log(`invalid: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${file}`);
  // Localized messages already name the field; print the label only where the message does not.
  for (const p of problems)
    console.log(`  ${p.pointer}  ${p.message.includes(p.label) ? p.message : `${p.label}: ${p.message}`}`);
  return 1;
}
