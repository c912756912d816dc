import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/**
 * Copies the locale files of `@komek/i18n` beside `komek.js` as `locales/<lang>/<namespace>.json`, fetched when a
 * form or language is first used. Only the texts: review status, source lines and notes are for translators. Of
 * the English files only `ui.json` (English form texts are the schemas' own).
 */
function localeFiles(): Plugin {
  const dir = fileURLToPath(new URL('../i18n/locales/', import.meta.url));
  return {
    name: 'komek-locale-files',
    generateBundle() {
      for (const lang of readdirSync(dir)) {
        for (const file of readdirSync(join(dir, lang))) {
          if (!file.endsWith('.json') || (lang === 'en' && file !== 'ui.json')) continue;
          const entries = JSON.parse(readFileSync(join(dir, lang, file), 'utf8')) as Record<string, { text?: unknown }>;
          const texts: Record<string, string> = {};
          for (const [key, entry] of Object.entries(entries)) {
            if (key !== '$meta' && typeof entry?.text === 'string' && entry.text !== '') texts[key] = entry.text;
          }
          this.emitFile({ type: 'asset', fileName: `locales/${lang}/${file}`, source: JSON.stringify(texts) });
        }
      }
    },
  };
}

/** Lit `css` templates are kept as written by the bundler: drop their comments and layout whitespace. */
function compactCss(): Plugin {
  return {
    name: 'komek-compact-css',
    transform(code, id) {
      if (!/[\\/]elements[\\/]src[\\/].*\.ts$/.test(id) || !code.includes('css`')) return null;
      const out = code.replace(/css`([^`]*)`/g, (_, body: string) => {
        const compact = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/:\s+/g, ':')
          .replace(/;}/g, '}')
          .trim();
        return `css\`${compact}\``;
      });
      return { code: out, map: null };
    },
  };
}

/**
 * Library build: `dist/komek.js` is the one module a page loads; schema bundles, validators and locale files are
 * chunks beside it, fetched when a form or language is first used.
 */
export default defineConfig({
  plugins: [localeFiles(), compactCss()],
  define: { __KOMEK_STANDALONE__: 'true' },
  build: {
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'komek.js' },
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    minify: true,
    // Read by scripts/size.mjs to tell which chunk is which.
    manifest: true,
    rolldownOptions: {
      // Library mode leaves ES output unminified for other bundlers; this file goes to browsers as it is.
      output: { chunkFileNames: 'chunks/[name]-[hash].js', minify: true },
    },
  },
});
