import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { defaultDeskDir } from './desk.js';
import { ensureAdminToken, registerAdminToken } from './auth.js';
import { AuditTrail, auditKey } from './audit.js';
import { SearchIndex, searchKey } from './security/blindIndex.js';
import { indexUnsummarisedCases } from './store/caseIndex.js';
import { AnswerKeys, kekRingFor } from './security/answerKeys.js';
import { openDatabase, type Database } from './db/database.js';
import { jobHandlers } from './jobs/handlers.js';
import { JobQueue } from './jobs/queue.js';
import type { Services } from './services.js';
import { backfillFacts } from './reports/facts.js';
import { sealStoredReplies } from './store/idempotency.js';
import { sealReferralNotes } from './store/referrals.js';
import { sealApprovalComments } from './routes/approvals.js';

export interface ServerOptions {
  /** Data folder: the admin token, and PGlite's files when no database URL is given. Default `./komek-data`. */
  dataDir?: string;
  /** `postgres://…` to use PostgreSQL 15+ instead of the embedded PGlite. */
  databaseUrl?: string | undefined;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  logger?: boolean;
  /** Run jobs in this process (default: on PGlite only; on PostgreSQL `komek worker` does). */
  worker?: boolean;
  /** The built case desk served at `/` (default apps/desk/dist); `false` serves only the API. */
  deskDir?: string | false;
  /** Where to say what happened (the token file's path, the address); never the token. */
  log?: (line: string) => void;
  /**
   * How long `close` waits for the requests in flight before it closes every connection (default 10 s): a client
   * that never finishes sending its request must not keep the server from stopping.
   */
  stopGraceMs?: number;
}

export interface RunningServer {
  app: FastifyInstance;
  services: Services;
  url: string;
  /**
   * Stops accepting, finishes requests in flight (closing the connections still busy after `stopGraceMs`), stops the
   * jobs loop, closes the database.
   */
  close(): Promise<void>;
}

/** Opens the database (migrating it), makes the admin token on first start, and listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dataDir = resolve(options.dataDir ?? 'komek-data');
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const token = ensureAdminToken(dataDir);
  if (token.created)
    log(`komek: wrote a new admin API token to ${token.path} (mode 0600); send it as "Authorization: Bearer <token>"`);
  const database = await openDatabase({ url: options.databaseUrl, dataDir });
  let services: Services;
  try {
    await registerAdminToken(database.db, token.token);
    // Keys live outside the database: <data>/keys/ (0600) or KOMEK_KEK / KOMEK_AUDIT_KEY.
    const keys = await AnswerKeys.open(database.db, kekRingFor(dataDir));
    const audit = new AuditTrail(database.db, auditKey(dataDir));
    const search = new SearchIndex(searchKey(dataDir));
    // Cases stored before case summaries existed get theirs (and their search terms) now.
    await indexUnsummarisedCases(database.db, keys, search);
    const sealed = await sealReferralNotes(database.db, keys);
    if (sealed) log(`komek: sealed the notes of ${sealed} referral(s) stored before notes were encrypted`);
    const comments = await sealApprovalComments(database.db, keys);
    if (comments) log(`komek: sealed the comments of ${comments} approval(s) decided before comments were encrypted`);
    const replies = await sealStoredReplies(database.db, keys);
    if (replies)
      log(`komek: sealed ${replies} stored repl(ies) to idempotent requests kept in plaintext by an earlier version`);
    const backfilled = await backfillFacts(database.db, keys);
    if (backfilled) log(`komek: recorded the report facts of ${backfilled} case(s) stored before reports existed`);
    services = { database, jobs: new JobQueue(database, jobHandlers, keys), keys, search, audit, dataDir };
  } catch (e) {
    await database.close();
    throw e;
  }
  const jobs = services.jobs;
  const desk = options.deskDir === false ? undefined : (options.deskDir ?? defaultDeskDir);
  const app = await buildApp(services, {
    logger: options.logger ?? false,
    ...(desk !== undefined ? { deskDir: desk } : {}),
  });
  const runJobs = options.worker ?? database.kind === 'pglite';
  try {
    await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 8080 });
  } catch (e) {
    await database.close();
    throw e;
  }
  if (runJobs) jobs.start();
  const address = app.server.address();
  const url =
    typeof address === 'object' && address
      ? `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`
      : String(address);
  let closing: Promise<void> | undefined;
  return {
    app,
    services,
    url,
    close: () =>
      (closing ??= (async () => {
        // Requests in flight finish; a connection still busy after the grace period (a body that never ends) is
        // closed, so that a stop does not wait on a client.
        const deadline = setTimeout(() => app.server.closeAllConnections(), options.stopGraceMs ?? 10_000);
        try {
          await app.close();
        } finally {
          clearTimeout(deadline);
        }
        await jobs.stop();
        await database.close();
      })()),
  };
}

/** Opens a database only to migrate it (`komek db migrate`); the versions applied. */
export async function migrateDatabase(options: {
  dataDir?: string;
  databaseUrl?: string | undefined;
}): Promise<{ applied: number[]; kind: Database['kind'] }> {
  const { migrate } = await import('./db/migrations.js');
  const database = await openDatabase({
    url: options.databaseUrl,
    dataDir: resolve(options.dataDir ?? 'komek-data'),
    migrate: false,
  });
  try {
    return { applied: await migrate(database.db), kind: database.kind };
  } finally {
    await database.close();
  }
}
