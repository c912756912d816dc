import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startServer, type RunningServer, type ServerOptions } from '@komek/server';

export type Engine = 'pglite' | 'postgresql';
export const engines: Engine[] = ['pglite', 'postgresql'];

/** A new empty database in the test cluster. */
export async function newDatabase(clusterUrl: string): Promise<string> {
  const name = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const client = new pg.Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  return clusterUrl.replace(/\/[^/]*$/, `/${name}`);
}

export interface TestServer {
  server: RunningServer;
  url: string;
  token: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** fetch on the API with the token; JSON in and out. */
  api(
    method: string,
    path: string,
    o?: { body?: unknown; headers?: Record<string, string>; raw?: string | Uint8Array; token?: string | null },
  ): Promise<{ status: number; headers: Headers; body: any; bytes: Uint8Array }>;
  close(): Promise<void>;
}

/** Starts a server on a free loopback port with a fresh data folder (and, for PostgreSQL, a fresh database). */
export async function startTestServer(
  engine: Engine,
  clusterUrl: string,
  options: Partial<ServerOptions> = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'komek-server-'));
  const databaseUrl = engine === 'postgresql' ? await newDatabase(clusterUrl) : undefined;
  const server = await startServer({ dataDir, databaseUrl, port: 0, log: () => {}, ...options });
  const token = readFileSync(join(dataDir, 'admin.token'), 'utf8').trim();
  return {
    server,
    url: server.url,
    token,
    dataDir,
    databaseUrl,
    async api(method, path, o = {}) {
      const headers: Record<string, string> = {
        ...(o.token === null ? {} : { authorization: `Bearer ${o.token ?? token}` }),
        ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...o.headers,
      };
      const payload = o.raw ?? (o.body !== undefined ? JSON.stringify(o.body) : undefined);
      const res = await fetch(server.url + path, {
        method,
        headers,
        ...(payload !== undefined ? { body: payload as string } : {}),
      });
      const bytes = new Uint8Array(await res.arrayBuffer());
      const type = res.headers.get('content-type') ?? '';
      const body =
        type.includes('json') && bytes.length
          ? JSON.parse(new TextDecoder().decode(bytes))
          : type.startsWith('text/')
            ? new TextDecoder().decode(bytes)
            : undefined;
      return { status: res.status, headers: res.headers, body, bytes };
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fixture of a form (test/fixtures/forms/<id>/<name>.json). */
export function fixture(formId: string, name = 'valid-1'): Record<string, any> {
  return JSON.parse(readFileSync(new URL(`../fixtures/forms/${formId}/${name}.json`, import.meta.url), 'utf8'));
}

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs the `komek` CLI from source in a child process, as an operator would between server runs. The keys come
 * from the data folder only: the environment's KOMEK_KEK, KOMEK_AUDIT_KEY and KOMEK_SEARCH_KEY are cleared.
 */
export function komekCli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(root, 'packages/cli/src/bin.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, KOMEK_KEK: '', KOMEK_AUDIT_KEY: '', KOMEK_SEARCH_KEY: '' },
  });
}
