import type { Language } from '@komek/i18n';
import { pdfName, submissionPdf, type PdfMode } from '../pdfs.js';
import { getSubmission } from '../store/submissions.js';
import type { JobHandler } from './queue.js';

/** What each kind of job does. */
export const jobHandlers: Record<string, JobHandler> = {
  /** One submission as a PDF. */
  pdf: async (payload, database, keys) => {
    const { submissionId, languages, mode } = payload as { submissionId: string; languages: Language[]; mode: PdfMode };
    const s = await getSubmission(database.db, keys, submissionId);
    if (!s) throw new Error(`submission ${submissionId} is gone`);
    return {
      name: pdfName(s.formId, s.id, mode),
      contentType: 'application/pdf',
      content: await submissionPdf(s, languages, mode),
    };
  },
};
