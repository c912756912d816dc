import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { languages } from '../languages.js';
import {
  isLanguage,
  lookupIn,
  messageKeys,
  messagesOf,
  translatorFrom,
  FALLBACK_MARK,
  type Messages,
} from './index.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Every module the runtime reaches through relative imports, with the bare specifiers each imports. */
function importGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const visit = (file: string) => {
    if (graph.has(file)) return;
    const specifiers = [...readFileSync(file, 'utf8').matchAll(/(?:import|export)\s[^'"]*?from\s+'([^']+)'/g)].map(
      (m) => m[1]!,
    );
    graph.set(
      file,
      specifiers.filter((s) => !s.startsWith('.')),
    );
    for (const s of specifiers) if (s.startsWith('.')) visit(join(dirname(file), s.replace(/\.js$/, '.ts')));
  };
  visit(entry);
  return graph;
}

describe('@komek/i18n/runtime', () => {
  it('reaches no i18next, nothing but @komek/core outside this package', () => {
    const graph = importGraph(join(here, 'index.ts'));
    expect(graph.size).toBeGreaterThan(3);
    for (const [file, bare] of graph)
      expect(
        bare.filter((s) => s !== '@komek/core'),
        file,
      ).toEqual([]);
  });

  it('knows every language code, and only those', () => {
    expect(languages.filter((l) => isLanguage(l.code))).toHaveLength(languages.length);
    expect(['', 'EN', 'ru-RU', 'uz-Cyrl', 'de'].filter(isLanguage)).toEqual([]);
  });

  it('tries keys in the order i18next does', () => {
    expect(messageKeys('ru', 'error.minLength', 3, 'date')).toEqual([
      'error.minLength_date_few',
      'error.minLength_date',
      'error.minLength_few',
      'error.minLength',
    ]);
    expect(messageKeys('en', 'n', 0)).toEqual(['n_zero', 'n_other', 'n']);
    expect(messageKeys('tg', 'n', 1)).toEqual(['n_one', 'n']);
    expect(messageKeys('en', 'n')).toEqual(['n']);
  });

  it('looks up plain maps: plural form by count, count written the language’s way, English then fallback', () => {
    const store: Record<string, Messages> = {
      'ru/ui': messagesOf({
        $meta: {},
        items_few: { text: '{{count}} записи' },
        items_many: { text: '{{count}} записей' },
        empty: { text: '' },
      }),
      'en/ui': messagesOf({ items_one: '{{count}} entry', items_other: '{{count}} entries', only: 'English {{x}}' }),
    };
    const lookup = lookupIn((lang, ns) => store[`${lang}/${ns}`]);
    const t = translatorFrom(lookup, 'ru', { markFallback: true });
    expect(t('items', undefined, { count: 3 })).toBe('3 записи');
    expect(t('ui:items', undefined, { count: 1005 })).toBe('1\u00a0005 записей');
    expect(t('only', undefined, { x: 1 })).toBe(`${FALLBACK_MARK}English 1`);
    expect(t('empty', 'Schema {{x}}', { x: 2 })).toBe(`${FALLBACK_MARK}Schema 2`);
    expect(t('form:none')).toBeUndefined();
  });
});
