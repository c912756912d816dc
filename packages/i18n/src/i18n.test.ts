import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '@komek/core';
import {
  addMessages,
  bilingual,
  createTranslator,
  formatDate,
  formatNumber,
  isLanguage,
  isLoaded,
  languages,
  loadMessages,
  pluralCategories,
  pluralCategory,
  validationMessage,
  type Language,
} from './index.js';
import { i18next } from './messages.js';

const ALL: Language[] = ['en', 'ru', 'kk', 'ky', 'tg', 'uz'];
const LOCALES = join(import.meta.dirname, '..', 'locales');

/** A language and an English namespace it has no file for yet (translations arrive over time). */
function untranslatedPair(): { lang: Language; ns: string; key: string; text: string } | undefined {
  const english = readdirSync(join(LOCALES, 'en')).filter((f) => f !== 'ui.json');
  for (const lang of ALL.slice(1)) {
    const have = new Set(readdirSync(join(LOCALES, lang)));
    const file = english.find((f) => !have.has(f));
    if (!file) continue;
    const body = JSON.parse(readFileSync(join(LOCALES, 'en', file), 'utf8')) as Record<string, { text: string }>;
    const key = Object.keys(body).find((k) => k !== '$meta')!;
    return { lang, ns: file.replace(/\.json$/, ''), key, text: body[key]!.text };
  }
  return undefined;
}
const issue = (
  keyword: string,
  params: Record<string, unknown>,
  messageKeys = [`ui:error.${keyword}`],
): ValidationIssue => ({
  pointer: '/x',
  keyword,
  params,
  message: `ajv says ${keyword}`,
  messageKeys,
});

describe('languages', () => {
  it('lists the six languages, English first and the only reviewed one', () => {
    expect(languages.map((l) => l.code)).toEqual(ALL);
    expect(languages.filter((l) => l.reviewed).map((l) => l.code)).toEqual(['en']);
    expect(languages.find((l) => l.code === 'uz')!.nativeName).toBe('Oʻzbekcha');
    expect(isLanguage('kk')).toBe(true);
    expect(isLanguage('uz-Cyrl')).toBe(false);
    expect(isLanguage('de')).toBe(false);
  });
});

describe('loadMessages and createTranslator', () => {
  it('loads ui automatically, idempotently, and the English fallback with it', async () => {
    await loadMessages('kk', ['kz-f1-initial-application']);
    await loadMessages('kk', ['kz-f1-initial-application']);
    expect(isLoaded('kk', 'ui')).toBe(true);
    expect(isLoaded('en', 'kz-f1-initial-application')).toBe(true);
    const t = createTranslator('kk');
    expect(t('ui:submit')).toBe('Жіберу');
    expect(t('submit')).toBe('Жіберу');
  });

  it('falls back to English for a namespace the language has no file for, marking it only when asked to', async () => {
    const untranslated = untranslatedPair();
    if (!untranslated) return; // every namespace is translated into every language
    const { lang, ns, key, text } = untranslated;
    await loadMessages(lang, [ns]);
    expect(isLoaded(lang, ns)).toBe(true);
    expect(createTranslator(lang)(`${ns}:${key}`, 'schema text')).toBe(text);
    expect(createTranslator(lang, { markFallback: true })(`${ns}:${key}`, 'schema text')).toBe(`⟦en⟧ ${text}`);
  });

  it('marks fallbacks only when asked to', async () => {
    await loadMessages('ky', []);
    const marked = createTranslator('ky', { markFallback: true });
    expect(marked('ui:no-such-key', 'Fallback {{n}}', { n: 2 })).toBe('⟦en⟧ Fallback 2');
    expect(marked('ui:submit')).toBe('Жөнөтүү');
    expect(createTranslator('en', { markFallback: true })('ui:no-such-key', 'x')).toBe('x');
    expect(createTranslator('ky')('ui:no-such-key')).toBeUndefined();
  });

  it('uses a translation where one exists (Russian form files)', async () => {
    const ru = join(LOCALES, 'ru');
    const ns = readdirSync(ru)
      .map((f) => f.replace(/\.json$/, ''))
      .find((n) => n !== 'ui');
    if (!ns) return;
    await loadMessages('ru', [ns]);
    const file = JSON.parse(readFileSync(join(ru, `${ns}.json`), 'utf8')) as Record<string, { text: string }>;
    const key = Object.keys(file).find((k) => k !== '$meta')!;
    expect(createTranslator('ru')(`${ns}:${key}`, 'english')).toBe(file[key]!.text);
  });

  it('rejects an unknown English namespace and unsafe names, and can retry', async () => {
    await expect(loadMessages('en', ['no-such-form'])).rejects.toThrow(
      /No English messages for namespace "no-such-form"/,
    );
    await expect(loadMessages('en', ['../../etc/passwd'])).rejects.toThrow(/Invalid namespace/);
    await expect(loadMessages('de' as Language, [])).rejects.toThrow(/Unsupported language "de": use one of en, ru/);
    expect(isLoaded('en', 'no-such-form')).toBe(false);
  });

  it('fills params as text, never escaping or interpreting HTML', async () => {
    await loadMessages('en', []);
    const t = createTranslator('en');
    expect(t('ui:error.required', undefined, { label: '<script>alert(1)</script>' })).toBe(
      '“<script>alert(1)</script>” is required.',
    );
  });

  it('takes a message file added directly', () => {
    addMessages('uz', 'test-ns', {
      $meta: { language: 'uz', namespace: 'test-ns' },
      a: { text: 'Salom', status: 'draft' },
      b: { text: '', status: 'draft' },
    });
    addMessages('en', 'test-ns', {
      $meta: { language: 'en', namespace: 'test-ns' },
      b: { text: 'Bee', status: 'source' },
    });
    const t = createTranslator('uz', { markFallback: true });
    expect(t('test-ns:a')).toBe('Salom');
    expect(t('test-ns:b')).toBe('⟦en⟧ Bee');
  });
});

describe('plurals', () => {
  it('Russian one/few/many/other', async () => {
    await loadMessages('ru', []);
    const t = createTranslator('ru');
    // The count and its noun as the paper form's warning words them ("… (5 ошибок, список в конце) …").
    const forms = [1, 2, 5, 11, 21, 22, 25, 111, 1.5, 1001].map(
      (n) => /\(([^,]+(?:,\d)?[^,]*),/.exec(t('ui:pdf.invalidData', undefined, { count: n }) ?? '')?.[1],
    );
    expect(forms).toEqual([
      '1 ошибка',
      '2 ошибки',
      '5 ошибок',
      '11 ошибок',
      '21 ошибка',
      '22 ошибки',
      '25 ошибок',
      '111 ошибок',
      '1,5 ошибки',
      '1\u00a0001 ошибка',
    ]);
  });

  it('Tajik has its own rule although Node has none', async () => {
    expect(Intl.PluralRules.supportedLocalesOf(['tg'])).toEqual([]);
    expect([0, 1, 2, 5, 21, 1.5].map((n) => pluralCategory('tg', n))).toEqual([
      'other',
      'one',
      'other',
      'other',
      'other',
      'other',
    ]);
    // i18next asks the same rule: a form only `_one` has is used for 1 only.
    addMessages('tg', 'plural-test', {
      $meta: { language: 'tg', namespace: 'plural-test' },
      k_one: { text: 'ONE {{count}}', status: 'draft' },
      k_other: { text: 'OTHER {{count}}', status: 'draft' },
    });
    const t = createTranslator('tg');
    expect([1, 2, 21].map((count) => t('plural-test:k', undefined, { count }))).toEqual([
      'ONE 1',
      'OTHER 2',
      'OTHER 21',
    ]);
    const resolver = i18next.services.pluralResolver as { getSuffix: (lang: string, count: number) => string };
    expect(resolver.getSuffix('tg', 1)).toBe('_one');
  });

  it('agrees with Intl where Intl knows the language', () => {
    for (const lang of ['en', 'ru', 'kk', 'ky', 'uz'] as const) {
      const intl = new Intl.PluralRules(lang);
      expect([...intl.resolvedOptions().pluralCategories].sort()).toEqual([...pluralCategories[lang]].sort());
      for (const n of [0, 1, 2, 3, 4, 5, 11, 12, 21, 22, 25, 101, 1.5])
        expect(pluralCategory(lang, n)).toBe(intl.select(n));
    }
  });
});

describe('validationMessage', () => {
  it('gives every keyword a message with the label and no raw placeholder, in every language', async () => {
    const cases: ValidationIssue[] = [
      issue('required', { missingProperty: 'x' }),
      issue('type', { type: 'integer' }),
      issue('type', { type: 'string,null' }),
      issue('enum', { allowedValues: ['a'] }),
      issue('const', { allowedValue: true }),
      issue('format', { format: 'date' }),
      issue('format', { format: 'email' }),
      issue('minLength', { limit: 1 }),
      issue('minLength', { limit: 3 }),
      issue('maxLength', { limit: 200 }),
      issue('minimum', { comparison: '>=', limit: 0 }),
      issue('maximum', { comparison: '<=', limit: 99 }),
      issue('pattern', { pattern: '^a$' }),
      issue('minItems', { limit: 1 }),
      issue('maxItems', { limit: 5 }),
      issue('uniqueItems', { i: 3, j: 0 }),
      issue('additionalProperties', { additionalProperty: 'x' }),
      issue('not', {}),
      issue('dependentRequired', { property: 'a', missingProperty: 'b', depsCount: 1, deps: 'b' }),
      issue('unevaluatedProperties', {}),
    ];
    for (const lang of ALL) {
      await loadMessages(lang, []);
      const seen = new Set<string>();
      for (const c of cases) {
        const m = validationMessage(c, lang, 'LABEL');
        expect(m, `${lang} ${c.keyword}`).toContain('LABEL');
        expect(m, `${lang} ${c.keyword}`).not.toMatch(/\{\{|\}\}|ajv says/);
        seen.add(m);
      }
      expect(seen.size, lang).toBeGreaterThan(15);
    }
  });

  it('inserts the label literally: no nesting, no second interpolation, no escaping', async () => {
    await loadMessages('en', []);
    const label = '$t(ui:submit) {{limit}} <b>&amp;';
    expect(validationMessage(issue('required', {}), 'en', label)).toBe(`“${label}” is required.`);
    expect(createTranslator('en')('ui:error.empty', undefined, { label })).toBe(`“${label}” must not be empty.`);
  });

  it('formats limits and picks Russian plural forms', async () => {
    await loadMessages('ru', []);
    expect(validationMessage(issue('maxLength', { limit: 1000 }), 'ru', 'Ф. И. О.')).toBe(
      'Слишком длинно: в поле «Ф. И. О.» можно не больше 1\u00a0000 символов.',
    );
    expect(validationMessage(issue('minLength', { limit: 2 }), 'ru', 'X')).toBe(
      'Слишком коротко: в поле «X» нужно не меньше 2 символов.',
    );
    expect(validationMessage(issue('minLength', { limit: 21 }), 'ru', 'X')).toBe(
      'Слишком коротко: в поле «X» нужно не меньше 21 символа.',
    );
    expect(validationMessage(issue('minLength', { limit: 1 }), 'ru', 'X')).toBe('Поле «X» не может быть пустым.');
    expect(validationMessage(issue('maxLength', { limit: 1000 }), 'en', 'Name')).toBe(
      '“Name” must be at most 1,000 characters long.',
    );
    expect(validationMessage(issue('maxLength', { limit: 1 }), 'en', 'Sex')).toBe(
      '“Sex” must be at most 1 character long.',
    );
    expect(validationMessage(issue('uniqueItems', { i: 3, j: 0 }), 'en', 'L')).toBe(
      '“L”: entries 1 and 4 are the same.',
    );
    expect(validationMessage(issue('type', { type: 'integer' }), 'ru', 'N')).toBe(
      'В поле «N» нужно указать целое число.',
    );
    expect(validationMessage(issue('format', { format: 'date' }), 'uz', 'Sana')).toBe(
      '«Sana» maydonida toʻgʻri sana koʻrsatilishi kerak.',
    );
  });

  it("prefers the field's own message, then the generic one, in the language before English", async () => {
    addMessages('kk', 'field-test', {
      $meta: { language: 'kk', namespace: 'field-test' },
      'age.error.maximum': { text: 'Өз хабарлама {{limit}}', status: 'draft' },
    });
    addMessages('en', 'field-test', {
      $meta: { language: 'en', namespace: 'field-test' },
      'age.error.maximum': { text: 'Own message {{limit}}', status: 'source' },
      'age.error.minimum': { text: 'Own minimum', status: 'source' },
    });
    await loadMessages('kk', []);
    const keys = (kw: string) => [`field-test:age.error.${kw}`, `ui:error.${kw}`];
    expect(validationMessage(issue('maximum', { limit: 99 }, keys('maximum')), 'kk', 'Жасы')).toBe('Өз хабарлама 99');
    // The Kazakh generic message beats the English field-specific one.
    expect(validationMessage(issue('minimum', { limit: 0 }, keys('minimum')), 'kk', 'Жасы')).toBe(
      '«Жасы» өрісінің мәні 0 немесе одан көп болуы керек.',
    );
  });

  it('has an error message for every keyword the schemas use', () => {
    const used = new Set<string>();
    const keywords = [
      'required',
      'type',
      'enum',
      'const',
      'format',
      'minLength',
      'maxLength',
      'minimum',
      'maximum',
      'pattern',
      'minItems',
      'maxItems',
      'uniqueItems',
      'additionalProperties',
      'not',
      'dependentRequired',
      'multipleOf',
      'exclusiveMinimum',
      'exclusiveMaximum',
      'minProperties',
      'maxProperties',
      'contains',
      'propertyNames',
      'oneOf',
      'anyOf',
    ];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (f.endsWith('.schema.json')) {
          const visit = (v: unknown, key?: string) => {
            if (v === null || typeof v !== 'object') return;
            for (const [k, sub] of Object.entries(v)) {
              if (
                key !== 'properties' &&
                key !== '$defs' &&
                keywords.includes(k) &&
                !(k === 'required' && !Array.isArray(sub))
              )
                used.add(k);
              visit(sub, k);
            }
          };
          visit(JSON.parse(readFileSync(p, 'utf8')));
        }
      }
    };
    walk(join(import.meta.dirname, '..', '..', '..', 'schemas'));
    const ui = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'locales', 'en', 'ui.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const missing = [...used].filter(
      (k) => !(`error.${k}` in ui) && !(`error.${k}_other` in ui) && !['oneOf', 'anyOf'].includes(k),
    );
    expect(used.size).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});

describe('formatDate and formatNumber', () => {
  it('writes dates day first, with the separator of the language, and leaves bad input alone', () => {
    expect(ALL.map((l) => formatDate('2024-03-05', l))).toEqual([
      '05/03/2024',
      '05.03.2024',
      '05.03.2024',
      '05.03.2024',
      '05.03.2024',
      '05.03.2024',
    ]);
    expect(formatDate('2024-04-31', 'ru')).toBe('2024-04-31');
    expect(formatDate('2024-02-29', 'kk')).toBe('29.02.2024');
    expect(formatDate('5 March', 'kk')).toBe('5 March');
    expect(formatDate('', 'kk')).toBe('');
    expect(formatDate('2024-00-10', 'ru')).toBe('2024-00-10');
    expect(formatDate('2024-13-10', 'ru')).toBe('2024-13-10');
    expect(formatDate('2024-03-00', 'ru')).toBe('2024-03-00');
    // A code that is not one of the languages (from untyped code): day.month.year.
    expect(formatDate('2024-03-05', 'de' as Language)).toBe('05.03.2024');
  });

  it('groups digits and marks decimals per language', () => {
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
    for (const l of ['ru', 'kk', 'ky', 'tg', 'uz'] as const)
      expect(formatNumber(1234567.5, l)).toBe('1\u00a0234\u00a0567,5');
    expect(formatNumber(-12.25, 'ru')).toBe('-12,25');
    expect(formatNumber(99, 'tg')).toBe('99');
    // A code that is not one of the languages (from untyped code): as English writes numbers.
    expect(formatNumber(1234.5, 'de' as Language)).toBe('1,234.5');
  });
});

describe('bilingual', () => {
  it('gives both languages, and drops a secondary that repeats the primary', async () => {
    await loadMessages('tg', []);
    await loadMessages('ru', []);
    expect(bilingual('ui:yes', 'YES', 'tg', 'ru')).toEqual({ primary: 'ҲА', secondary: 'ДА' });
    expect(bilingual('ui:yes', 'YES', 'tg')).toEqual({ primary: 'ҲА' });
    expect(bilingual('ui:yes', 'YES', 'tg', 'tg')).toEqual({ primary: 'ҲА' });
    expect(bilingual('ui:no-such', 'Only English', 'tg', 'ru')).toEqual({ primary: 'Only English' });
  });
});
