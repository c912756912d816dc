import { afterAll, describe, expect, inject, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnswerKeys, auditKey, kekRingFor, openDatabase, verifyAuditTrail, type Database } from '@komek/server';
import { openStoredReply } from '../../packages/server/src/store/idempotency.js';
import { engines, fixture, newDatabase, startTestServer } from './harness.js';
import { exited, komek } from './cli.js';
import { runLoad } from './load.js';
import { freePort, startCluster, type TestCluster } from './postgres.js';

/** Checks the database holds each acknowledged submission once, with its revision and key, and nothing half-written. */
async function expectExactlyOnce(database: Database, keyFolder: string, acked: Map<string, string>) {
  const db = database.db;
  const answerKeys = await AnswerKeys.open(db, kekRingFor(keyFolder));
  const submissions = await db.selectFrom('submissions').select(['id', 'revision']).execute();
  const ids = new Set(submissions.map((s) => s.id));
  for (const id of acked.values()) expect(ids.has(id)).toBe(true);
  const keys = await Promise.all(
    (await db.selectFrom('idempotency_keys').selectAll().execute()).map(async (k) => ({
      key: k.key,
      status: k.status,
      response: await openStoredReply(db, answerKeys, k),
    })),
  );
  expect(keys.filter((k) => k.status !== 201)).toEqual([]);
  // Every stored submission belongs to exactly one key, and every acknowledged key names the id it was given.
  expect(keys.length).toBe(submissions.length);
  const byKey = new Map(keys.map((k) => [k.key, (k.response as { id: string }).id]));
  for (const [key, id] of acked) expect(byKey.get(key)).toBe(id);
  expect(new Set(byKey.values()).size).toBe(keys.length);
  const revisions = await db.selectFrom('submission_revisions').select('submission_id').execute();
  expect(revisions.length).toBe(submissions.length);
  expect(submissions.every((s) => s.revision === 1)).toBe(true);
  // The trail names every stored submission and no other (a retry that replays names the same one again), and its
  // chain holds.
  const named = await db
    .selectFrom('audit_log')
    .select('target')
    .where('action', '=', 'submission.create')
    .where('outcome', '=', 'ok')
    .execute();
  expect(new Set(named.map((e) => e.target))).toEqual(new Set(submissions.map((s) => `submission:${s.id}`)));
  expect((await verifyAuditTrail(db, auditKey(keyFolder))).problem).toBeUndefined();
}

describe.each(engines)('faults on %s', { timeout: 420_000 }, (engine) => {
  it('bounded load with aborted requests and retries: every acknowledged submission stored exactly once', async () => {
    const t = await startTestServer(engine, inject('postgresUrl'));
    try {
      const caseIds: string[] = [];
      for (let i = 0; i < 10; i++)
        caseIds.push((await t.api('POST', '/api/cases', { body: { country: 'kz' } })).body.id);
      // 50 clients; 40 submissions each on PostgreSQL, 4 on PGlite (one connection, a fraction of the throughput).
      const perClient = engine === 'postgresql' ? 40 : 4;
      const r = await runLoad({
        baseUrl: () => t.url,
        token: t.token,
        caseIds,
        clients: 50,
        perClient,
        formId: 'kz-f1-initial-application',
        data: fixture('kz-f1-initial-application'),
        abortEvery: 9,
      });
      expect(r.acked.size).toBe(50 * perClient);
      expect(r.retries).toBeGreaterThan(0);
      await expectExactlyOnce(t.server.services.database, t.dataDir, r.acked);
    } finally {
      await t.close();
    }
  });

  it('kill -9 of the server mid-load, restart: every acknowledged submission present, nothing half-written', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'komek-kill-'));
    const databaseUrl = engine === 'postgresql' ? await newDatabase(inject('postgresUrl')) : undefined;
    const port = await freePort();
    const args = [
      'serve',
      '--data',
      dataDir,
      '--port',
      String(port),
      '--quiet',
      ...(databaseUrl ? ['--database', databaseUrl] : []),
    ];
    const ready = /serving on (http:\/\/[\d.:]+)/;
    let server = await komek(args, ready);
    const base = server.match[1]!;
    const token = readFileSync(join(dataDir, 'admin.token'), 'utf8').trim();
    try {
      const caseIds: string[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${base}/api/cases`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: '{"country":"kz"}',
        });
        caseIds.push(((await res.json()) as { id: string }).id);
      }
      let killed = false;
      let restarting: Promise<void> | undefined;
      const load = runLoad({
        baseUrl: () => base,
        token,
        caseIds,
        clients: 10,
        perClient: 10,
        formId: 'kz-f1-initial-application',
        data: fixture('kz-f1-initial-application'),
        requestDeadlineMs: 240_000,
        onAck: (n) => {
          if (killed || n < 30) return;
          killed = true;
          server.child.kill('SIGKILL');
          restarting = exited(server.child).then(async () => {
            server = await komek(args, ready);
          });
        },
      });
      const r = await load;
      await restarting;
      expect(killed).toBe(true);
      expect(r.acked.size).toBe(100);
      server.child.kill('SIGTERM');
      expect(await exited(server.child)).toBe(0);
      const database = await openDatabase({ url: databaseUrl, dataDir });
      try {
        await expectExactlyOnce(database, dataDir, r.acked);
      } finally {
        await database.close();
      }
    } finally {
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('faults on postgresql only', { timeout: 420_000 }, () => {
  let cluster: TestCluster | undefined;
  afterAll(() => cluster?.stop());

  it('database unreachable → 503 with Retry-After; the server keeps running and recovers', async () => {
    cluster = await startCluster();
    const t = await startTestServer('postgresql', cluster.url);
    try {
      const caseId = (await t.api('POST', '/api/cases', { body: { country: 'kz' } })).body.id;
      cluster.pause();
      const down = await t.api('POST', `/api/cases/${caseId}/submissions`, {
        body: { formId: 'kz-f1-initial-application', data: fixture('kz-f1-initial-application') },
        headers: { 'idempotency-key': 'outage-key-1' },
      });
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('5');
      expect(down.body.code).toBe('unavailable');
      const health = await t.api('GET', '/api/health');
      expect(health.status).toBe(503);
      // Not ready, but alive: an orchestrator waits rather than restarting a process that would find the same outage.
      const ready = await t.api('GET', '/api/health/ready', { token: null });
      expect([ready.status, ready.headers.get('retry-after')]).toEqual([503, '5']);
      expect((await t.api('GET', '/api/health/live', { token: null })).status).toBe(200);
      cluster.start();
      let again: Awaited<ReturnType<typeof t.api>> | undefined;
      for (let i = 0; i < 50; i++) {
        again = await t.api('POST', `/api/cases/${caseId}/submissions`, {
          body: { formId: 'kz-f1-initial-application', data: fixture('kz-f1-initial-application') },
          headers: { 'idempotency-key': 'outage-key-1' },
        });
        if (again.status !== 503) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(again!.status).toBe(201);
      expect((await t.api('GET', '/api/health')).body).toEqual({ status: 'ok', database: 'postgresql' });
      expect((await t.api('GET', '/api/health/ready', { token: null })).status).toBe(200);
      expect((await t.api('GET', `/api/cases/${caseId}`)).body.submissions).toHaveLength(1);
    } finally {
      await t.close();
    }
  });

  it('two komek worker processes on a batch of 200 PDFs: each made exactly once', async () => {
    const t = await startTestServer('postgresql', inject('postgresUrl'));
    const workers: Awaited<ReturnType<typeof komek>>[] = [];
    try {
      const caseId = (await t.api('POST', '/api/cases', { body: { country: 'kz' } })).body.id;
      const ids: string[] = [];
      const r = await runLoad({
        baseUrl: () => t.url,
        token: t.token,
        caseIds: [caseId],
        clients: 10,
        perClient: 20,
        formId: 'kz-f1-initial-application',
        data: fixture('kz-f1-initial-application'),
      });
      ids.push(...r.acked.values());
      expect(ids).toHaveLength(200);
      for (let i = 0; i < 2; i++)
        workers.push(
          await komek(
            ['worker', '--database', t.databaseUrl!, '--data', t.dataDir, '--idle-ms', '200'],
            /waiting for jobs/,
          ),
        );
      const queued = await t.api('POST', '/api/jobs/pdf', {
        body: { submissionIds: ids, lang: 'kk,ru', mode: 'final' },
      });
      expect(queued.status).toBe(202);
      let batch: any;
      for (let i = 0; i < 1200; i++) {
        batch = (await t.api('GET', `/api/jobs/${queued.body.batchId}`)).body;
        if (batch.done + batch.failed === 200) break;
        await new Promise((res) => setTimeout(res, 250));
      }
      expect(batch).toMatchObject({ total: 200, done: 200, failed: 0 });
      for (const w of workers) w.child.kill('SIGTERM');
      const codes = await Promise.all(workers.map((w) => exited(w.child)));
      expect(codes).toEqual([0, 0]);
      const db = t.server.services.database.db;
      const files = await db
        .selectFrom('job_files')
        .innerJoin('jobs', 'jobs.id', 'job_files.job_id')
        .select(['job_files.job_id', 'job_files.made_by', 'jobs.attempts'])
        .where('jobs.batch_id', '=', queued.body.batchId)
        .execute();
      expect(files).toHaveLength(200);
      expect(new Set(files.map((f) => f.job_id)).size).toBe(200);
      expect(files.every((f) => f.attempts === 1)).toBe(true);
      // Both workers took part, and what each says it made adds up to 200.
      const made = workers.map((w) => Number(/stopped after (\d+) job/.exec(w.output())?.[1]));
      expect(made[0]! + made[1]!).toBe(200);
      expect(made.every((n) => n > 0)).toBe(true);
      expect(new Set(files.map((f) => f.made_by)).size).toBe(2);
    } finally {
      for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
      await t.close();
    }
  });
});
