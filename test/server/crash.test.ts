/**
 * What a crash or a second process must not do: a change committed without its audit entry (or an entry for a change
 * that did not happen), two processes writing one embedded database, a damaged data folder reported as a stack.
 */
import { randomUUID } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { auditKey, createUser, openDatabase, verifyAuditTrail } from '@komek/server';
import { engines, fixture, komekCli, startTestServer } from './harness.js';

describe.each(engines)('a change and its audit entry on %s', { timeout: 60_000 }, (engine) => {
  it('commit together: an entry that cannot be written undoes the change, and the retry does it once', async () => {
    const t = await startTestServer(engine, inject('postgresUrl'));
    const db = t.server.services.database.db;
    try {
      const caseId = (await t.api('POST', '/api/cases', { body: { country: 'kz' } })).body.id as string;
      // The trail refuses the entries of new submissions and referral answers: as if the process ended between the
      // change and its entry. (Both ways of writing an entry: in a transaction of its own, or in the change's.)
      const refused = new Set(['submission.create', 'referral.update']);
      const audit = t.server.services.audit as unknown as Record<string, (...args: any[]) => Promise<void>>;
      for (const method of ['append', 'appendIn']) {
        const write = audit[method]?.bind(audit);
        if (write)
          audit[method] = (...args: any[]) =>
            refused.has((args[args.length - 1] as { action: string }).action)
              ? Promise.reject(new Error('trail unavailable'))
              : write(...args);
      }
      const key = randomUUID();
      const post = () =>
        t.api('POST', `/api/cases/${caseId}/submissions`, {
          body: { formId: 'kz-f4-interview-consent', data: fixture('kz-f4-interview-consent') },
          headers: { 'idempotency-key': key },
        });
      const failed = await post();
      expect(failed.status).toBe(500);
      // Nothing of the request stays: no submission, no revision, no key that would replay a reply never given.
      expect(await db.selectFrom('submissions').select('id').where('case_id', '=', caseId).execute()).toEqual([]);
      expect(await db.selectFrom('submission_revisions').select('submission_id').execute()).toEqual([]);
      expect(await db.selectFrom('idempotency_keys').select('key').where('key', '=', key).execute()).toEqual([]);

      refused.clear();
      const stored = await post();
      expect(stored.status).toBe(201);
      expect(stored.headers.get('idempotent-replayed')).toBeNull();
      const again = await post();
      expect([again.status, again.headers.get('idempotent-replayed'), again.body.id]).toEqual([
        201,
        'true',
        stored.body.id,
      ]);

      // A status change is its entry too.
      const referral = await t.api('POST', `/api/cases/${caseId}/referrals`, {
        body: { receivingBody: 'Shelter', kind: 'shelter', sections: ['kz-f4-interview-consent'] },
      });
      expect(referral.status).toBe(201);
      refused.add('referral.update');
      const accept = await t.api('POST', `/api/referrals/${referral.body.id}/status`, { body: { status: 'accepted' } });
      expect(accept.status).toBe(500);
      expect((await t.api('GET', `/api/cases/${caseId}`)).body.referrals[0].status).toBe('sent');
      refused.clear();
      const accepted = await t.api('POST', `/api/referrals/${referral.body.id}/status`, {
        body: { status: 'accepted' },
      });
      expect(accepted.status).toBe(200);

      // A sign-in is its session and its entry: no session that the trail does not record.
      const organisationId = (await db.selectFrom('organisations').select('id').executeTakeFirstOrThrow()).id;
      const password = 'correct-horse-battery-1';
      const user = await createUser(db, {
        organisationId,
        username: 'aliya',
        displayName: 'Aliya',
        roles: ['specialist'],
        password,
      });
      const signIn = () => t.api('POST', '/api/session', { body: { username: 'aliya', password }, token: null });
      refused.add('session.create');
      expect((await signIn()).status).toBe(500);
      expect(await db.selectFrom('sessions').select('user_id').execute()).toEqual([]);
      refused.clear();
      expect((await signIn()).status).toBe(200);
      expect(await db.selectFrom('sessions').select('user_id').execute()).toEqual([{ user_id: user.id }]);

      // The trail names each change once, with its record, and nothing that did not happen.
      const entries = await db
        .selectFrom('audit_log')
        .select(['action', 'target', 'outcome'])
        .where('outcome', '=', 'ok')
        .where('action', 'in', [
          'case.create',
          'submission.create',
          'referral.create',
          'referral.update',
          'session.create',
        ])
        .orderBy('seq')
        .execute();
      expect(entries).toEqual([
        { action: 'case.create', target: `case:${caseId}`, outcome: 'ok' },
        { action: 'submission.create', target: `submission:${stored.body.id}`, outcome: 'ok' },
        { action: 'submission.create', target: `submission:${stored.body.id}`, outcome: 'ok' },
        { action: 'referral.create', target: `referral:${referral.body.id}`, outcome: 'ok' },
        { action: 'referral.update', target: `referral:${referral.body.id}`, outcome: 'ok' },
        { action: 'session.create', target: `user:${user.id}`, outcome: 'ok' },
      ]);
      expect((await verifyAuditTrail(db, auditKey(t.dataDir))).problem).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});

describe('one process per embedded data folder', { timeout: 120_000 }, () => {
  it('a second open of a folder in use is refused naming the folder; a lock left by an ended process is taken over', async () => {
    const t = await startTestServer('pglite', inject('postgresUrl'));
    const lock = join(t.dataDir, 'pglite.lock');
    try {
      expect(readFileSync(lock, 'utf8').split('\n')[0]).toBe(String(process.pid));
      await expect(openDatabase({ dataDir: t.dataDir })).rejects.toMatchObject({
        code: 'KOMEK_DATA_FOLDER',
        reason: 'in-use',
      });
      // The same folder through a link is the same folder.
      const link = join(mkdtempSync(join(tmpdir(), 'komek-link-')), 'data');
      symlinkSync(t.dataDir, link);
      await expect(openDatabase({ dataDir: link })).rejects.toMatchObject({ reason: 'in-use' });
      rmSync(dirname(link), { recursive: true, force: true });
      // Another process: one line naming the folder, the process holding it and what to do; exit 3, no stack.
      const second = komekCli('serve', '--data', t.dataDir, '--port', '0', '--quiet');
      expect(second.status, second.stderr).toBe(3);
      expect(second.stderr).toBe(
        `komek serve: the data folder ${t.dataDir} is in use by another Komek process (process id ${process.pid}); ` +
          'the embedded database is opened by one process at a time. Stop that process (komek serve, or a komek ' +
          `users, tokens, audit, keys, reports or search command) and try again; if no Komek process runs, remove ${lock}\n`,
      );
      // The running server is untouched and keeps writing.
      expect((await t.api('POST', '/api/cases', { body: { country: 'kg' } })).status).toBe(201);
    } finally {
      await t.server.close();
    }
    expect(() => readFileSync(lock)).toThrow();
    // A process killed while it held the folder leaves its lock behind: a process id that no longer runs.
    const ended = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    writeFileSync(lock, `${ended.stdout.trim()}\n`);
    const reopened = await openDatabase({ dataDir: t.dataDir });
    try {
      expect(await reopened.db.selectFrom('cases').select('country').execute()).toEqual([{ country: 'kg' }]);
    } finally {
      await reopened.close();
    }
    // A container restarted after a crash numbers its processes anew: the lock's process id is now another process,
    // alive (here this test's parent), but not the one that wrote the lock (it started at another time).
    if (existsSync('/proc/sys/kernel/random/boot_id')) {
      writeFileSync(lock, `${process.ppid}\n${readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()}/1\n`);
      const again = await openDatabase({ dataDir: t.dataDir });
      await again.close();
    }
    rmSync(t.dataDir, { recursive: true, force: true });
  });

  it('a token or key file, or a data folder, that cannot be used stops the start with one line naming it, exit 3', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'komek-token-'));
    try {
      // What a process killed while making the token file on its first start could leave.
      writeFileSync(join(dataDir, 'admin.token'), '');
      const empty = komekCli('serve', '--data', dataDir, '--port', '0', '--quiet');
      expect(empty.status, empty.stderr).toBe(3);
      expect(empty.stderr).toBe(
        `komek serve: ${join(dataDir, 'admin.token')}: holds no valid token (expected 32 or more characters); ` +
          'delete it to make a new one\n',
      );
      // A file named as the data folder.
      const notAFolder = join(dataDir, 'admin.token');
      const file = komekCli('serve', '--data', notAFolder, '--port', '0', '--quiet');
      expect(file.status, file.stderr).toBe(3);
      expect(file.stderr).toBe(
        `komek serve: cannot use the data folder: EEXIST: file already exists, mkdir '${notAFolder}' ` +
          '(--data must name a folder this user may write in)\n',
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a damaged embedded database is reported naming its folder and what to do', async () => {
    const t = await startTestServer('pglite', inject('postgresUrl'));
    await t.server.close();
    const damaged = mkdtempSync(join(tmpdir(), 'komek-damaged-'));
    try {
      cpSync(t.dataDir, damaged, { recursive: true });
      truncateSync(join(damaged, 'pglite', 'global', 'pg_control'), 0);
      const opened = openDatabase({ dataDir: damaged });
      await expect(opened).rejects.toMatchObject({ code: 'KOMEK_DATA_FOLDER', reason: 'unreadable' });
      await expect(opened).rejects.toThrow(
        `the embedded database in ${join(damaged, 'pglite')} cannot be opened: its files are damaged or were not ` +
          'written by this version of Komek. Restore the data folder from a backup, or move it aside to start an empty one',
      );
      // The failed open does not keep the folder: the same process may open it again once restored.
      copyFileSync(join(t.dataDir, 'pglite', 'global', 'pg_control'), join(damaged, 'pglite', 'global', 'pg_control'));
      const restored = await openDatabase({ dataDir: damaged });
      await restored.close();
    } finally {
      rmSync(damaged, { recursive: true, force: true });
      rmSync(t.dataDir, { recursive: true, force: true });
    }
  });
});

describe('stopping (SIGTERM) with requests in flight', { timeout: 60_000 }, () => {
  it('finishes the request in flight; one arriving meanwhile gets the API’s 503 with Retry-After; the database closes', async () => {
    const t = await startTestServer('pglite', inject('postgresUrl'));
    const db = t.server.services.database.db;
    // PGlite has one connection: a transaction held open keeps the next request waiting for it, in flight.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let held!: () => void;
    const holding = new Promise<void>((r) => (held = r));
    const transaction = db.transaction().execute(async () => {
      held();
      await gate;
    });
    await holding;
    const { hostname, port } = new URL(t.url);
    const socket = connect(Number(port), hostname);
    let received = '';
    socket.on('data', (b) => (received += b.toString('utf8')));
    const ended = new Promise<void>((r) => socket.on('close', () => r()));
    await new Promise<void>((r) => socket.once('connect', () => r()));
    const body = '{"country":"tj"}';
    const request = (path: string) =>
      `POST ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer ${t.token}\r\n` +
      `Content-Type: application/json\r\nAccept-Language: ru\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    socket.write(request('/api/cases'));
    await new Promise((r) => setTimeout(r, 200));
    const closing = t.server.close();
    // The same connection, while the server stops: no longer served, but answered.
    socket.write(request('/api/cases'));
    await new Promise((r) => setTimeout(r, 200));
    release();
    await transaction;
    await closing;
    await ended;
    const replies = received.split(/(?=HTTP\/1\.1 )/);
    expect(replies.map((r) => r.slice(0, 12))).toEqual(['HTTP/1.1 201', 'HTTP/1.1 503']);
    const [head, json] = replies[1]!.split('\r\n\r\n');
    expect(head).toMatch(/\r\nretry-after: 5\r\n/i);
    expect(JSON.parse(json!)).toEqual({
      code: 'stopping',
      message: 'Сервер останавливается. Повторите через несколько секунд.',
    });
    // The request in flight was stored; the second was not; the database was closed and opens again.
    const reopened = await openDatabase({ dataDir: t.dataDir });
    try {
      expect(await reopened.db.selectFrom('cases').select('country').execute()).toEqual([{ country: 'tj' }]);
    } finally {
      await reopened.close();
      rmSync(t.dataDir, { recursive: true, force: true });
    }
  });
});

describe('stopping while a client never finishes its request', { timeout: 60_000 }, () => {
  it('closes that connection after the grace period instead of waiting for it, and closes the database', async () => {
    const t = await startTestServer('pglite', inject('postgresUrl'), { stopGraceMs: 500 });
    const { hostname, port } = new URL(t.url);
    const socket = connect(Number(port), hostname);
    const ended = new Promise<void>((r) => socket.on('close', () => r()));
    socket.on('data', () => {});
    await new Promise<void>((r) => socket.once('connect', () => r()));
    // Headers and a piece of the body, no token: the rest of the body never comes.
    socket.write(
      `POST /api/cases HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\n` +
        'Content-Length: 100\r\n\r\n{"coun',
    );
    await new Promise((r) => setTimeout(r, 300));
    try {
      const stopped = await Promise.race([
        t.server.close().then(() => 'stopped'),
        new Promise((r) => setTimeout(() => r('still waiting'), 8_000)),
      ]);
      expect(stopped).toBe('stopped');
      await ended;
      const reopened = await openDatabase({ dataDir: t.dataDir });
      await reopened.close();
    } finally {
      socket.destroy();
      await t.server.close();
      rmSync(t.dataDir, { recursive: true, force: true });
    }
  });
});
