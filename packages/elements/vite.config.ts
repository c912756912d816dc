import { defineConfig, type Plugin } from 'vite';

/**
 * Locale files carry, per message, its review status, source line and printed number for translators: the
 * browser needs the text only. Stripping the rest halves the locale chunks.
 */
function localeTextsOnly(): Plugin {
  return {
    name: 'komek-locale-texts-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]i18n[\\/]locales[\\/][^\\/]+[\\/][^\\/]+\.json$/.test(id)) return null;
      const file = JSON.parse(code) as Record<string, { text?: unknown }>;
      const texts: Record<string, string> = {};
      for (const [key, entry] of Object.entries(file)) {
        if (key !== '$meta' && typeof entry?.text === 'string' && entry.text !== '') texts[key] = entry.text;
      }
      return { code: JSON.stringify(texts), map: null };
    },
  };
}

/**
 * Library build: `dist/komek.js` is the one module a page loads; schema bundles, validators and locale files are
 * chunks beside it, fetched when a form or language is first used.
 */
export default defineConfig({
  plugins: [localeTextsOnly()],
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
