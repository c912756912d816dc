import { CliError, exitCodes } from '../errors.js';
import { parseOptions, refuseExtraArguments, UsageError } from '../options.js';
import { serverPackage } from './serverPackage.js';

/** Startup failures said plainly: a data folder that cannot be used, a database that does not answer, a port taken. */
async function starting<T>(what: Promise<T>): Promise<T> {
  try {
    return await what;
  } catch (e) {
    const { isUnavailable } = await serverPackage();
    const err = e as NodeJS.ErrnoException;
    // The data folder held by another process, its embedded database damaged, a key or token file that cannot be
    // used: the message names the folder or the file.
    if (err.code === 'KOMEK_DATA_FOLDER' || err.code === 'key-file')
      throw new CliError('KOMEK_CANNOT_READ', err.message, exitCodes.input, { cause: e });
    // A file or folder of the data folder that cannot be made or written (a file named as the folder, no
    // permission, a read-only or full disk): not a fault of komek, and not the port's.
    if (err.syscall !== undefined && err.syscall !== 'listen' && err.path !== undefined)
      throw new CliError(
        'KOMEK_CANNOT_READ',
        `cannot use the data folder: ${err.message} (--data must name a folder this user may write in)`,
        exitCodes.input,
        { cause: e },
      );
    if (err.code === 'EADDRINUSE')
      throw new UsageError(`the port is taken by another program (${err.message}); choose another with --port`);
    if (err.code === 'EACCES')
      throw new UsageError(`not allowed to listen there (${err.message}); ports below 1024 need privileges`);
    if (isUnavailable(e) || err.code === '28P01' || err.code === '3D000')
      throw new CliError('KOMEK_CANNOT_READ', `cannot use the database: ${err.message}`, exitCodes.input, { cause: e });
    throw e;
  }
}

/** `--database` or KOMEK_DATABASE_URL; undefined for the embedded PGlite. */
function databaseUrl(options: Record<string, string | boolean>): string | undefined {
  const url = typeof options.database === 'string' ? options.database : process.env.KOMEK_DATABASE_URL || undefined;
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url))
    throw new UsageError(`--database must be a postgres:// URL (got "${url.split('@').pop()}")`);
  return url;
}

function dataDir(options: Record<string, string | boolean>): string {
  return typeof options.data === 'string' ? options.data : 'komek-data';
}

/** The usage of `komek serve`. */
export const SERVE_USAGE =
  'usage: komek serve [--data DIR] [--database URL] [--host 127.0.0.1] [--port 8080] [--quiet]';

/** The usage of `komek db`. */
export const DB_USAGE = 'usage: komek db migrate [--data DIR] [--database URL]';

/** The usage of `komek worker`. */
export const WORKER_USAGE = 'usage: komek worker --database URL [--data DIR] [--once]';

/** `komek serve [--data DIR] [--database URL] [--host 127.0.0.1] [--port 8080]`. */
export async function serveCommand(args: string[]): Promise<number> {
  const { options, positional } = parseOptions(args, {
    data: 'string',
    database: 'string',
    host: 'string',
    port: 'string',
    quiet: 'boolean',
  });
  if (positional.length) throw new UsageError(`unexpected argument "${positional[0]}" (${SERVE_USAGE})`);
  // Number('') and Number(' ') are 0, which would listen on a random port: only digits are a port.
  const port = typeof options.port === 'string' ? (/^\d{1,5}$/.test(options.port) ? Number(options.port) : NaN) : 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a port number, got "${options.port}"`);
  const host = typeof options.host === 'string' ? options.host : '127.0.0.1';
  const { startServer } = await serverPackage();
  const server = await starting(
    startServer({
      dataDir: dataDir(options),
      databaseUrl: databaseUrl(options),
      host,
      port,
      logger: options.quiet !== true,
    }),
  );
  process.stderr.write(
    `komek: serving on ${server.url} (database: ${server.services.database.kind}; API description: ${server.url}/docs)\n`,
  );
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1')
    process.stderr.write(
      'komek: listening beyond this machine: put TLS in front (a reverse proxy) before anyone uses it\n',
    );
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.stderr.write(`komek: ${signal}: finishing requests in flight (at most 10 s), then stopping\n`);
      server.close().then(resolve, (e) => {
        process.stderr.write(`komek: ${(e as Error).message}\n`);
        resolve();
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
}

/** `komek db migrate [--data DIR] [--database URL]`. */
export async function dbCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'migrate') throw new UsageError(DB_USAGE);
  const { options, positional } = parseOptions(rest, { data: 'string', database: 'string' });
  refuseExtraArguments(positional, DB_USAGE);
  const { migrateDatabase, latestVersion } = await serverPackage();
  const { applied, kind } = await starting(
    migrateDatabase({ dataDir: dataDir(options), databaseUrl: databaseUrl(options) }),
  );
  console.log(
    applied.length
      ? `${kind}: applied migration${applied.length > 1 ? 's' : ''} ${applied.join(', ')}; schema at version ${latestVersion}`
      : `${kind}: schema already at version ${latestVersion}`,
  );
  return 0;
}

/** `komek worker --database URL [--once]`: runs queued jobs (PDF batches, exports) until stopped. */
export async function workerCommand(args: string[]): Promise<number> {
  const { options, positional } = parseOptions(args, {
    database: 'string',
    data: 'string',
    once: 'boolean',
    'idle-ms': 'string',
  });
  refuseExtraArguments(positional, WORKER_USAGE);
  const url = databaseUrl(options);
  if (!url)
    throw new UsageError(
      'komek worker needs --database postgres://… (on the embedded database, komek serve runs the jobs itself)',
    );
  const { openDatabase, JobQueue, jobHandlers, AnswerKeys, kekRingFor } = await serverPackage();
  const database = await starting(openDatabase({ url, poolSize: 2 }));
  // The answers a job reads are encrypted: the worker needs the same key-encryption keys as the server (--data or KOMEK_KEK).
  const keys = await AnswerKeys.open(database.db, kekRingFor(dataDir(options), false));
  const queue = new JobQueue(database, jobHandlers, keys, {
    idleMs: typeof options['idle-ms'] === 'string' ? Number(options['idle-ms']) : 1000,
  });
  process.stderr.write(`komek worker ${queue.workerId}: waiting for jobs\n`);
  if (options.once === true) {
    while (await queue.runOne()) {
      // one job after another until none waits
    }
  } else {
    queue.start();
    await new Promise<void>((resolve) => {
      process.once('SIGTERM', resolve);
      process.once('SIGINT', resolve);
    });
    await queue.stop();
  }
  await database.close();
  process.stderr.write(
    `komek worker ${queue.workerId}: stopped after ${queue.done} job${queue.done === 1 ? '' : 's'}\n`,
  );
  return 0;
}
