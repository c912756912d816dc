/**
 * `komek reports region` and `komek reports rebuild` against a real data folder (PGlite) between server runs: the
 * region reaches the facts of the organisation's cases, and rebuilt facts equal those written at submission.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '@komek/server';
import { fixture, komekCli, startTestServer, type TestServer } from './harness.js';

const komek = komekCli;

describe('komek reports region, rebuild', () => {
  let t: TestServer | undefined;
  afterAll(() => t?.close());

  it('sets an organisation’s region on its cases’ facts and re-derives facts from the sealed answers', async () => {
    t = await startTestServer('pglite', inject('postgresUrl'), { deskDir: false });
    const dataDir = t.dataDir;
    const c = (
      await t.api('POST', '/api/cases', { body: { country: 'kz' }, headers: { 'idempotency-key': randomUUID() } })
    ).body;
    for (const formId of ['kz-f1-initial-application', 'kz-f4-interview-consent', 'kz-f5-identification-application'])
      expect(
        (
          await t.api('POST', `/api/cases/${c.id}/submissions`, {
            body: { formId, data: fixture(formId) },
            headers: { 'idempotency-key': randomUUID() },
          })
        ).status,
      ).toBe(201);
    await t.server.close();

    const wrong = komek('reports', 'region', '--data', dataDir, '--organisation', 'Nobody', '--region', 'Almaty');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('no organisation named "Nobody"');
    const region = komek(
      'reports',
      'region',
      '--data',
      dataDir,
      '--organisation',
      'Default organisation',
      '--region',
      'Almaty',
    );
    expect(region.status, region.stderr).toBe(0);

    let database = await openDatabase({ dataDir });
    const before = await database.db
      .selectFrom('report_cases')
      .selectAll()
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(before.region).toBe('Almaty');
    await database.db.deleteFrom('report_deadlines').where('case_id', '=', c.id).execute();
    await database.db.deleteFrom('report_cases').where('case_id', '=', c.id).execute();
    await database.close();

    const rebuild = komek('reports', 'rebuild', '--data', dataDir);
    expect(rebuild.status, rebuild.stderr).toBe(0);
    expect(rebuild.stdout).toContain('report facts rebuilt for 1 case(s)');
    database = await openDatabase({ dataDir });
    try {
      const after = await database.db
        .selectFrom('report_cases')
        .selectAll()
        .where('case_id', '=', c.id)
        .executeTakeFirstOrThrow();
      const { recorded_at: _a, ...was } = before;
      const { recorded_at: _b, ...is } = after;
      expect(is).toEqual(was);
      expect(is).toMatchObject({ identification: 'identified', region: 'Almaty', step: 'step-5' });
    } finally {
      await database.close();
    }
  });
});
