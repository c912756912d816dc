import ExcelJS from 'exceljs';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { loadFonts } from '@komek/pdf';
import type { Language } from '@komek/i18n';
import { csvField } from '../exporter.js';
import { reportWords } from './indicators.js';
import type { IndicatorReport } from './query.js';
import { worded } from './query.js';

/**
 * The files of a report: CSV and XLSX of the protected figures (one line per figure, then the totals) and a
 * bilingual PDF with a bar chart drawn as vector paths beside each table. Only `IndicatorReport`s — figures that
 * went through disclosure control — reach this module.
 */

/** One line per shown figure: indicator, period, row, column, figure ("<5" and "x" as they are shown). */
export function reportCsv(reports: readonly IndicatorReport[]): string {
  const lines = [['indicator', 'title', 'from', 'to', 'row key', 'row', 'column key', 'column', 'figure']];
  for (const r of reports) {
    const base = [r.indicator, r.title, r.period.from, r.period.to];
    r.rows.forEach((row, i) => {
      r.columns.forEach((col, j) =>
        lines.push([...base, row.key, row.label, col.key, col.label, r.cells[i]![j]!.text]),
      );
      lines.push([...base, row.key, row.label, 'total', 'total', r.rowTotals[i]!.text]);
    });
    r.columnTotals?.forEach((t, j) =>
      lines.push([...base, 'total', 'total', r.columns[j]!.key, r.columns[j]!.label, t.text]),
    );
    if (r.total) lines.push([...base, 'total', 'total', 'total', 'total', r.total.text]);
  }
  const rule = reports[0]?.rule;
  return `\ufeff${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n${rule ? `${csvField(rule)}\r\n` : ''}`;
}

/** A workbook: one sheet per indicator as the table reads (rows × columns with totals), the rule beneath. */
export async function reportXlsx(reports: readonly IndicatorReport[], langs: readonly Language[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const total = worded(reportWords.total, langs);
  for (const r of reports) {
    const sheet = workbook.addWorksheet(r.indicator.slice(0, 31));
    // Every label goes in as text; a label that looks like a formula is neutralised as in the CSV.
    const text = (v: string) => csvSafe(v);
    sheet.addRow([text(r.title)]).font = { bold: true };
    sheet.addRow([`${worded(reportWords.period, langs)}: ${r.period.from} – ${r.period.to}`]);
    const head = sheet.addRow(['', ...r.columns.map((c) => text(c.label)), total]);
    head.font = { bold: true };
    r.rows.forEach((row, i) => sheet.addRow([text(row.label), ...r.cells[i]!.map(figure), figure(r.rowTotals[i]!)]));
    if (r.columnTotals)
      sheet.addRow([total, ...r.columnTotals.map(figure), r.total ? figure(r.total) : '']).font = { bold: true };
    sheet.addRow([]);
    sheet.addRow([r.rule]);
    sheet.getColumn(1).width = 48;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const figure = (c: { value: number | null; text: string }) => c.value ?? c.text;
const csvSafe = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const BAR = rgb(0.16, 0.38, 0.62);
const GREY = rgb(0.45, 0.45, 0.45);

/** Lines of `text` no wider than `width` at `size`. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) > width && line) {
        out.push(line);
        line = word;
      } else line = next;
    }
    out.push(line);
  }
  return out;
}

/** Text cut to a width, with an ellipsis (the cut found by bisection: measuring text is the costly part). */
function fit(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let lo = 1;
  let hi = text.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (font.widthOfTextAtSize(`${text.slice(0, mid)}…`, size) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}

/**
 * The report as a PDF in one or two languages: a title page with the period, the filters and the disclosure rule;
 * then each indicator with a horizontal bar chart of its row totals (vector rectangles) and its table.
 */
export async function reportPdf(
  reports: readonly IndicatorReport[],
  langs: readonly Language[],
  o: { from: string; to: string; filters: string },
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const fonts = await loadFonts();
  // DejaVu subsets are sound (see ENVIRONMENT.md: the fontkit subset bug hits Noto, not DejaVu).
  const regular = await doc.embedFont(fonts.regular, { subset: true });
  const bold = await doc.embedFont(fonts.bold, { subset: true });
  const title = worded(reportWords.report, langs);
  doc.setTitle(title);
  doc.setLanguage(langs[0]!);
  doc.setCreator('Komek');
  doc.setProducer('Komek (pdf-lib)');
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  const width = A4.width - 2 * MARGIN;

  let page: PDFPage = doc.addPage([A4.width, A4.height]);
  let y = A4.height - MARGIN;
  const newPage = () => {
    page = doc.addPage([A4.width, A4.height]);
    y = A4.height - MARGIN;
  };
  const ensure = (h: number) => {
    if (y - h < MARGIN) newPage();
  };
  const write = (text: string, font: PDFFont, size: number, color = rgb(0, 0, 0), indent = 0) => {
    for (const line of wrap(text, font, size, width - indent)) {
      ensure(size * 1.4);
      page.drawText(line, { x: MARGIN + indent, y: y - size, size, font, color });
      y -= size * 1.4;
    }
  };

  write(title, bold, 16);
  y -= 6;
  write(`${worded(reportWords.period, langs)}: ${o.from} – ${o.to}`, bold, 11);
  if (o.filters) write(o.filters, regular, 10);
  y -= 6;
  write(reports[0]?.rule ?? '', regular, 9, GREY);

  for (const r of reports) {
    y -= 14;
    // The chart and its table on one page when they fit on one.
    const height = 60 + 26 * r.rows.length + 40;
    ensure(Math.min(height, A4.height - 2 * MARGIN));
    write(r.title, bold, 12);
    write(r.description, regular, 8.5, GREY);
    y -= 4;
    // The chart: one bar per row, its length the row's rounded total; withheld totals drawn as a hatched stub.
    const labelWidth = 170;
    const barArea = width - labelWidth - 40;
    const max = Math.max(1, ...r.rowTotals.map((t) => t.value ?? 0));
    for (let i = 0; i < r.rows.length; i++) {
      ensure(14);
      const t = r.rowTotals[i]!;
      page.drawText(fit(r.rows[i]!.label, regular, 8, labelWidth - 6), {
        x: MARGIN,
        y: y - 9,
        size: 8,
        font: regular,
      });
      const w = t.value === null ? 0 : (t.value / max) * barArea;
      if (w > 0) page.drawRectangle({ x: MARGIN + labelWidth, y: y - 11, width: w, height: 10, color: BAR });
      else
        page.drawRectangle({
          x: MARGIN + labelWidth,
          y: y - 11,
          width: 6,
          height: 10,
          borderColor: GREY,
          borderWidth: 0.6,
        });
      page.drawText(t.text, { x: MARGIN + labelWidth + Math.max(w, 6) + 4, y: y - 9, size: 8, font: bold });
      y -= 14;
    }
    page.drawLine({
      start: { x: MARGIN + labelWidth, y: y + 2 },
      end: { x: MARGIN + labelWidth, y: y + 2 + 14 * r.rows.length },
      thickness: 0.6,
      color: GREY,
    });
    y -= 8;
    // The table: rows × columns with totals.
    const total = worded(reportWords.total, langs);
    const cols = [...r.columns.map((c) => c.label), total];
    const first = 170;
    const colWidth = Math.min(80, (width - first) / cols.length);
    const header = (c: string, x: number) => {
      const lines = wrap(c, bold, 7, colWidth - 4).slice(0, 3);
      lines.forEach((l, k) =>
        page.drawText(fit(l, bold, 7, colWidth - 4), { x, y: y - 8 - k * 8, size: 7, font: bold }),
      );
      return lines.length;
    };
    ensure(40);
    const headLines = Math.max(...cols.map((c, j) => header(c, MARGIN + first + j * colWidth)));
    y -= headLines * 8 + 4;
    const rowLine = (label: string, cells: string[], font: PDFFont) => {
      ensure(12);
      page.drawText(fit(label, font, 8, first - 6), { x: MARGIN, y: y - 9, size: 8, font });
      cells.forEach((c, j) => {
        const x = MARGIN + first + (j + 1) * colWidth - 8 - font.widthOfTextAtSize(c, 8);
        page.drawText(c, { x, y: y - 9, size: 8, font });
      });
      page.drawLine({
        start: { x: MARGIN, y: y - 12 },
        end: { x: MARGIN + first + cols.length * colWidth, y: y - 12 },
        thickness: 0.3,
        color: GREY,
      });
      y -= 12;
    };
    r.rows.forEach((row, i) => rowLine(row.label, [...r.cells[i]!.map((c) => c.text), r.rowTotals[i]!.text], regular));
    if (r.columnTotals) rowLine(total, [...r.columnTotals.map((c) => c.text), r.total?.text ?? ''], bold);
  }
  const pages = doc.getPages();
  pages.forEach((p, i) =>
    p.drawText(`${i + 1} / ${pages.length}`, { x: A4.width - MARGIN - 30, y: 24, size: 8, font: regular, color: GREY }),
  );
  return doc.save();
}
