import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { childrenOf, getAtPointer, optionsOf, translate, type FormNode, type Translator } from '@komek/core';
import type { Language } from '@komek/i18n';
import type { LoadedForm } from './forms.js';
import { ensureMessages, translatorFor } from './i18n.js';
import type { Submission } from './store/submissions.js';

/** One column of a table export: where its value is, its heading, and whether it is a choice's label. */
interface Column {
  pointer: string;
  heading: string;
  node: FormNode;
  labels: boolean;
}

const META = ['submission', 'case', 'revision', 'schema version', 'created', 'updated'] as const;

/** Nodes whose answer is a table of rows: exported as one column of JSON text. */
const TABLES = new Set(['repeat', 'needsTable', 'planTable', 'indicators']);

/**
 * The columns of a form: every answer outside tables in form order, tables as one column each; a choice's code and,
 * beside it, its label. Headings in one or two languages with the data pointer, so that equal labels in two
 * sections stay apart.
 */
export function exportColumns(form: LoadedForm, translators: readonly Translator[]): Column[] {
  const columns: Column[] = [];
  const heading = (n: FormNode, suffix = '') =>
    `${translators.map((t) => translate(t, n.labelKey, n.englishLabel)).join(' / ')}${suffix} (${n.pointer})`;
  const visit = (n: FormNode) => {
    if (
      n.pointer !== '' &&
      (TABLES.has(n.kind) || n.kind === 'field' || n.kind === 'checklist' || n.kind === 'signature')
    ) {
      columns.push({ pointer: n.pointer, heading: heading(n), node: n, labels: false });
      if (optionsOf(n)?.length)
        columns.push({ pointer: n.pointer, heading: heading(n, ' — label'), node: n, labels: true });
      if (TABLES.has(n.kind) || n.kind === 'field' || n.kind === 'signature') return;
    }
    for (const c of childrenOf(n)) visit(c);
  };
  visit(form.model.root);
  return columns;
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function choiceLabel(node: FormNode, value: unknown, translators: readonly Translator[]): string {
  const one = (v: unknown) => {
    const o = optionsOf(node)?.find((x) => x.value === v);
    return o ? translators.map((t) => translate(t, o.labelKey, o.englishLabel)).join(' / ') : cell(v);
  };
  if (value === undefined || value === null) return '';
  return Array.isArray(value) ? value.map(one).join('; ') : one(value);
}

function row(s: Submission, columns: readonly Column[], translators: readonly Translator[]): string[] {
  const meta = [s.id, s.caseId, String(s.revision), s.schemaVersion, s.createdAt, s.updatedAt];
  return [
    ...meta,
    ...columns.map((c) => {
      const v = getAtPointer(s.data, c.pointer);
      return c.labels ? choiceLabel(c.node, v, translators) : cell(v);
    }),
  ];
}

/** A CSV field: quoted when needed; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula. */
export function csvField(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export type ExportFormat = 'jsonl' | 'csv' | 'xlsx';

export const exportTypes: Record<ExportFormat, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A form's submissions as a stream in a format; rows are read from the database a page at a time. */
export async function exportStream(
  form: LoadedForm,
  rows: AsyncIterable<Submission>,
  format: ExportFormat,
  langs: readonly Language[],
): Promise<Readable> {
  if (format === 'jsonl') {
    return Readable.from(
      (async function* () {
        for await (const s of rows) {
          const { createdBy: _by, ...rest } = s;
          yield `${JSON.stringify(rest)}\n`;
        }
      })(),
    );
  }
  await Promise.all(langs.map((l) => ensureMessages(l, [form.entry.id])));
  const translators = langs.map((l) => translatorFor(l));
  const columns = exportColumns(form, translators);
  const header = [...META, ...columns.map((c) => c.heading)];
  if (format === 'csv') {
    return Readable.from(
      (async function* () {
        yield `\ufeff${header.map(csvField).join(',')}\r\n`;
        for await (const s of rows) yield `${row(s, columns, translators).map(csvField).join(',')}\r\n`;
      })(),
    );
  }
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(form.entry.id.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  void (async () => {
    try {
      const head = sheet.addRow(header);
      head.font = { bold: true };
      head.commit();
      for await (const s of rows) sheet.addRow(row(s, columns, translators)).commit();
      sheet.commit();
      await workbook.commit();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  return out;
}
