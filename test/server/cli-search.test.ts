/**
 * `komek search reindex` against a real data folder (PGlite) between server runs: after the search key is replaced,
 * no case is found until the index is rebuilt under the new key; then it is, and under no other name.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { fixture, komekCli, startTestServer, type TestServer } from './harness.js';

const komek = komekCli;

describe('komek search reindex', () => {
  let t: TestServer | undefined;
  afterAll(() => t?.close());

  it('rebuilds the blind index under a replaced search key, so that cases are found again', async () => {
    t = await startTestServer('pglite', inject('postgresUrl'), { deskDir: false });
    const dataDir = t.dataDir;
    const restart = async () => {
      await t!.server.close();
      t = await startTestServer('pglite', inject('postgresUrl'), { deskDir: false, dataDir });
    };
    const found = async (q: string) =>
      (await t!.api('GET', `/api/cases?q=${encodeURIComponent(q)}`)).body.cases.map((c: { id: string }) => c.id);
    const c = (
      await t.api('POST', '/api/cases', { body: { country: 'kz' }, headers: { 'idempotency-key': randomUUID() } })
    ).body.id as string;
    const stored = await t.api('POST', `/api/cases/${c}/submissions`, {
      body: {
        formId: 'kz-f1-initial-application',
        data: { ...fixture('kz-f1-initial-application'), fullName: 'Ержанова Динара' },
      },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(stored.status).toBe(201);
    expect(await found('ержанова')).toEqual([c]);

    // The search key is replaced (say it was exposed): the terms made under the old one match nothing now.
    writeFileSync(join(dataDir, 'keys', 'search.key'), `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    await restart();
    expect(await found('ержанова')).toEqual([]);
    await t.server.close();

    const usage = komek('search', 'rebuild', '--data', dataDir);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('komek search reindex');
    const reindex = komek('search', 'reindex', '--data', dataDir);
    expect(reindex.status, reindex.stderr).toBe(0);
    expect(reindex.stdout).toContain('search index rebuilt for 1 case(s)');
    t = await startTestServer('pglite', inject('postgresUrl'), { deskDir: false, dataDir });
    expect(await found('ержанова')).toEqual([c]);
    expect(await found('динара ержанова')).toEqual([c]);
    expect(await found('омарова')).toEqual([]);
    await t.server.close();

    // Without the key the command makes none (terms under a new key would match nothing the servers compute).
    rmSync(join(dataDir, 'keys', 'search.key'));
    const keyless = komek('search', 'reindex', '--data', dataDir);
    expect(keyless.status).not.toBe(0);
    expect(keyless.stderr).toMatch(/search\.key: missing; .*KOMEK_SEARCH_KEY/);
    expect(existsSync(join(dataDir, 'keys', 'search.key'))).toBe(false);
  });
});
