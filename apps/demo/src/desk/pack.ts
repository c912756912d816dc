import type { FormId } from '@komek/forms';
import type { Language } from '@komek/i18n';
import { zipSync } from 'fflate';
import { loadPdf, paperFileName, paperForm } from '../shared/paper.js';

/** A ZIP without recompression: PDFs are compressed already. */
export const zip = (files: Record<string, Uint8Array>): Uint8Array => zipSync(files, { level: 0 });

/**
 * The blank forms, in the order given, as one fillable PDF (`mergePaperForms` of @komek/pdf: each form's fields
 * under their own parent field) or as a zip of PDFs. `progress` is called after each form.
 */
export async function blankPack(
  forms: readonly FormId[],
  languages: readonly Language[],
  format: 'merged' | 'zip',
  progress: (done: number, total: number) => void,
): Promise<Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const [i, id] of forms.entries()) {
    files[paperFileName(id, 'blank', languages)] = await paperForm(id, languages, 'blank');
    progress(i + 1, forms.length);
  }
  return format === 'merged' ? (await loadPdf()).mergePaperForms(Object.values(files)) : zip(files);
}
