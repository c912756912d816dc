import type { PDFDocument } from 'pdf-lib';
import { NotAPaperFormError } from './errors.js';

/** The first keyword of every paper form and pack: `komek form=<id> …` or `komek pack=<n> form1=<id> …`. */
export const KEYWORD_PREFIX = 'komek';

/** What the keywords say about one form: which form, its schema version, languages and mode. */
export interface FormKeywords {
  formId: string;
  version: string;
  languages: string[];
  mode: string;
  /** Printed with data that failed validation (`allowInvalid`). */
  invalid: boolean;
}

/**
 * The keywords of one form: `form=<id> version=<v> languages=<a,b> mode=<m>` and `invalid` when so. In a pack each
 * form's keywords carry its number: `form2=<id> version2=<v> …`, the number of its parent field `form2`.
 */
export function formKeywords(form: FormKeywords, part?: number): string[] {
  const n = part === undefined ? '' : String(part);
  return [
    `form${n}=${form.formId}`,
    `version${n}=${form.version}`,
    `languages${n}=${form.languages.join(',')}`,
    `mode${n}=${form.mode}`,
    ...(form.invalid ? [`invalid${n}`] : []),
  ];
}

/** The forms a document's keywords describe: one for a paper form, each form in order for a pack. */
export function readKeywords(doc: PDFDocument): { pack: boolean; forms: FormKeywords[] } {
  const words = (doc.getKeywords() ?? '').split(/\s+/).filter(Boolean);
  if (!words.includes(KEYWORD_PREFIX)) throw new NotAPaperFormError('its keywords do not name a Komek form (was it made by @komek/pdf?)');
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (const w of words) {
    const i = w.indexOf('=');
    if (i > 0) values.set(w.slice(0, i), w.slice(i + 1));
    else flags.add(w);
  }
  const form = (n: string): FormKeywords => ({
    formId: values.get(`form${n}`) ?? '',
    version: values.get(`version${n}`) ?? '',
    languages: (values.get(`languages${n}`) ?? '').split(',').filter(Boolean),
    mode: values.get(`mode${n}`) ?? '',
    invalid: flags.has(`invalid${n}`),
  });
  const pack = values.get('pack');
  if (pack === undefined) return { pack: false, forms: [form('')] };
  const count = Number(pack);
  if (!/^\d+$/.test(pack) || count < 1) throw new NotAPaperFormError(`its keywords name a pack of "${pack}" forms`);
  return { pack: true, forms: Array.from({ length: count }, (_, i) => form(String(i + 1))) };
}
