/**
 * What a crash or a second process must not do: two processes writing one embedded database, a damaged data folder
 * reported as a stack.
 */
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { openDatabase } from '@komek/server';
import { komekCli, startTestServer } from './harness.js';

describe('one process per embedded data folder', { timeout: 120_000 }, () => {
  it('a second open of a folder in use is refused naming the folder; a lock left by an ended process is taken over', async () => {
    const t = await startTestServer('pglite', inject('postgresUrl'));
    const lock = join(t.dataDir, 'pglite.lock');
    try {
      expect(readFileSync(lock, 'utf8').trim()).toBe(String(process.pid));
      await expect(openDatabase({ dataDir: t.dataDir })).rejects.toMatchObject({
        code: 'KOMEK_DATA_FOLDER',
        reason: 'in-use',
      });
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
      rmSync(t.dataDir, { recursive: true, force: true });
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
