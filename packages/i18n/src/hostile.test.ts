import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Language } from './languages.js';
import {
  LOCALES_DIR,
  checkLocales,
  controlCharacterIn,
  exportLanguage,
  exportRows,
  importLanguage,
  ImportRefusedError,
  markupIn,
  parseXml,
  readCsv,
  toCsv,
  writeAllOrNothing,
  type ExchangeRow,
} from './node/index.js';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function copyLocales(): string {
  const dir = mkdtempSync(join(tmpdir(), 'komek-hostile-'));
  temps.push(dir);
  cpSync(LOCALES_DIR, dir, { recursive: true });
  return dir;
}

const encode = (s: string) => new TextEncoder().encode(s);
const edited = (lang: Language, key: string, translation: string): ExchangeRow[] =>
  exportRows(lang).map((r) => (r.key === key ? { ...r, translation } : r));

function refusal(lang: Language, name: string, bytes: Uint8Array): string[] {
  try {
    importLanguage(lang, name, bytes, { write: false });
  } catch (e) {
    if (e instanceof ImportRefusedError) return e.problems.map((p) => `${p.key ?? ''}: ${p.reason}`);
    throw e;
  }
  return [];
}

describe('spreadsheet formulas', () => {
  it('are neutralised on export, restored on import, and a raw one is warned about', () => {
    const rows = edited('ru', 'ui:submit', '=HYPERLINK("http://evil.invalid","Отправить")');
    const csv = toCsv(rows);
    const cell = readCsv(csv.slice(1)).find((r) => r[0] === 'ui:submit')![2]!;
    expect(cell).toBe(`'=HYPERLINK("http://evil.invalid","Отправить")`);
    for (const start of ['+', '-', '@'])
      expect(toCsv(edited('ru', 'ui:submit', `${start}1+1`))).toContain(`'${start}1+1`);
    const result = importLanguage('ru', 'ru.csv', encode(csv), { dir: copyLocales() });
    expect(result.warnings.find((w) => w.key === 'ui:submit')?.reason).toMatch(
      /^starts with "=": a spreadsheet may take it for a formula/,
    );
    const written = JSON.parse(
      readFileSync(
        result.written.find((p) => p.endsWith('ui.json'))!,
        'utf8',
      ),
    ) as Record<string, { text: string }>;
    expect(written.submit!.text).toBe('=HYPERLINK("http://evil.invalid","Отправить")');
  });
});

describe('what import refuses, as check does', () => {
  it('markup a browser would run: <svg/onload>, <img/src/onerror>, an unclosed tag', () => {
    for (const bad of [
      '<svg/onload=alert(1)>',
      '<img/src=x/onerror=alert(1)>',
      'Yuborish <img src=x onerror=alert(1)',
      '</script',
      '<details open ontoggle=alert(1)>',
    ]) {
      expect(markupIn(bad), bad).toBeDefined();
      expect(refusal('uz', 'uz.csv', encode(toCsv(edited('uz', 'ui:submit', bad))))[0], bad).toMatch(
        /^ui:submit: HTML\/script markup/,
      );
    }
    for (const fine of ['a < b', '5 <10 km', '« quoted »', 'x<3']) expect(markupIn(fine), fine).toBeUndefined();
  });

  it('control characters, broken surrogates and bidi overrides', () => {
    // A lone surrogate cannot even be written as UTF-8 (it arrives as U+FFFD); a locale file can hold one (\uD800).
    expect(controlCharacterIn('Отправ\uD800ить')).toBe('control or broken character U+D800 at position 7');
    for (const [bad, code] of [
      ['Отправ\u0007ить', '0007'],
      ['\u202EьтивarптО', '202E'],
      ['a\u0000', '0000'],
    ] as const) {
      expect(refusal('ru', 'ru.csv', encode(toCsv(edited('ru', 'ui:submit', bad))))).toEqual([
        `ui:submit: control or broken character U+${code} at position ${[...bad].findIndex((ch) => ch < ' ' || ch === '\u202E') + 1}`,
      ]);
    }
    expect(refusal('ru', 'ru.csv', encode(toCsv(edited('ru', 'ui:submit', 'Две\nстроки\tи\r\nтаб'))))).toEqual([]);
  });

  it('characters the PDF fonts cannot draw, an empty or blank UI string', () => {
    expect(refusal('kk', 'kk.csv', encode(toCsv(edited('kk', 'ui:submit', 'Жіберу 送信'))))).toEqual([
      expect.stringMatching(/^ui:submit: characters the PDF fonts cannot print: .*U\+9001/),
    ]);
    expect(refusal('kk', 'kk.csv', encode(toCsv(edited('kk', 'ui:submit', ''))))).toEqual([
      'ui:submit: empty: every message of "ui" must be translated',
    ]);
    expect(refusal('kk', 'kk.csv', encode(toCsv(edited('kk', 'ui:submit', '   '))))).toEqual([
      'ui:submit: only white space: leave the translation empty or write it',
    ]);
  });

  it('check finds the same control characters in a locale file', () => {
    const dir = copyLocales();
    const file = join(dir, 'ru', 'ui.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { text: string }>;
    json.submit!.text = 'Отправ\u0007ить';
    writeFileSync(file, JSON.stringify(json, null, 2));
    const problems = checkLocales({ dir, fonts: false, termBase: false }).problems;
    expect(problems).toContainEqual(
      expect.objectContaining({
        lang: 'ru',
        key: 'submit',
        message: 'control or broken character U+0007 at position 7',
      }),
    );
  });
});

describe('XLIFF', () => {
  it('refuses deep nesting with a line instead of overflowing the stack', () => {
    const deep =
      '<?xml version="1.0" encoding="UTF-8"?>\n<xliff>' + '<g>'.repeat(100_000) + '</g>'.repeat(100_000) + '</xliff>';
    expect(() => parseXml(deep)).toThrow(/line 2: elements nested more than 32 deep/);
    expect(refusal('kk', 'kk.xlf', encode(deep))[0]).toMatch(/nested more than 32 deep/);
    expect(refusal('kk', 'kk.xlf', encode(exportLanguage('kk', 'xliff')))).toEqual([]);
  });
});

describe('import writes all locale files or none', () => {
  it('puts back the files already replaced when a later one cannot be', () => {
    const dir = mkdtempSync(join(tmpdir(), 'komek-atomic-'));
    temps.push(dir);
    writeFileSync(join(dir, 'a.json'), 'old a');
    mkdirSync(join(dir, 'b.json'));
    expect(() =>
      writeAllOrNothing([
        { path: join(dir, 'a.json'), content: 'new a', before: 'old a' },
        { path: join(dir, 'c.json'), content: 'new c', before: undefined },
        { path: join(dir, 'b.json'), content: 'new b', before: undefined },
      ]),
    ).toThrow(ImportRefusedError);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('old a');
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.json']);
  });
});
