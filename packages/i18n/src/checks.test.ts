import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Language } from './languages.js';
import {
  checkLocales,
  formatCoverage,
  formatProblems,
  looksUntranslated,
  markupIn,
  placeholderMismatch,
  uzbekScriptProblem,
  type Problem,
} from './node/index.js';

describe('the locale files', () => {
  const report = checkLocales();

  it('pass every check (coverage table below)', () => {
    console.log(`\nTranslated / total messages per namespace (—: no file yet)\n\n${formatCoverage(report.coverage)}`);
    expect(formatProblems(report.problems)).toBe('');
  });

  it('translate the ui namespace completely into all six languages', () => {
    const ui = report.coverage.filter((c) => c.namespace === 'ui');
    expect(ui.map((c) => c.lang)).toEqual(['en', 'ru', 'kk', 'ky', 'tg', 'uz']);
    for (const c of ui) expect(c.translated, c.lang).toBe(c.total);
    expect(ui.find((c) => c.lang === 'ru')!.total).toBeGreaterThan(ui.find((c) => c.lang === 'en')!.total);
  });
});

describe('text checks', () => {
  it('compares placeholders with English', () => {
    expect(placeholderMismatch('«{{label}}» {{limit}}', '“{{label}}” {{ limit }}')).toBeUndefined();
    expect(placeholderMismatch('«{{label}}»', '“{{label}}” {{limit}}')).toMatch(/missing \{\{limit\}\}/);
    expect(placeholderMismatch('{{label}} {{lable}}', '{{label}}')).toMatch(/unknown \{\{lable\}\}/);
    expect(placeholderMismatch('{label}', '{{label}}')).toMatch(/missing/);
  });

  it('finds markup but not ordinary angle brackets', () => {
    for (const bad of [
      '<script>alert(1)</script>',
      'a <b>bold</b> word',
      '<img src=x onerror=alert(1)>',
      'x <!-- y -->',
      '<br/>',
      '$t(ui:submit)',
    ]) {
      expect(markupIn(bad), bad).toBeDefined();
    }
    for (const ok of ['a < b and c > d', '«{{label}}»', '2 <3', '— select —', '->'])
      expect(markupIn(ok), ok).toBeUndefined();
  });

  it('flags English left in a translation, not names and codes', () => {
    expect(looksUntranslated('Save draft', 'Save draft')).toBe(true);
    expect(looksUntranslated('PDF', 'PDF')).toBe(false);
    expect(looksUntranslated('№ {{number}}', '№ {{number}}')).toBe(false);
    expect(looksUntranslated('Komek IOM', 'Komek IOM')).toBe(false);
    expect(looksUntranslated('Yuborish', 'Submit')).toBe(false);
    expect(looksUntranslated('m', 'm')).toBe(false);
  });

  it('keeps Uzbek in Latin script with U+02BB', () => {
    expect(uzbekScriptProblem('Qoralamani oʻchirish, Qirgʻiz')).toBeUndefined();
    expect(uzbekScriptProblem("o'chirish")).toMatch(/U\+02BB/);
    expect(uzbekScriptProblem('Qirg‘iz')).toMatch(/U\+02BB/);
    expect(uzbekScriptProblem('Yuborish Отправить')).toMatch(/Cyrillic/);
  });
});

describe('checkLocales on a fixture tree', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const langs: Language[] = ['en', 'ru', 'kk', 'ky', 'tg', 'uz'];
  type Files = Record<string, Record<string, unknown>>;
  const good = (): Files => {
    const files: Files = {
      'en/ui': {
        submit: { text: 'Submit', status: 'source' },
        n_one: { text: '{{count}} row', status: 'source' },
        n_other: { text: '{{count}} rows', status: 'source' },
        hello: { text: 'Hello {{name}}', status: 'source' },
      },
      'en/form-a': { title: { text: 'A form', status: 'source', line: 10 } },
      'ru/ui': {
        submit: { text: 'Отправить', status: 'reviewed' },
        n_one: { text: '{{count}} строка', status: 'draft' },
        n_few: { text: '{{count}} строки', status: 'draft' },
        n_many: { text: '{{count}} строк', status: 'draft' },
        n_other: { text: '{{count}} строки', status: 'draft' },
        hello: { text: 'Привет, {{name}}', status: 'draft' },
      },
      'ru/form-a': { title: { text: 'Форма А', status: 'draft' } },
    };
    for (const l of ['kk', 'ky', 'tg']) {
      files[`${l}/ui`] = {
        submit: { text: `S-${l}`, status: 'draft' },
        n_one: { text: '{{count}} жол', status: 'draft' },
        n_other: { text: '{{count}} жол', status: 'draft' },
        hello: { text: `Сәлем {{name}}`, status: 'draft' },
      };
    }
    files['uz/ui'] = {
      submit: { text: 'Yuborish', status: 'draft' },
      n_one: { text: '{{count}} ta qator', status: 'draft' },
      n_other: { text: '{{count}} ta qator', status: 'draft' },
      hello: { text: 'Salom, {{name}}', status: 'draft' },
    };
    return files;
  };
  const run = (files: Files): Problem[] => {
    const dir = mkdtempSync(join(tmpdir(), 'komek-locales-'));
    dirs.push(dir);
    for (const l of langs) mkdirSync(join(dir, l));
    for (const [path, body] of Object.entries(files)) {
      const [lang, ns] = path.split('/') as [Language, string];
      writeFileSync(
        join(dir, `${path}.json`),
        typeof body.$raw === 'string'
          ? body.$raw
          : JSON.stringify({ $meta: { language: lang, namespace: ns, reviewedBy: [] }, ...body }, null, 2) + '\n',
      );
    }
    return checkLocales({ dir }).problems;
  };
  const only = (problems: Problem[]) =>
    problems.map((p) => `${p.check} ${p.lang}/${p.namespace}${p.key ? ':' + p.key : ''}`);

  it('passes good data, with form namespaces optional until a file exists', () => {
    expect(formatProblems(run(good()))).toBe('');
  });

  it('fails a missing, an empty and an extra key, and a missing plural form', () => {
    const f = good();
    delete (f['ru/form-a'] as Record<string, unknown>).title;
    (f['kk/ui'] as Record<string, { text: string }>).hello!.text = ' ';
    (f['ky/ui'] as Record<string, unknown>).bye = { text: 'Кош', status: 'draft' };
    delete (f['ru/ui'] as Record<string, unknown>).n_few;
    (f['tg/ui'] as Record<string, unknown>).n_few = { text: '{{count}} сатр', status: 'draft' };
    expect(only(run(f)).sort()).toEqual([
      'coverage kk/ui:hello',
      'coverage ru/form-a:title',
      'coverage ru/ui:n_few',
      'extra ky/ui:bye',
      'extra tg/ui:n_few',
    ]);
  });

  it('fails a language without ui, a stray namespace, bad JSON and wrong metadata', () => {
    const f = good();
    delete f['uz/ui'];
    f['kk/old-form'] = { title: { text: 'Ескі', status: 'draft' } };
    f['ky/form-a'] = { $raw: '{ "title": ' };
    f['tg/form-a'] = { $meta: { language: 'ru', namespace: 'form-a' }, title: { text: 'Шакл', status: 'draft' } };
    expect(only(run(f)).sort()).toEqual(['coverage uz/ui', 'extra kk/old-form', 'json ky/form-a', 'meta tg/form-a']);
  });

  it('fails placeholders, markup, English left over, an unknown status and a glyph the PDF font lacks', () => {
    const f = good();
    (f['ru/ui'] as Record<string, { text: string }>).hello!.text = 'Привет, {{nmae}}';
    (f['kk/ui'] as Record<string, { text: string }>).submit!.text = '<b>Жіберу</b>';
    (f['ky/ui'] as Record<string, { text: string }>).submit!.text = 'Submit';
    (f['tg/ui'] as Record<string, { status: string }>).submit!.status = 'done';
    (f['uz/ui'] as Record<string, { text: string }>).submit!.text = 'Yuborish 中';
    (f['uz/ui'] as Record<string, { text: string }>).hello!.text = "Qo'shish {{name}}";
    (f['en/form-a'] as Record<string, { text: string }>).title!.text = 'A form ☃\u{1F9FF}';
    const problems = run(f);
    expect(only(problems).sort()).toEqual([
      'english ky/ui:submit',
      'font en/form-a:title',
      'font en/form-a:title',
      'font uz/ui:submit',
      'font uz/ui:submit',
      'markup kk/ui:submit',
      'placeholders ru/ui:hello',
      'script uz/ui:hello',
      'status tg/ui:submit',
    ]);
    expect(problems.find((p) => p.check === 'font' && p.lang === 'uz')!.message).toMatch(
      /DejaVuSans\.ttf lacks U\+4E2D 中/,
    );
  });
});
