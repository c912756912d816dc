import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '@komek/core';
import { languages } from './languages.js';
import { entriesOf, type LocaleEntry } from './localeFile.js';
import { loadMessages, validationMessage } from './index.js';
import { exportRows, namespacesOf, ordinalProblem, readLocaleFile } from './node/index.js';

const translated = languages.map((l) => l.code).filter((l) => l !== 'en');
const issue = (keyword: string, params: Record<string, unknown>): ValidationIssue => ({
  pointer: '/x',
  keyword,
  params,
  message: `ajv says ${keyword}`,
  messageKeys: [`ui:error.${keyword}`],
});

/** Every translated entry: language, namespace, key, entry. */
function allEntries() {
  const out: { lang: (typeof translated)[number]; ns: string; key: string; entry: LocaleEntry }[] = [];
  for (const lang of translated)
    for (const ns of namespacesOf(lang))
      for (const [key, entry] of entriesOf(readLocaleFile(lang, ns)!)) out.push({ lang, ns, key, entry });
  return out;
}

describe('ordinal suffixes (kk, ky, uz)', () => {
  it('are required on position numbers, not on amounts', () => {
    expect(ordinalProblem('kk', '«{{label}}» өрісі: {{j}} және {{i}} жазбалар бірдей.')).toMatch(/\{\{j\}\}-/);
    expect(ordinalProblem('kk', '«{{label}}» өрісі: {{j}}- және {{i}}-жазбалар бірдей.')).toBeUndefined();
    expect(ordinalProblem('ky', 'Уландысы барагы № {{n}}')).toBeUndefined();
    expect(ordinalProblem('ky', '{{count}} белги калды')).toBeUndefined();
    expect(ordinalProblem('uz', '{{n}} qator')).toBeDefined();
    expect(ordinalProblem('ru', 'Строка {{n}}')).toBeUndefined();
  });

  it('show in the Kazakh and Kyrgyz duplicate-entries message', async () => {
    await loadMessages('kk', []);
    await loadMessages('ky', []);
    expect(validationMessage(issue('uniqueItems', { i: 3, j: 0 }), 'kk', 'L')).toBe(
      '«L» өрісі: 1- және 4-жазбалар бірдей.',
    );
    expect(validationMessage(issue('uniqueItems', { i: 3, j: 0 }), 'ky', 'L')).toBe(
      '«L» талаасы: 1- жана 4-жазуулар бирдей.',
    );
  });
});

describe('Russian validation messages', () => {
  it('read as a person writes them', async () => {
    await loadMessages('ru', []);
    expect(validationMessage(issue('enum', {}), 'ru', 'Пол')).toBe('«Пол»: выберите один из вариантов.');
    expect(validationMessage(issue('required', {}), 'ru', 'Дата')).toBe('Заполните поле «Дата».');
    expect(validationMessage(issue('minItems', { limit: 1 }), 'ru', 'Подписи')).toBe(
      '«Подписи»: добавьте хотя бы 1 запись.',
    );
    expect(validationMessage(issue('maxItems', { limit: 5 }), 'ru', 'Члены семьи')).toBe(
      '«Члены семьи»: можно не больше 5 записей.',
    );
    const ui = entriesOf(readLocaleFile('ru', 'ui')!).filter(([k]) => k.startsWith('error.'));
    for (const [key, e] of ui)
      expect(e.text, key).not.toMatch(/должно быть равно|допустимых значений|элемент|должно иметь/);
  });
});

describe('the second pass', () => {
  it('records who changed each string and why, and leaves every change a draft', () => {
    const changed = allEntries().filter((e) => e.entry.changedBy !== undefined);
    expect(changed.length).toBeGreaterThan(100);
    for (const { lang, ns, key, entry } of changed) {
      expect(entry.note, `${lang}/${ns}:${key}`).toMatch(/\S/);
      expect(entry.status, `${lang}/${ns}:${key}`).toBe('draft');
    }
  });

  it('leaves no Tajik «бозхонд» (reads "re-read"), no Uzbek colloquial «-yapti» questions, no "dormitory" for group home', () => {
    for (const { lang, ns, key, entry } of allEntries()) {
      const at = `${lang}/${ns}:${key}`;
      if (lang === 'tg') expect(entry.text, at).not.toMatch(/бозхонд/i);
      if (lang === 'uz') expect(entry.text, at).not.toMatch(/[a-zʻ]y(a)?p(ti|siz|san)mi\b/i);
      if (ns.endsWith('family-questionnaire') && key.endsWith('shelterOrGroupHome.title'))
        expect(entry.text, at).not.toMatch(/общежит|жатақхана|жатакана|хобгоҳ|yotoqxona/i);
    }
  });

  it('shows the reviewer why a string last changed, in the export', () => {
    const row = exportRows('tg').find((r) => r.key === 'kg-3.1-f1-identification-consent:withdrawal.title')!;
    expect(row.translation).toBe('Бозпас гирифтани розигӣ');
    expect(row.context).toMatch(/last change \(.+\): term base "withdrawal-of-consent"/);
    expect(exportRows('tg').find((r) => r.key === 'ui:submit')!.context).not.toContain('last change');
  });

  it("names the term base's approved terms in the export's context, for translators working in a spreadsheet", () => {
    const row = exportRows('kk').find(
      (r) => r.key === 'kz-f5-identification-application:minorInterview.guardianshipAgencyInformedOn.title',
    )!;
    expect(row.context).toContain(
      'terms: guardianship and trusteeship authority → қорғаншылық және қамқоршылық органы',
    );
    expect(exportRows('kk').find((r) => r.key === 'ui:submit')!.context).not.toContain('terms:');
  });
});
