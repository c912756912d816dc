/**
 * The administrator's commands against a real data folder (PGlite): people and tokens made by the CLI can sign in
 * and submit; `komek audit verify` finds a changed row; `komek keys rotate` keeps every answer readable.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '@komek/server';
import { fixture, komekCli, startTestServer, type TestServer } from './harness.js';

const komek = komekCli;

describe('komek users, tokens, audit verify, keys rotate', () => {
  let t: TestServer | undefined;
  afterAll(() => t?.close());

  it('works on a data folder between server runs', async () => {
    t = await startTestServer('pglite', inject('postgresUrl'));
    const dataDir = t.dataDir;
    const c = (await t.api('POST', '/api/cases', { body: { country: 'kz' } })).body;
    const s = (
      await t.api('POST', `/api/cases/${c.id}/submissions`, {
        body: { formId: 'kz-f1-initial-application', data: fixture('kz-f1-initial-application') },
        headers: { 'idempotency-key': randomUUID() },
      })
    ).body;
    await t.server.close();

    const add = komek(
      'users',
      'add',
      '--data',
      dataDir,
      '--username',
      'amina',
      '--name',
      'Amina S.',
      '--role',
      'specialist',
      '--organisation',
      'Default organisation',
    );
    expect(add.status, add.stderr).toBe(0);
    const password = add.stdout.trim();
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(add.stderr).not.toContain(password);
    const token = komek(
      'tokens',
      'create',
      '--data',
      dataDir,
      '--scope',
      'submit',
      '--organisation',
      'Default organisation',
      '--forms',
      'kz-f1-initial-application',
    );
    expect(token.status, token.stderr).toBe(0);
    expect(token.stdout.trim()).toMatch(/^kmk_[0-9a-f]{12}_/);

    const rotate = komek('keys', 'rotate', '--data', dataDir);
    expect(rotate.status, rotate.stderr).toBe(0);
    expect(rotate.stdout).toMatch(/re-wrapped 1 data key/);

    t = await startTestServer('pglite', inject('postgresUrl'), { dataDir });
    const signIn = await t.api('POST', '/api/session', { token: null, body: { username: 'amina', password } });
    expect(signIn.status).toBe(200);
    expect((await t.api('GET', `/api/submissions/${s.id}`)).body.data.fullName).toBe(
      fixture('kz-f1-initial-application').fullName,
    );
    const viaToken = await t.api('POST', '/api/cases', {
      token: token.stdout.trim(),
      body: { country: 'kz' },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(viaToken.status).toBe(201);
    await t.server.close();

    const ok = komek('audit', 'verify', '--data', dataDir);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/audit trail intact: \d+ entries/);
    const db = await openDatabase({ dataDir });
    const row = await db.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'session.create')
      .executeTakeFirstOrThrow();
    await db.db.updateTable('audit_log').set({ origin: '10.0.0.9' }).where('seq', '=', row.seq).execute();
    await db.close();
    const broken = komek('audit', 'verify', '--data', dataDir);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(`audit trail broken at entry ${row.seq}`);
  }, 300_000);

  it('says when naming an organisation makes a new one, refuses a name that differs from one only in capitals or spaces, and a name that is not text', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'komek-cli-orgs-'));
    const add = (username: string, organisation: string, name = 'Aliya Seitkali') =>
      komek(
        'users',
        'add',
        '--data',
        dataDir,
        '--username',
        username,
        '--name',
        name,
        '--role',
        'specialist',
        '--organisation',
        organisation,
      );
    try {
      const first = add('aliya', 'Crisis centre Almaty');
      expect(first.status, first.stderr).toBe(0);
      expect(first.stderr).toContain('made the new organisation "Crisis centre Almaty"');
      const slip = add('bolat', 'crisis centre  Almaty ');
      expect(slip.status).toBe(2);
      expect(slip.stderr).toContain('did you mean "Crisis centre Almaty"?');
      const control = add('bolat', 'Crisis centre Almaty', 'Bolat\u0007');
      expect(control.status).toBe(2);
      expect(control.stderr).toContain('--name: character 6 is not text (U+0007');
      const colleague = add('bolat', ' Crisis centre Almaty ');
      expect(colleague.status, colleague.stderr).toBe(0);
      expect(colleague.stderr).not.toContain('new organisation');
      const list = komek('users', 'list', '--data', dataDir);
      expect(list.stdout.match(/Crisis centre Almaty/g)).toHaveLength(2);
      expect(list.stdout).not.toMatch(/crisis centre {2}Almaty/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
