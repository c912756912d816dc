/** A small RFC 4180 CSV writer and reader for translation exchange. */
import { KomekError } from '@komek/core';

/** A CSV syntax error with the 1-based line where it was found. */
export class CsvError extends KomekError {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super('KOMEK_FILE_FORMAT', `CSV line ${line}: ${reason}`);
    this.name = 'CsvError';
  }
}

function field(value: string, delimiter: string): string {
  // Quote what would otherwise split or be trimmed by a spreadsheet; double the quotes inside.
  return value === '' || !(value.includes(delimiter) || /["\r\n]/.test(value) || /^\s|\s$/.test(value))
    ? value
    : `"${value.replace(/"/g, '""')}"`;
}

/** Rows to CSV text: CRLF line ends as RFC 4180 says, fields quoted only where needed. */
export function writeCsv(rows: readonly (readonly string[])[], delimiter = ','): string {
  return rows.map((r) => r.map((v) => field(v, delimiter)).join(delimiter) + '\r\n').join('');
}

/**
 * Parses CSV text into rows. Accepts CRLF or LF line ends and quoted fields spanning lines; rejects a stray quote in
 * an unquoted field, text after a closing quote and an unterminated quoted field. A final line end is optional.
 */
export function readCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cur = '';
  let line = 1;
  let i = 0;
  let fieldStart = true;
  let quoted = false;
  let afterQuote = false;
  const endField = () => {
    row.push(cur);
    cur = '';
    fieldStart = true;
    quoted = false;
    afterQuote = false;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cur += '"';
          i += 2;
          continue;
        }
        quoted = false;
        afterQuote = true;
        i++;
        continue;
      }
      if (c === '\n') line++;
      cur += c;
      i++;
      continue;
    }
    if (c === delimiter) {
      endField();
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    if (afterQuote) throw new CsvError(line, `unexpected ${JSON.stringify(c)} after a closing quote`);
    if (c === '"') {
      if (!fieldStart)
        throw new CsvError(line, 'a quote inside an unquoted field (quote the whole field and double the quote)');
      quoted = true;
      fieldStart = false;
      i++;
      continue;
    }
    fieldStart = false;
    cur += c;
    i++;
  }
  if (quoted) throw new CsvError(line, 'a quoted field is not closed');
  if (!fieldStart || row.length > 0 || afterQuote) endRow();
  return rows;
}

/** Guesses the delimiter from the header line: spreadsheets in Russian locales save with `;`. */
export function detectDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r|\n|$/));
  return !header.includes(',') && header.includes(';')
    ? ';'
    : header.includes('\t') && !header.includes(',')
      ? '\t'
      : ',';
}
