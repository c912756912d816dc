import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { migrate } from './migrations.js';
import { PGliteDialect } from './pgliteDialect.js';
import type { Tables } from './tables.js';

/** Which engine stores the data. */
export type DatabaseKind = 'pglite' | 'postgresql';

/** An open database: typed queries, its kind, a liveness check and close. */
export interface Database {
  db: Kysely<Tables>;
  kind: DatabaseKind;
  /** Whether the database answers now. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…`: PostgreSQL 15+. Without it, PGlite stored in `dataDir`. */
  url?: string | undefined;
  /** The data folder (PGlite's files live in `<dataDir>/pglite`). */
  dataDir?: string | undefined;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /** Run the migrations on open (default true). */
  migrate?: boolean;
}

// int8 (counts, sums) as numbers: the figures here stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// date as the ISO day, not a Date at local midnight.
pg.types.setTypeParser(1082, (v) => v);

/** Opens (and by default migrates) PostgreSQL at `url`, or PGlite in `dataDir`. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let database: Database;
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 20,
      connectionTimeoutMillis: 5_000,
    });
    // A dropped idle connection must not end the process: the next query reports it (503) and the pool reconnects.
    pool.on('error', () => {});
    const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
    database = {
      db,
      kind: 'postgresql',
      ping: () =>
        sql`select 1`.execute(db).then(
          () => true,
          () => false,
        ),
      close: () => db.destroy(),
    };
  } else {
    if (!options.dataDir) throw new Error('openDatabase: give a data folder or a postgres:// URL');
    mkdirSync(options.dataDir, { recursive: true });
    const unlock = lockDataFolder(options.dataDir);
    let pglite: PGlite;
    try {
      pglite = await PGlite.create(`${options.dataDir}/pglite`, {
        parsers: { 1082: (v: string) => v, 20: (v: string) => Number(v) },
      });
    } catch (e) {
      unlock();
      const folder = join(options.dataDir, 'pglite');
      // PostgreSQL's own reason when it gives one; WebAssembly's "Aborted(). Build with -sASSERTIONS …" says nothing.
      const said = String((e as Error)?.message ?? e).split('\n')[0]!;
      const reason = /^Aborted\(/.test(said) ? '' : ` (${said})`;
      throw new DataFolderError(
        'unreadable',
        `the embedded database in ${folder} cannot be opened${reason}: ` +
          `its files are damaged or were not written by this version of Komek. Restore the data folder from a ` +
          `backup, or move it aside to start an empty one`,
        { cause: e },
      );
    }
    const db = new Kysely<Tables>({ dialect: new PGliteDialect(pglite) });
    database = {
      db,
      kind: 'pglite',
      ping: () =>
        sql`select 1`.execute(db).then(
          () => true,
          () => false,
        ),
      close: async () => {
        try {
          await db.destroy();
          await pglite.close();
        } finally {
          unlock();
        }
      },
    };
  }
  if (options.migrate !== false) {
    try {
      await migrate(database.db);
    } catch (e) {
      await database.close().catch(() => {});
      throw e;
    }
  }
  return database;
}

/** A data folder the embedded database cannot use: another process has it open, or its files cannot be read. */
export class DataFolderError extends Error {
  readonly code = 'KOMEK_DATA_FOLDER';
  constructor(
    readonly reason: 'in-use' | 'unreadable',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DataFolderError';
  }
}

/** Lock files held by this process (a second open of the same folder in one process is refused too). */
const heldLocks = new Set<string>();

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * What tells a process from a later one given the same id, where the system says it (Linux: the boot and the
 * process's start time), else ''. A container restarted after a crash numbers its processes again from 1: the id in
 * a lock can then be another process's, alive, and only this tells the lock is stale.
 */
function processIdentity(pid: number): string {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (name) state ppid …": the start time is the 22nd field, the 20th after the name.
    const startTime = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return startTime ? `${boot}/${startTime}` : '';
  } catch {
    return '';
  }
}

/** Whether the process a lock names still runs: its id is in use, and (where known) by the same process. */
function holds(lock: string): { pid: number; alive: boolean } {
  const [id, identity = ''] = lock.trim().split('\n');
  const pid = Number(id);
  if (!Number.isInteger(pid) || pid <= 0) return { pid, alive: false };
  if (!running(pid)) return { pid, alive: false };
  const now = identity && processIdentity(pid);
  return { pid, alive: !now || now === identity };
}

/**
 * PGlite is PostgreSQL in one process, without the postmaster's lock: two processes opening one folder would each
 * write its files and corrupt them. `<data>/pglite.lock` names the process that has it open (its id, and where the
 * system tells it, its start). A lock left by a process that has ended (killed, crashed, the machine or container
 * restarted) is taken over. Returns the release.
 */
export function lockDataFolder(dataDir: string): () => void {
  // The folder's real path: the same folder reached through a link is the same lock.
  const path = join(realpathSync(dataDir), 'pglite.lock');
  const mine = `${process.pid}\n${processIdentity(process.pid)}\n`;
  for (let attempt = 0; attempt < 5; attempt++) {
    // Written whole under another name, then linked: the lock file never exists without its content.
    const draft = `${path}.${process.pid}.${attempt}`;
    writeFileWhole(draft, mine);
    try {
      linkSync(draft, path);
      heldLocks.add(path);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldLocks.delete(path);
        try {
          if (readFileSync(path, 'utf8') === mine) unlinkSync(path);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      unlinkSync(draft);
    }
    let found: string;
    try {
      found = readFileSync(path, 'utf8');
    } catch {
      continue; // released meanwhile: try again
    }
    const holder = holds(found);
    if (heldLocks.has(path) || (holder.alive && found !== mine))
      throw new DataFolderError(
        'in-use',
        `the data folder ${dataDir} is in use by another Komek process (process id ${holder.pid}); the embedded ` +
          `database is opened by one process at a time. Stop that process (komek serve, or a komek users, tokens, ` +
          `audit, keys, reports or search command) and try again; if no Komek process runs, remove ${path}`,
      );
    // Left by a process that has ended. Moved aside before it is removed: of two processes taking over the same
    // lock, one moves it; the other finds nothing to move, or a new lock, which it puts back.
    const aside = `${path}.${process.pid}.stale`;
    try {
      renameSync(path, aside);
    } catch {
      continue;
    }
    const moved = readFileSync(aside, 'utf8');
    if (moved !== found) {
      try {
        linkSync(aside, path);
      } catch {
        // yet another process has it now: the next attempt sees it
      }
    }
    unlinkSync(aside);
  }
  throw new DataFolderError('in-use', `the data folder ${dataDir} is being opened by another process; try again`);
}

function writeFileWhole(path: string, text: string) {
  const fd = openSync(path, 'w', 0o600);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/** Whether an error means the database cannot be reached now (the request may be retried later). */
export function isUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  if (!e) return false;
  if (
    typeof e.code === 'string' &&
    (/^(08|57P)/.test(e.code) ||
      ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'].includes(e.code))
  )
    return true;
  return (
    typeof e.message === 'string' &&
    /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i.test(
      e.message,
    )
  );
}
