/**
 * Serves the built demo (apps/demo/dist) with `vite preview` on a free port for the end-to-end tests. The demo is
 * built only when dist is missing or older than a source it is built from (or with KOMEK_E2E_REBUILD=1): `pnpm demo`
 * builds it, and the tests check what it built.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const demoDir = fileURLToPath(new URL('../../apps/demo/', import.meta.url));
const viteBin = fileURLToPath(new URL('../../apps/demo/node_modules/vite/bin/vite.js', import.meta.url));
/** What the demo is built from: its own pages and code, and the packages' sources and messages. */
const sources = [
  'apps/demo/src',
  'apps/demo/index.html',
  'apps/demo/embed.html',
  'apps/demo/react.html',
  'apps/demo/print-desk.html',
  'apps/demo/vite.config.ts',
  'packages/core/src',
  'packages/forms/src',
  'packages/i18n/src',
  'packages/i18n/locales',
  'packages/elements/src',
  'packages/pdf/src',
].map((p) => fileURLToPath(new URL(`../../${p}`, import.meta.url)));

/** The newest modification time under a file or folder (tests and node_modules left out). */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  let latest = statSync(path).mtimeMs;
  try {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || /\.test\.ts$/.test(entry.name)) continue;
      latest = Math.max(
        latest,
        entry.isDirectory() ? newest(`${path}/${entry.name}`) : statSync(`${path}/${entry.name}`).mtimeMs,
      );
    }
  } catch {
    // A file, not a folder.
  }
  return latest;
}

/** Whether dist is missing or older than anything it is built from. */
function demoIsStale(): boolean {
  const built = `${demoDir}dist/index.html`;
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return sources.some((s) => newest(s) > builtAt);
}

declare module 'vitest' {
  interface ProvidedContext {
    /** Where the built demo is served, e.g. `http://127.0.0.1:41234/`. */
    demoUrl: string;
  }
}

/** A port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Runs `vite <args>` in apps/demo; resolves when it exits with 0. */
function vite(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [viteBin, ...args], { cwd: demoDir, stdio: 'inherit' });
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite ${args.join(' ')} exited with ${code}`)),
    );
  });
}

async function waitForHttp(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > end) throw new Error(`${url} did not answer within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export default async function setup(project: {
  provide(key: 'demoUrl', value: string): void;
}): Promise<() => Promise<void>> {
  // A demo already served elsewhere (e.g. by `pnpm demo`): test that one, build nothing.
  const given = process.env.KOMEK_E2E_URL;
  if (given) {
    await waitForHttp(given, 10_000);
    project.provide('demoUrl', given.endsWith('/') ? given : `${given}/`);
    return async () => {};
  }
  if (process.env.KOMEK_E2E_REBUILD === '1' || demoIsStale()) {
    await vite(['build', '--logLevel', 'warn']);
  }
  const port = await freePort();
  const preview = spawn(
    process.execPath,
    [viteBin, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    {
      cwd: demoDir,
      stdio: 'ignore',
    },
  );
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitForHttp(url, 30_000);
  } catch (e) {
    preview.kill();
    throw e;
  }
  project.provide('demoUrl', url);
  return async () => {
    if (preview.exitCode === null) {
      const exited = new Promise<void>((resolve) => preview.once('exit', () => resolve()));
      preview.kill('SIGTERM');
      await exited;
    }
  };
}
