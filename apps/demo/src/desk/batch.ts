import type { FormId } from '@komek/forms';
import type { Language } from '@komek/i18n';
import { entryOf, validateData } from '../shared/forms.js';
import { paperFileName, paperForm } from '../shared/paper.js';
import { uiTexts, type UiKey } from '../shared/texts.js';
import type { RecordError } from './protocol.js';

/** The demo's texts in the language of the messages. */
type Say = (key: UiKey, params?: Record<string, unknown>) => string;

/** One line of a JSON Lines export: `{ "form": "<form id>", "data": {…} }`. */
export interface ExportRecord {
  /** 1-based line number in the file. */
  line: number;
  form: FormId;
  data: Record<string, unknown>;
}

/** The records of an export and the lines that are not records at all. Blank lines are skipped. */
export function parseExport(text: string, t: Say): { records: ExportRecord[]; errors: RecordError[] } {
  const records: ExportRecord[] = [];
  const errors: RecordError[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      errors.push({
        line,
        form: '',
        field: '',
        pointer: '',
        message: t('demo.desk.badJson', { reason: (e as Error).message }),
      });
      return;
    }
    const record = value as { form?: unknown; data?: unknown };
    if (
      record === null ||
      typeof record !== 'object' ||
      typeof record.form !== 'string' ||
      record.data === null ||
      typeof record.data !== 'object' ||
      Array.isArray(record.data)
    ) {
      errors.push({
        line,
        form: typeof record?.form === 'string' ? record.form : '',
        field: '',
        pointer: '',
        message: t('demo.desk.badRecord'),
      });
      return;
    }
    const entry = entryOf(record.form);
    if (!entry) {
      errors.push({
        line,
        form: record.form,
        field: '',
        pointer: '',
        message: t('demo.desk.unknownForm', { form: record.form }),
      });
      return;
    }
    records.push({ line, form: entry.id, data: record.data as Record<string, unknown> });
  });
  return { records, errors };
}

/** What a batch reports while it runs: records handled so far of all, and the records not printed as found. */
export interface BatchReports {
  progress(done: number, total: number): void;
  errors(errors: RecordError[]): void;
}

/** The result of a batch: the PDFs by file name, and every problem. */
export interface BatchResult {
  files: Record<string, Uint8Array>;
  errors: RecordError[];
  total: number;
}

/**
 * Makes a final PDF of every valid record of an export. A record that fails validation or printing is reported
 * with its line and goes no further; the others go on. Messages are in the interface language `messagesIn`. Runs in
 * the print desk's worker: nothing here paces itself for a page, and nothing is logged (the records are case data).
 */
export async function printExport(
  text: string,
  languages: readonly Language[],
  messagesIn: Language,
  report: BatchReports,
): Promise<BatchResult> {
  const t = await uiTexts(messagesIn);
  const { records, errors } = parseExport(text, t);
  const total = records.length + errors.length;
  let done = errors.length;
  const files: Record<string, Uint8Array> = {};
  if (errors.length > 0) report.errors(errors.slice());
  report.progress(done, total);
  for (const record of records) {
    const found: RecordError[] = [];
    try {
      const problems = await validateData(record.form, record.data, messagesIn);
      if (problems.length > 0) {
        for (const p of problems) {
          found.push({ line: record.line, form: record.form, field: p.label, pointer: p.pointer, message: p.message });
        }
      } else {
        const bytes = await paperForm(record.form, languages, 'final', record.data);
        files[`line-${String(record.line).padStart(4, '0')}.${paperFileName(record.form, 'final', languages)}`] = bytes;
      }
    } catch (e) {
      found.push({
        line: record.line,
        form: record.form,
        field: '',
        pointer: '',
        message: t('demo.desk.pdfFailed', { reason: (e as Error).message }),
      });
    }
    if (found.length > 0) {
      errors.push(...found);
      report.errors(found);
    }
    report.progress(++done, total);
  }
  errors.sort((a, b) => a.line - b.line);
  return { files, errors, total };
}

/** The errors as CSV (line, form, field, pointer, message), for the zip. */
export function errorsCsv(errors: readonly RecordError[]): string {
  const cell = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;
  const rows = [
    ['line', 'form', 'field', 'pointer', 'message'],
    ...errors.map((e) => [e.line, e.form, e.field, e.pointer, e.message]),
  ];
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
