import { createPaperForm, mergePaperForms } from '@komek/pdf';
import type { Language } from '@komek/i18n';
import type { Submission } from './store/submissions.js';

export type PdfMode = 'filled' | 'final';

/** A submission as a filled (fillable) or final (flattened) PDF in one or two languages. */
export function submissionPdf(
  s: Pick<Submission, 'formId' | 'data'>,
  languages: readonly Language[],
  mode: PdfMode,
): Promise<Uint8Array> {
  // Stored answers passed validation when stored; a form whose schema changed since prints with a notice.
  return createPaperForm(s.formId, { languages, data: s.data, mode, allowInvalid: true });
}

/** A case's forms as one PDF, in the order they were submitted. */
export async function casePacket(
  submissions: readonly Pick<Submission, 'formId' | 'data'>[],
  languages: readonly Language[],
  mode: PdfMode,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for (const s of submissions) parts.push(await submissionPdf(s, languages, mode));
  return parts.length === 1 ? parts[0]! : mergePaperForms(parts);
}

/** A file name without personal data: form id and submission id. */
export function pdfName(formId: string, id: string, mode: PdfMode): string {
  return `${formId}-${id.slice(0, 8)}-${mode}.pdf`;
}
