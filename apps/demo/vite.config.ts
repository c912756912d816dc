import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The module behind `komek.js`, the one script an embedding site includes. */
const elementEntry = here('./src/embed/komek.ts');

/**
 * Serves `/komek.js` in development the way the build emits it, so embed.html keeps the exact snippet a host site
 * copies (`<script type="module" src="./komek.js">`), marked `vite-ignore` so Vite leaves that tag alone.
 */
function komekScript(): Plugin {
  return {
    name: 'komek-demo:komek-js',
    apply: 'serve',
    resolveId(id) {
      return id === '/komek.js' || id === './komek.js' ? elementEntry : undefined;
    },
  };
}

/** Puts the header every page shares (src/shared/header.html) where a page has `<!-- site-header -->`. */
function siteHeader(): Plugin {
  const file = here('./src/shared/header.html');
  return {
    name: 'komek-demo:site-header',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        return html.replace('<!-- site-header -->', readFileSync(file, 'utf8').trim());
      },
    },
  };
}

export default defineConfig({
  root: here('.'),
  base: './',
  plugins: [siteHeader(), komekScript()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // pdf-lib and the DejaVu fonts are large; they load only when a PDF is asked for.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      input: {
        index: here('./index.html'),
        embed: here('./embed.html'),
        react: here('./react.html'),
        'print-desk': here('./print-desk.html'),
        komek: elementEntry,
      },
      // Embedding sites load the element from a URL that does not change between releases: `komek.js`.
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: (chunk) => (chunk.name === 'komek' ? 'komek.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  // The print desk's worker (src/desk/desk.worker.ts) loads forms, messages and @komek/pdf in chunks of its own.
  worker: { format: 'es' },
  preview: { port: 5173, strictPort: true },
  server: { port: 5173 },
});
