import type * as PdfModule from '@komek/pdf';
import type { FormId } from '@komek/forms';
import type { Language } from '@komek/i18n';

/** What a paper form is made for: blank to fill by hand, filled as a draft, final from valid data. */
export type PaperMode = 'blank' | 'filled' | 'final';

let pdf: Promise<typeof PdfModule> | undefined;

/** @komek/pdf (pdf-lib and the DejaVu fonts), loaded the first time a PDF is asked for. */
export function loadPdf(): Promise<typeof PdfModule> {
  pdf ??= import('@komek/pdf');
  pdf.catch(() => (pdf = undefined));
  return pdf;
}

/**
 * One paper form in one or two languages. A filled form is a draft and may be incomplete: the PDF then says on its
 * first page that the data is not valid. A final form needs valid data (else @komek/pdf throws
 * `InvalidFormDataError` with every problem).
 */
export async function paperForm(
  id: FormId,
  languages: readonly Language[],
  mode: PaperMode,
  data?: unknown,
): Promise<Uint8Array> {
  const { createPaperForm } = await loadPdf();
  if (mode === 'blank') return createPaperForm(id, { languages, mode });
  return createPaperForm(id, { languages, mode, data, allowInvalid: mode === 'filled' });
}

/** The file name of a paper form: id, mode and languages, e.g. `kz-f1-initial-application.final.kk-ru.pdf`. */
export function paperFileName(id: string, mode: PaperMode, languages: readonly string[]): string {
  return `${id}.${mode}.${languages.join('-')}.pdf`;
}
