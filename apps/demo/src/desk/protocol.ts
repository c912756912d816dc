import type { FormId } from '@komek/forms';
import type { Language } from '@komek/i18n';

/** Why a line of the export was not printed. `field` is empty when the problem is the line itself. */
export interface RecordError {
  line: number;
  form: string;
  /** The field's label in the interface language, and its JSON pointer. */
  field: string;
  pointer: string;
  message: string;
}

/**
 * What the print desk asks its worker to make: a pack of blank forms (one merged PDF or a zip), or the final PDFs of
 * a JSON Lines export (a zip, with `errors.csv` when records fail). `job` numbers the request; replies carry it.
 */
export type DeskRequest =
  | { job: number; kind: 'pack'; forms: FormId[]; languages: Language[]; format: 'merged' | 'zip' }
  | { job: number; kind: 'finals'; file: Blob; languages: Language[]; messagesIn: Language };

/**
 * What the worker answers: progress, the records not printed as they are found, then the file or why it failed.
 * A failure of the worker itself (no job to blame) has `job: 0` and fails every job.
 */
export type DeskReply =
  | { job: number; kind: 'progress'; done: number; total: number }
  | { job: number; kind: 'recordErrors'; errors: RecordError[] }
  | { job: number; kind: 'done'; bytes: Uint8Array; pdfs: number; total: number }
  | { job: number; kind: 'failed'; message: string };
