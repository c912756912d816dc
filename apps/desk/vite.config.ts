import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { elementSourcePlugins } from '../../packages/elements/vite.config.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The desk is served by `komek serve` at `/`; in development Vite passes `/api` on to a running server.
 *
 * It is an installable web app: the service worker (Workbox, generated at build time) precaches the desk's shell,
 * every form's chunk (schema, validator, messages) and its fonts, so the desk opens and forms fill without a
 * connection. It caches nothing from `/api`: answers about people are never kept by the service worker. What the
 * desk keeps for offline use (submissions waiting to be sent) it keeps itself, encrypted (src/queue.ts).
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1200 },
  server: { port: 5174, proxy: { '/api': process.env.KOMEK_SERVER ?? 'http://127.0.0.1:8080' } },
  plugins: [
    // `<komek-form>` built from source as the element's own build has it: a form loads its own messages file.
    ...elementSourcePlugins(),
    VitePWA({
      // The desk registers the worker itself (src/offline.ts) and reloads only when the person is not typing.
      injectRegister: false,
      registerType: 'prompt',
      manifest: {
        name: 'Komek — case desk',
        short_name: 'Komek',
        description: 'Case work for migrants in Kazakhstan, Kyrgyz Republic and Tajikistan',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b5cad',
        icons: [
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,woff2,svg,png,webmanifest}'],
        // The forms' chunks are many and some are large: all of them are precached so any form opens offline.
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        // Only the desk's own page falls back to the cached shell; the API, the API docs and the other pages the
        // server serves go to the network as they are.
        navigateFallback: 'index.html',
        navigateFallbackAllowlist: [/^\/$/, /^\/index\.html$/],
        navigateFallbackDenylist: [/^\/api\//, /^\/docs/, /^\/openapi\.json/],
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
      },
    }),
  ],
});
