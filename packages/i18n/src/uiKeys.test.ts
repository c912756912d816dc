import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { languages } from './languages.js';

const root = join(import.meta.dirname, '../../..');
const locales = join(root, 'packages/i18n/locales');

/**
 * Families of `ui` keys code builds at run time rather than writes out (as the element's build decides, `elementUiKeys`
 * in packages/elements/vite.config.ts): validation messages, type and format names in them, labels of choices and
 * fields the schemas leave untitled.
 */
const BUILT = /^(error|type|format|enum|field)\./;
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** What reads `ui.json`: every package's and app's code (the element, core, the PDF, the CLI, the server, the desk, the demo and its pages), not tests. */
function sources(): { file: string; code: string }[] {
  const out: { file: string; code: string }[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (
          !['node_modules', 'dist', 'locales', 'generated', 'public', 'docs'].includes(entry.name) &&
          entry.name[0] !== '.'
        )
          visit(path);
      } else if (/\.(ts|js|mjs|html)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name))
        out.push({ file: path, code: readFileSync(path, 'utf8') });
    }
  };
  for (const dir of ['packages', 'apps']) visit(join(root, dir));
  return out;
}

/** A language's `ui.json` keys (without `$meta`). */
function uiKeys(lang: string): string[] {
  const file = JSON.parse(readFileSync(join(locales, lang, 'ui.json'), 'utf8')) as Record<string, unknown>;
  return Object.keys(file).filter((k) => k !== '$meta');
}

describe('ui.json', () => {
  const code = sources();
  const words = new Set<string>();
  const prefixes = new Set<string>();
  /** Keys code names as `ui` keys for certain: `'ui:key'`, `ui('key'`, a page's `data-i18n="key"`. */
  const named = new Map<string, string>();
  /** Keys the demo's pages name (`data-i18n`): the demo's own texts (apps/demo/src/shared/texts.ts) or `ui` keys. */
  const pageKeys = new Map<string, string>();
  for (const { file, code: text } of code) {
    for (const m of text.matchAll(/['"`](?:ui:)?([A-Za-z][\w.]*)['"`]/g)) words.add(m[1]!);
    // A key completed at run time: `` `consent.${reason}` ``, 'notice.' + kind.
    for (const m of text.matchAll(/[`'"](?:ui:)?([A-Za-z][\w.]*\.)(?:\$\{|['"`]\s*\+)/g)) prefixes.add(m[1]!);
    for (const m of text.matchAll(/['"`]ui:([A-Za-z][\w.]*[\w])['"`]/g)) named.set(m[1]!, file);
    for (const m of text.matchAll(/\bui\(\s*['"]([A-Za-z][\w.]*)['"]/g)) named.set(m[1]!, file);
    if (file.endsWith('.html'))
      for (const m of text.matchAll(/\bdata-i18n="([A-Za-z][\w.]*)"/g)) pageKeys.set(m[1]!, file);
  }
  const used = (key: string) => {
    const base = key.replace(PLURAL, '');
    return BUILT.test(base) || words.has(base) || [...prefixes].some((p) => base.startsWith(p));
  };

  it('has no key that no package, app or page uses, in any language', () => {
    for (const { code } of languages)
      expect(
        uiKeys(code).filter((k) => !used(k)),
        code,
      ).toEqual([]);
  });

  it('has every key code names, in English (the fallback of every language)', () => {
    const en = new Set(uiKeys('en').map((k) => k.replace(PLURAL, '')));
    const missing = [...named]
      .filter(([key]) => !en.has(key))
      .map(([key, file]) => `${key} (${file.slice(root.length + 1)})`);
    expect(missing).toEqual([]);
    const demoTexts = readFileSync(join(root, 'apps/demo/src/shared/texts.ts'), 'utf8');
    const ofDemo = (key: string) => demoTexts.includes(`'${key}':`);
    const unknown = [...pageKeys]
      .filter(([key]) => !en.has(key) && !ofDemo(key))
      .map(([key, file]) => `${key} (${file.slice(root.length + 1)})`);
    expect(unknown).toEqual([]);
  });

  it('finds a key however code writes it, and a key nothing writes is unused', () => {
    // The scan itself: a call, a `ui:` key, a template prefix, a built family, a plural form.
    expect(used('submit')).toBe(true);
    expect(used('pdf.invalidData_other')).toBe(true);
    expect(used('error.minLength_few')).toBe(true);
    expect(used('demo.embed.title')).toBe(true);
    expect(used('noSuchKeyAnywhere')).toBe(false);
    expect(named.size).toBeGreaterThan(20);
  });
});
