import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The desk is served by `komek serve` at `/`; in development Vite passes `/api` on to a running server. */
export default defineConfig({
  root: here('.'),
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1200 },
  server: { port: 5174, proxy: { '/api': process.env.KOMEK_SERVER ?? 'http://127.0.0.1:8080' } },
});
