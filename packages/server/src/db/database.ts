import { mkdirSync } from 'node:fs';
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
    const pglite = await PGlite.create(`${options.dataDir}/pglite`, {
      parsers: { 1082: (v: string) => v, 20: (v: string) => Number(v) },
    });
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
        await db.destroy();
        await pglite.close();
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
