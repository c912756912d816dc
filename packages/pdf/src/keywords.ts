import { PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';
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
  const words = keywordsOf(doc).split(/\s+/).filter(Boolean);
  if (!words.includes(KEYWORD_PREFIX))
    throw new NotAPaperFormError('its keywords do not name a Komek form (was it made by @komek/pdf?)');
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
  // The count is bounded by what the keywords hold: one `form<n>=` each. A forged number must not allocate.
  const named = [...values.keys()].filter((k) => /^form\d+$/.test(k)).length;
  if (!/^\d{1,6}$/.test(pack) || count < 1 || count > named) {
    throw new NotAPaperFormError(`its keywords name a pack of "${pack.slice(0, 20)}" forms but describe ${named}`);
  }
  return { pack: true, forms: Array.from({ length: count }, (_, i) => form(String(i + 1))) };
}

/**
 * The document's keywords. pdf-lib finds the information dictionary through the trailer it read last, which in a
 * file linearized with cross-reference streams (`qpdf --linearize`) is not the one that names it; then the
 * information dictionary is looked for among the objects: the one whose keywords start with `komek`.
 */
function keywordsOf(doc: PDFDocument): string {
  let keywords: string | undefined;
  try {
    keywords = doc.getKeywords();
  } catch {
    keywords = undefined;
  }
  if (keywords !== undefined) return keywords;
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict)) continue;
    const value = object.get(PDFName.of('Keywords'));
    if (!(value instanceof PDFString) && !(value instanceof PDFHexString)) continue;
    const text = value.decodeText();
    if (text === KEYWORD_PREFIX || text.startsWith(`${KEYWORD_PREFIX} `)) return text;
  }
  return '';
}
