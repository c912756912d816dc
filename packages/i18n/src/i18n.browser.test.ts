/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '@komek/core';
import {
  bilingual,
  createTranslator,
  formatDate,
  formatNumber,
  isLoaded,
  loadMessages,
  pluralCategory,
  validationMessage,
} from './index.js';

const issue = (keyword: string, params: Record<string, unknown>): ValidationIssue => ({
  pointer: '/x',
  keyword,
  params,
  message: keyword,
  messageKeys: [`ui:error.${keyword}`],
});

describe('@komek/i18n in Chromium', () => {
  it('loads locale files as on-demand modules, with English fallback for untranslated namespaces', async () => {
    expect(isLoaded('kk', 'ui')).toBe(false);
    await loadMessages('kk', []);
    expect(createTranslator('kk')('ui:submit')).toBe('Жіберу');
    await expect(loadMessages('kk', ['no-such-form'])).rejects.toThrow(/No English messages/);
    // A language without a file for an English namespace (found from the files Vite can see): English shows.
    const files = Object.keys(import.meta.glob('../locales/*/*.json'));
    const english = files.filter((f) => f.startsWith('../locales/en/') && !f.endsWith('/ui.json'));
    for (const lang of ['ru', 'kk', 'ky', 'tg', 'uz'] as const) {
      const missing = english.find((f) => !files.includes(f.replace('/en/', `/${lang}/`)));
      if (!missing) continue;
      const ns = missing.slice('../locales/en/'.length, -'.json'.length);
      await loadMessages(lang, [ns]);
      expect(createTranslator(lang, { markFallback: true })(`${ns}:title`, 'schema')).toMatch(/^⟦en⟧ \S/);
      return;
    }
  });

  it('chooses plural forms as in Node, Tajik included', async () => {
    await loadMessages('ru', []);
    await loadMessages('tg', []);
    const ru = createTranslator('ru');
    // The count and its noun as the paper form's warning words them ("… (5 ошибок, список в конце) …").
    const counted = (text: string | undefined) => /\(([^,]+(?:,\d)?[^,]*),/.exec(text ?? '')?.[1];
    expect([1, 3, 5, 21, 1.5].map((count) => counted(ru('ui:pdf.invalidData', undefined, { count })))).toEqual([
      '1 ошибка',
      '3 ошибки',
      '5 ошибок',
      '21 ошибка',
      '1,5 ошибки',
    ]);
    expect([0, 1, 2, 21].map((n) => pluralCategory('tg', n))).toEqual(['other', 'one', 'other', 'other']);
    expect(createTranslator('tg')('ui:pdf.invalidData', undefined, { count: 2 })).toContain(
      '(2 хато, рӯйхаташ дар охир)',
    );
  });

  it('gives the same validation messages, dates and numbers as Node', async () => {
    await loadMessages('ru', []);
    await loadMessages('uz', []);
    expect(validationMessage(issue('maxLength', { limit: 1000 }), 'ru', 'Ф. И. О.')).toBe(
      'Слишком длинно: в поле «Ф. И. О.» можно не больше 1\u00a0000 символов.',
    );
    expect(validationMessage(issue('format', { format: 'date' }), 'uz', 'Sana')).toBe(
      '«Sana» maydonida toʻgʻri sana koʻrsatilishi kerak.',
    );
    expect(['en', 'ru', 'kk', 'ky', 'tg', 'uz'].map((l) => formatDate('2024-03-05', l as 'en'))).toEqual([
      '05/03/2024',
      '05.03.2024',
      '05.03.2024',
      '05.03.2024',
      '05.03.2024',
      '05.03.2024',
    ]);
    expect(formatNumber(1234567.5, 'kk')).toBe('1\u00a0234\u00a0567,5');
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
    expect(bilingual('ui:yes', 'YES', 'tg', 'ru')).toEqual({ primary: 'ҲА', secondary: 'ДА' });
  });
});
