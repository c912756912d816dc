import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const locales = join(import.meta.dirname, '..', 'locales');

it('builds for the browser with one lazily loaded chunk per language and namespace', async () => {
  const result = (await build({
    root,
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: { entry: join(import.meta.dirname, 'index.ts'), formats: ['es'], fileName: 'i18n' },
    },
  })) as Rollup.RollupOutput[] | Rollup.RollupOutput;
  const output = (Array.isArray(result) ? result[0]! : result).output.filter(
    (o): o is Rollup.OutputChunk => o.type === 'chunk',
  );
  const entry = output.find((c) => c.isEntry)!;
  const localeChunks = output.filter((c) => c.facadeModuleId?.includes('/locales/'));
  const files = readdirSync(locales).flatMap((lang) => readdirSync(join(locales, lang)).map((f) => `${lang}/${f}`));
  expect(localeChunks.map((c) => c.facadeModuleId!.split('/locales/')[1]).sort()).toEqual(files.sort());
  expect(localeChunks.every((c) => c.isDynamicEntry)).toBe(true);
  // No message text in the entry: every language is fetched only when asked for.
  expect(entry.code).not.toContain('Жіберу');
  expect(entry.code).not.toContain('Errors in the form');
  expect(entry.imports.filter((i) => i.includes('locales'))).toEqual([]);
  const gzip = gzipSync(entry.code).length;
  console.log(
    `@komek/i18n entry: ${(entry.code.length / 1024).toFixed(1)} KiB minified, ${(gzip / 1024).toFixed(1)} KiB gzip (i18next included); ${localeChunks.length} locale chunks`,
  );
  expect(gzip).toBeLessThan(24 * 1024);
});
