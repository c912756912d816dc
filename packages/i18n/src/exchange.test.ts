import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Language } from './languages.js';
import {
  LOCALES_DIR,
  decodeText,
  escapeXml,
  exportLanguage,
  exportRows,
  importLanguage,
  ImportRefusedError,
  parseXml,
  readCsv,
  toCsv,
  writeCsv,
  type ExchangeRow,
} from './node/index.js';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the real locale tree to import into. */
function copyLocales(): string {
  const dir = mkdtempSync(join(tmpdir(), 'komek-exchange-'));
  temps.push(dir);
  cpSync(LOCALES_DIR, dir, { recursive: true });
  return dir;
}

/** Every file of a tree with its bytes. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const lang of readdirSync(dir))
    for (const f of readdirSync(join(dir, lang))) out.set(`${lang}/${f}`, readFileSync(join(dir, lang, f), 'latin1'));
  return out;
}

const encode = (s: string) => new TextEncoder().encode(s);
const langs: Language[] = ['ru', 'kk', 'ky', 'tg', 'uz'];

describe('CSV', () => {
  it('writes RFC 4180 and reads it back, quotes, commas, line breaks and spaces included', () => {
    const rows = [
      ['key', 'text'],
      ['a', 'plain'],
      ['b', 'with, comma'],
      ['c', 'say "hi"'],
      ['d', 'two\nlines'],
      ['e', ' and '],
      ['f', ''],
      ['g', 'crlf\r\ninside'],
    ];
    const csv = writeCsv(rows);
    expect(csv.split('\r\n')[2]).toBe('b,"with, comma"');
    expect(csv).toContain('c,"say ""hi"""\r\n');
    expect(csv).toContain('e," and "\r\n');
    expect(readCsv(csv)).toEqual(rows);
    expect(readCsv(csv.replace(/\r\n(?=[a-z],|$)/g, '\n'))).toEqual(rows);
    expect(readCsv('a;b\n"x;y";z', ';')).toEqual([
      ['a', 'b'],
      ['x;y', 'z'],
    ]);
    expect(readCsv('a,b')).toEqual([['a', 'b']]);
  });

  it('rejects malformed quoting with the line', () => {
    expect(() => readCsv('a,b\nc,"open')).toThrow(/line 2: a quoted field is not closed/);
    expect(() => readCsv('a,b\nc,d"e')).toThrow(/line 2: a quote inside an unquoted field/);
    expect(() => readCsv('a,"b"c')).toThrow(/line 1: unexpected "c" after a closing quote/);
  });
});

describe('XML', () => {
  it('escapes and reads back text and attributes', () => {
    const text = 'a < b & "c" > d\r\n\ttab ʻ ё';
    const doc = `<?xml version="1.0" encoding="UTF-8"?>\n<r a="${escapeXml(text, true)}"><t>${escapeXml(text)}</t><e/><!-- c --><![CDATA[<x>]]></r>`;
    const root = parseXml(doc);
    expect(root.attrs.a).toBe(text);
    expect((root.children[0] as { children: string[] }).children[0]).toBe(text);
    expect(root.children[2]).toBe('<x>');
  });

  it('refuses what a translation file must not have', () => {
    expect(() => parseXml('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>')).toThrow(
      /DOCTYPE is not allowed/,
    );
    expect(() => parseXml('<x>&nbsp;</x>')).toThrow(/unknown entity &nbsp;/);
    expect(() => parseXml('<x>a & b</x>')).toThrow(/must be escaped/);
    expect(() => parseXml('<x><y></x>')).toThrow(/<\/x> closes <y>/);
    expect(() => parseXml('<?xml version="1.0" encoding="windows-1251"?><x/>')).toThrow(/encoding "windows-1251"/);
    expect(() => parseXml('<x/><y/>')).toThrow(/content after the root/);
    expect(() => escapeXml('bell \u0007')).toThrow(/U\+0007/);
  });
});

describe('decodeText', () => {
  it('accepts UTF-8 with or without BOM and UTF-16 with BOM', () => {
    expect(decodeText(encode('ә ʻ'))).toBe('ә ʻ');
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...encode('ә')]))).toBe('ә');
    const utf16 = new Uint8Array([0xff, 0xfe, 0xd9, 0x04, 0x20, 0x00]);
    expect(decodeText(utf16)).toBe('ә ');
  });

  it('refuses invalid UTF-8 and BOM-less Windows-1251, pointing at the byte', () => {
    // "key\nПривет" in Windows-1251
    const cp1251 = new Uint8Array([0x6b, 0x65, 0x79, 0x0a, 0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]);
    expect(() => decodeText(cp1251)).toThrow(/not UTF-8 \(invalid byte at offset 4, line 2\)/);
    expect(() => decodeText(new Uint8Array([0x61, 0xc3]))).toThrow(ImportRefusedError);
  });
});

describe('export', () => {
  it('lists every message with English, translation, status and context, plural forms per language', () => {
    const rows = exportRows('ru');
    const keys = rows.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('ui:error.minLength_few');
    expect(exportRows('kk').map((r) => r.key)).not.toContain('ui:error.minLength_few');
    const few = rows.find((r) => r.key === 'ui:error.minLength_few')!;
    expect(few.english).toBe('“{{label}}” must be at least {{limit}} characters long.');
    expect(rows.find((r) => r.key === 'ui:submit')).toMatchObject({
      english: 'Submit',
      translation: 'Отправить',
      status: 'draft',
    });
    const dir = copyLocales();
    rmSync(join(dir, 'kk', 'kz-f1-initial-application.json'), { force: true });
    const field = exportRows('kk', dir).find((r) => r.key === 'kz-f1-initial-application:fullName.title')!;
    expect(field).toMatchObject({ english: 'Full name', translation: '', status: '' });
    expect(field.context).toMatch(/^kz-f1-initial-application — .*source line \d+/);
  });

  it('tells translators which labels are not on the printed form and which name part of a printed line', () => {
    const rows = exportRows('ru');
    const context = (key: string) => rows.find((r) => r.key === key)!.context;
    // A question the printed form does not ask.
    expect(context('kz-f3-primary-aid-application:familyMembersNeedHelp.title')).toMatch(
      /derived, not on the printed form/,
    );
    // "Date and place of birth" is printed; its two parts are a reading of that line, not labels missing from paper.
    expect(context('kz-f3-primary-aid-application:dateAndPlaceOfBirth.title')).not.toMatch(
      /not on the printed form|part of a printed line/,
    );
    expect(context('kz-f3-primary-aid-application:dateAndPlaceOfBirth.date.title')).toMatch(/part of a printed line/);
    expect(context('kz-f3-primary-aid-application:dateAndPlaceOfBirth.date.title')).not.toMatch(
      /not on the printed form/,
    );
  });

  it('writes CSV with a BOM and an XLIFF 1.2 document that parses', () => {
    expect(exportLanguage('kk', 'csv').startsWith('\uFEFFkey,english,translation,status,context\r\n')).toBe(true);
    const root = parseXml(exportLanguage('tg', 'xliff'));
    expect(root.name).toBe('xliff');
    expect(root.attrs.version).toBe('1.2');
  });
});

describe('import', () => {
  for (const format of ['csv', 'xliff'] as const) {
    it(`round-trips every language byte for byte (${format})`, () => {
      const dir = copyLocales();
      const before = snapshot(dir);
      for (const lang of langs) {
        const text = exportLanguage(lang, format, dir);
        const result = importLanguage(lang, `${lang}.${format === 'csv' ? 'csv' : 'xlf'}`, encode(text), { dir });
        expect(result.written, lang).toEqual([]);
        expect(result.unchanged.length, lang).toBeGreaterThan(0);
      }
      expect(snapshot(dir)).toEqual(before);
    });
  }

  it('writes changed translations and statuses, and creates a file for a newly started namespace', () => {
    const dir = copyLocales();
    rmSync(join(dir, 'kk', 'kz-f1-initial-application.json'), { force: true });
    const rows = exportRows('kk', dir).map((r): ExchangeRow =>
      r.key === 'ui:submit'
        ? { ...r, translation: 'Жолдау', status: 'reviewed' }
        : r.key === 'kz-f1-initial-application:fullName.title'
          ? { ...r, translation: 'Аты-жөні', status: '' }
          : r,
    );
    const result = importLanguage('kk', 'kk.csv', encode(toCsv(rows)), { dir });
    expect(result.written.map((p) => p.slice(dir.length + 1)).sort()).toEqual([
      'kk/kz-f1-initial-application.json',
      'kk/ui.json',
    ]);
    const ui = JSON.parse(readFileSync(join(dir, 'kk', 'ui.json'), 'utf8')) as Record<string, unknown>;
    expect(ui.submit).toEqual({ text: 'Жолдау', status: 'reviewed' });
    const form = JSON.parse(readFileSync(join(dir, 'kk', 'kz-f1-initial-application.json'), 'utf8')) as unknown;
    expect(form).toEqual({
      $meta: { language: 'kk', namespace: 'kz-f1-initial-application', reviewedBy: [] },
      'fullName.title': { text: 'Аты-жөні', status: 'draft' },
    });
    // …and exporting again, then importing, changes nothing.
    const again = importLanguage('kk', 'kk.xlf', encode(exportLanguage('kk', 'xliff', dir)), { dir });
    expect(again.written).toEqual([]);
  });

  it('reads a CSV a spreadsheet saved with semicolons', () => {
    const dir = copyLocales();
    const rows = exportRows('uz', dir);
    const csv =
      '\uFEFF' +
      writeCsv(
        [
          ['key', 'english', 'translation', 'status', 'context'],
          ...rows.map((r) => [r.key, r.english, r.translation, r.status, r.context]),
        ],
        ';',
      );
    expect(importLanguage('uz', 'uz.csv', encode(csv), { dir }).written).toEqual([]);
  });

  it('warns about text identical to English and English changed since the export', () => {
    const dir = copyLocales();
    const rows = exportRows('ky', dir).map((r) =>
      r.key === 'ui:cancel'
        ? { ...r, translation: 'Cancel' }
        : r.key === 'ui:retry'
          ? { ...r, english: 'Try once more' }
          : r,
    );
    const result = importLanguage('ky', 'ky.csv', encode(toCsv(rows)), { dir, write: false });
    expect(result.warnings.map((w) => `${w.key}: ${w.reason}`)).toEqual([
      'ui:cancel: identical to the English text',
      'ui:retry: the English text has changed since the export: check the translation',
    ]);
    expect(result.written).toHaveLength(1);
  });

  /** Imports and returns the refusal reasons; asserts that nothing was written. */
  function refusal(lang: Language, fileName: string, bytes: Uint8Array): string[] {
    const dir = copyLocales();
    const before = snapshot(dir);
    let problems: string[];
    try {
      importLanguage(lang, fileName, bytes, { dir });
      throw new Error('import was not refused');
    } catch (e) {
      if (!(e instanceof ImportRefusedError)) throw e;
      problems = e.problems.map((p) => `${p.key ?? ''}: ${p.reason}`);
    }
    expect(snapshot(dir)).toEqual(before);
    return problems;
  }
  const edited = (lang: Language, edit: (rows: ExchangeRow[]) => ExchangeRow[]) => edit(exportRows(lang));

  it('refuses a missing key', () => {
    const rows = edited('kk', (r) => r.filter((x) => x.key !== 'ui:yes'));
    expect(refusal('kk', 'kk.csv', encode(toCsv(rows)))).toEqual([
      'ui:yes: missing key: every message of the export must be in the file (leave the translation empty if there is none)',
    ]);
    const xliff = exportLanguage('kk', 'xliff').replace(/\s*<trans-unit id="yes"[^]*?<\/trans-unit>/, '');
    expect(refusal('kk', 'kk.xlf', encode(xliff))[0]).toMatch(/^ui:yes: missing key/);
  });

  it('refuses an extra key and a key given twice', () => {
    const extra = edited('tg', (r) => [...r, { ...r[0]!, key: 'ui:noSuchKey' }]);
    expect(refusal('tg', 'tg.csv', encode(toCsv(extra)))).toEqual([
      'ui:noSuchKey: extra key: not an English message of tg',
    ]);
    const twice = edited('tg', (r) => [...r, r[0]!]);
    expect(refusal('tg', 'tg.csv', encode(toCsv(twice)))[0]).toMatch(/^ui:submit: appears twice \(lines 2 and \d+\)/);
    const xliff = exportLanguage('tg', 'xliff').replace(
      '<trans-unit id="yes" resname="yes"',
      '<trans-unit id="yess" resname="yess"',
    );
    expect(refusal('tg', 'tg.xlf', encode(xliff)).sort()).toEqual([
      'ui:yes: missing key: every message of the export must be in the file (leave the translation empty if there is none)',
      'ui:yess: extra key: not an English message of tg',
    ]);
  });

  it('refuses a placeholder mismatch', () => {
    const rows = edited('ru', (r) =>
      r.map((x) => (x.key === 'ui:error.required' ? { ...x, translation: 'Поле «{{lable}}» обязательно.' } : x)),
    );
    expect(refusal('ru', 'ru.csv', encode(toCsv(rows)))).toEqual([
      'ui:error.required: placeholders differ from English: missing {{label}}; unknown {{lable}}',
    ]);
    const xliff = exportLanguage('ru', 'xliff').replace('>стр. {{page}} из {{pages}}<', '>стр. {{page}}<');
    expect(refusal('ru', 'ru.xlf', encode(xliff))).toEqual([
      'ui:pageXofY: placeholders differ from English: missing {{pages}}',
    ]);
  });

  it('refuses HTML or script in a string', () => {
    const rows = edited('uz', (r) =>
      r.map((x) => (x.key === 'ui:submit' ? { ...x, translation: 'Yuborish<script>alert(1)</script>' } : x)),
    );
    expect(refusal('uz', 'uz.csv', encode(toCsv(rows)))).toEqual(['ui:submit: HTML/script markup "<script>"']);
    const escaped = exportLanguage('uz', 'xliff').replace('>Yuborish<', '>&lt;img src=x onerror=alert(1)&gt;<');
    expect(refusal('uz', 'uz.xlf', encode(escaped))).toEqual([
      'ui:submit: HTML/script markup "<img src=x onerror=alert(1)>"',
    ]);
    const inline = exportLanguage('uz', 'xliff').replace('>Yuborish<', '><g id="1">Yuborish</g><');
    expect(refusal('uz', 'uz.xlf', encode(inline))[0]).toMatch(/^ui:submit: inline markup in <target>/);
  });

  it('refuses invalid UTF-8 and a BOM-less non-UTF-8 encoding', () => {
    const csv = encode(toCsv(exportRows('ru')));
    const broken = new Uint8Array([...csv.subarray(0, 100), 0xff, ...csv.subarray(100)]);
    expect(refusal('ru', 'ru.csv', broken)[0]).toMatch(/^: the file is not UTF-8 \(invalid byte at offset 97/);
    // The same text as Windows-1251: Cyrillic letters become single bytes 0xC0–0xFF.
    const text = toCsv(exportRows('ru')).slice(1);
    const cp1251 = new Uint8Array(
      [...text].map((ch) => {
        const cp = ch.codePointAt(0)!;
        return cp < 0x80 ? cp : cp >= 0x410 && cp <= 0x44f ? cp - 0x410 + 0xc0 : 0x3f;
      }),
    );
    expect(refusal('ru', 'ru.csv', cp1251)[0]).toMatch(/the file is not UTF-8/);
    const declared = exportLanguage('ru', 'xliff').replace('encoding="UTF-8"', 'encoding="windows-1251"');
    expect(refusal('ru', 'ru.xlf', encode(declared))[0]).toMatch(/declares encoding "windows-1251"/);
  });

  it('refuses an unknown status, the wrong target language, malformed files, English, and unknown file types', () => {
    const status = edited('ky', (r) =>
      r.map((x) => (x.key === 'ui:submit' ? { ...x, status: 'approved' as never } : x)),
    );
    expect(refusal('ky', 'ky.csv', encode(toCsv(status)))).toEqual([
      'ui:submit: unknown status "approved" (draft or reviewed)',
    ]);
    expect(refusal('ky', 'kk.xlf', encode(exportLanguage('kk', 'xliff')))[0]).toMatch(/target-language "kk", not "ky"/);
    expect(refusal('ky', 'ky.csv', encode('key,english\r\nui:submit,Submit\r\n'))[0]).toMatch(
      /lacks the column\(s\) translation, status/,
    );
    expect(refusal('ky', 'ky.csv', encode('key,translation,status\r\nui:submit,"open\r\n'))[0]).toMatch(
      /quoted field is not closed/,
    );
    expect(refusal('ky', 'ky.xlf', encode('<xliff version="1.2"><file>')).join()).toMatch(/not closed/);
    expect(refusal('en', 'en.csv', encode(toCsv(exportRows('ru'))))[0]).toMatch(/English is the source language/);
    expect(refusal('ky', 'ky.txt', encode('x'))[0]).toMatch(/unknown file type/);
  });
});
