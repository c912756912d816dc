import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { textProblemIn } from '@komek/core';
import { CliError, exitCodes } from '../errors.js';
import { parseOptions, refuseExtraArguments, UsageError } from '../options.js';
import { serverPackage } from './serverPackage.js';

/**
 * The administrator's commands: people (`users`), API tokens (`tokens`), the audit trail (`audit verify`) and the
 * key-encryption key (`keys rotate`). Each opens the database as `komek serve` does (`--data DIR`, or
 * `--database URL` with the keys in `--data` or the environment). On the embedded database only one process may
 * open the data folder: stop the server first.
 */
const common = { data: 'string', database: 'string' } as const;

async function openStore(options: Record<string, string | boolean>) {
  const url = typeof options.database === 'string' ? options.database : process.env.KOMEK_DATABASE_URL || undefined;
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url))
    throw new UsageError(`--database must be a postgres:// URL (got "${url.split('@').pop()}")`);
  const dataDir = resolve(typeof options.data === 'string' ? options.data : 'komek-data');
  const server = await serverPackage();
  let database;
  try {
    database = await server.openDatabase({ url, dataDir });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'KOMEK_DATA_FOLDER')
      throw new CliError('KOMEK_CANNOT_READ', err.message, exitCodes.input, { cause: e });
    throw new CliError(
      'KOMEK_CANNOT_READ',
      `cannot open the database${url ? '' : ` in ${dataDir}`}: ${err.message}${url ? '' : ' (is `komek serve` running on this folder? stop it first)'}`,
      exitCodes.input,
      { cause: e },
    );
  }
  return { server, database, dataDir };
}

async function withStore<T>(
  options: Record<string, string | boolean>,
  work: (s: Awaited<ReturnType<typeof openStore>>) => Promise<T>,
): Promise<T> {
  const store = await openStore(options);
  try {
    return await work(store);
  } catch (e) {
    // A key file or variable that cannot be used: one line naming it, exit 3 (an input that cannot be read).
    if (e instanceof store.server.KeyFileError)
      throw new CliError('KOMEK_CANNOT_READ', e.message, exitCodes.input, { cause: e });
    throw e;
  } finally {
    await store.database.close();
  }
}

/** The usage of `komek users`. */
export const USERS_USAGE =
  'usage: komek users add --username NAME --name "Full name" --role specialist|head-of-service|coordinator|org-admin|reporting[,…] --organisation "Org" [--password-stdin]\n       komek users list [--organisation "Org"]\n       komek users disable --username NAME';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/**
 * The organisation of this name, made when none has it (and said so). A name that differs from an existing one only
 * in capitals or spaces is a slip, refused naming the existing one: it would put the person (or token) in an
 * organisation of its own, seeing none of their colleagues' cases.
 */
async function organisationFor(
  store: Pick<Awaited<ReturnType<typeof openStore>>, 'server' | 'database'>,
  name: string,
) {
  const { server, database } = store;
  const names = (await database.db.selectFrom('organisations').select('name').execute()).map((o) => o.name);
  if (!names.includes(name)) {
    const fold = (n: string) => n.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
    const close = names.find((n) => fold(n) === fold(name));
    if (close !== undefined)
      throw new UsageError(
        `--organisation "${name}": no organisation has this name; did you mean "${close}"? (a new name makes a new organisation, whose people see no other organisation's cases)`,
      );
    process.stderr.write(`komek: made the new organisation "${name}"\n`);
  }
  return server.organisationNamed(database.db, name);
}

/**
 * A name given on the command line (a person's, an organisation's), as it is shown to others: spaces around it and
 * runs of spaces inside it folded, at most 200 characters, and nothing that is not text (a control character or a
 * broken one, pasted from elsewhere).
 */
function plainText(option: string, value: string): string {
  const text = value.trim().replace(/\s+/g, ' ');
  const bad = textProblemIn(text);
  if (bad)
    throw new UsageError(
      `${option}: character ${[...text.slice(0, bad.index)].length + 1} is not text (${bad.character}, a control character or a broken one)`,
    );
  if (!text) throw new UsageError(`${option} is empty`);
  if ([...text].length > 200)
    throw new UsageError(`${option}: at most 200 characters (this one has ${[...text].length})`);
  return text;
}

/** `komek users add|list|disable`. */
export async function usersCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { options, positional } = parseOptions(rest, {
    ...common,
    username: 'string',
    name: 'string',
    role: 'string',
    organisation: 'string',
    'password-stdin': 'boolean',
  });
  refuseExtraArguments(positional, USERS_USAGE);
  if (sub === 'add') {
    const { username, name, role, organisation } = options;
    if (typeof username !== 'string' || typeof role !== 'string' || typeof organisation !== 'string')
      throw new UsageError(USERS_USAGE);
    if (!/^[a-z0-9._@-]{2,100}$/i.test(username))
      throw new UsageError(`--username "${username}": use 2–100 letters, digits, . _ @ or -`);
    const orgName = plainText('--organisation', organisation);
    const displayName = typeof name === 'string' ? plainText('--name', name) : username;
    return withStore(options, async ({ server, database }) => {
      const roles = role.split(',').map((r) => r.trim());
      const unknown = roles.filter((r) => !(server.roles as readonly string[]).includes(r));
      if (unknown.length)
        throw new UsageError(`--role: unknown role "${unknown[0]}" (one of ${server.roles.join(', ')})`);
      const generated = options['password-stdin'] !== true;
      const password = generated ? randomBytes(15).toString('base64url') : await readStdin();
      try {
        server.checkPasswordPolicy(password);
      } catch (e) {
        throw new CliError(
          'KOMEK_INVALID_ARGUMENT',
          `password from standard input: ${(e as Error).message}`,
          exitCodes.invalid,
        );
      }
      const exists = await database.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', username.toLowerCase())
        .executeTakeFirst();
      if (exists) throw new CliError('KOMEK_INVALID_ARGUMENT', `user "${username}" exists already`, exitCodes.invalid);
      const orgId = await organisationFor({ server, database }, orgName);
      await server.createUser(database.db, {
        organisationId: orgId,
        username,
        displayName,
        roles: roles as never,
        password,
      });
      process.stderr.write(`komek: added ${username.toLowerCase()} (${roles.join(', ')}) to ${orgName}\n`);
      if (generated) process.stdout.write(`${password}\n`);
      return 0;
    });
  }
  if (sub === 'list') {
    return withStore(options, async ({ server, database }) => {
      const orgId =
        typeof options.organisation === 'string'
          ? (
              await database.db
                .selectFrom('organisations')
                .select('id')
                .where('name', '=', options.organisation)
                .executeTakeFirst()
            )?.id
          : undefined;
      for (const u of await server.listUsers(database.db, orgId))
        console.log(
          [u.username, u.displayName, u.roles.join(','), u.organisation, u.disabled ? 'disabled' : 'active'].join('\t'),
        );
      return 0;
    });
  }
  if (sub === 'disable') {
    if (typeof options.username !== 'string') throw new UsageError(USERS_USAGE);
    const username = options.username;
    return withStore(options, async ({ server, database }) => {
      if (!(await server.disableUser(database.db, username)))
        throw new CliError('KOMEK_INVALID_ARGUMENT', `no user "${username}"`, exitCodes.invalid);
      process.stderr.write(`komek: ${username} disabled; every session of theirs ended\n`);
      return 0;
    });
  }
  throw new UsageError(USERS_USAGE);
}

/** The usage of `komek tokens`. */
export const TOKENS_USAGE =
  'usage: komek tokens create --scope submit|admin --organisation "Org" [--forms id,id] [--label TEXT]\n       komek tokens list\n       komek tokens revoke ID';

/** `komek tokens create|list|revoke`: `create` prints the new token once on standard output. */
export async function tokensCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { options, positional } = parseOptions(rest, {
    ...common,
    scope: 'string',
    organisation: 'string',
    forms: 'string',
    label: 'string',
  });
  refuseExtraArguments(positional, TOKENS_USAGE, sub === 'revoke' ? 1 : 0);
  if (sub === 'create') {
    const { scope, organisation } = options;
    if (scope !== 'submit' && scope !== 'admin')
      throw new UsageError(`--scope must be submit or admin\n${TOKENS_USAGE}`);
    if (typeof organisation !== 'string') throw new UsageError(TOKENS_USAGE);
    const orgName = plainText('--organisation', organisation);
    const forms =
      typeof options.forms === 'string'
        ? options.forms
            .split(',')
            .map((f) => f.trim())
            .filter(Boolean)
        : [];
    const { catalog } = await import('@komek/forms');
    const unknown = forms.find((f) => !catalog.some((e) => e.id === f));
    if (unknown) throw new UsageError(`--forms: no form "${unknown}" (komek forms lists them)`);
    return withStore(options, async ({ server, database }) => {
      const orgId = await organisationFor({ server, database }, orgName);
      const { id, token } = await server.createApiToken(database.db, {
        organisationId: orgId,
        scope,
        forms,
        label: typeof options.label === 'string' ? options.label : '',
      });
      process.stderr.write(
        `komek: token ${id} (${scope}${forms.length ? `: ${forms.join(', ')}` : ''}) for ${orgName}; it is shown once, keep it safe\n`,
      );
      process.stdout.write(`${token}\n`);
      return 0;
    });
  }
  if (sub === 'list') {
    return withStore(options, async ({ database }) => {
      const rows = await database.db
        .selectFrom('api_tokens')
        .innerJoin('organisations', 'organisations.id', 'api_tokens.organisation_id')
        .select([
          'api_tokens.id',
          'api_tokens.scope',
          'api_tokens.forms',
          'api_tokens.label',
          'api_tokens.revoked_at',
          'organisations.name',
        ])
        .orderBy('api_tokens.created_at')
        .execute();
      for (const r of rows)
        console.log(
          [r.id, r.scope, r.forms.join(',') || '*', r.name, r.label, r.revoked_at ? 'revoked' : 'active'].join('\t'),
        );
      return 0;
    });
  }
  if (sub === 'revoke') {
    const id = positional[0];
    if (!id) throw new UsageError(TOKENS_USAGE);
    return withStore(options, async ({ database }) => {
      const r = await database.db
        .updateTable('api_tokens')
        .set({ revoked_at: new Date() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!r)
        throw new CliError('KOMEK_INVALID_ARGUMENT', `no active token "${id}" (komek tokens list)`, exitCodes.invalid);
      process.stderr.write(`komek: token ${id} revoked\n`);
      return 0;
    });
  }
  throw new UsageError(TOKENS_USAGE);
}

/** The usage of `komek audit`. */
export const AUDIT_USAGE = 'usage: komek audit verify [--data DIR] [--database URL]';

/** `komek audit verify`: exit 0 when the chain is whole, 1 naming the first changed, removed or reordered entry. */
export async function auditCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new UsageError(AUDIT_USAGE);
  const { options, positional } = parseOptions(rest, common);
  refuseExtraArguments(positional, AUDIT_USAGE);
  return withStore(options, async ({ server, database, dataDir }) => {
    const result = await server.verifyAuditTrail(database.db, server.auditKey(dataDir, { create: false }));
    if (result.problem) {
      console.log(
        `audit trail broken at entry ${result.problem.seq}: ${result.problem.message} (${result.problem.kind}); ${result.checked} entries before it are intact`,
      );
      return exitCodes.invalid;
    }
    console.log(`audit trail intact: ${result.checked} entries`);
    return 0;
  });
}

/** The usage of `komek keys`. */
export const KEYS_USAGE = 'usage: komek keys rotate [--data DIR] [--database URL]';

/**
 * `komek keys rotate`: with key files, makes a new key-encryption key; with KOMEK_KEK, uses the one set there (the
 * old one in KOMEK_KEK_PREVIOUS). Re-wraps every data key under it and starts a new data key. Answers are not
 * re-encrypted, so a server on PostgreSQL keeps running meanwhile.
 */
export async function keysCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'rotate') throw new UsageError(KEYS_USAGE);
  const { options, positional } = parseOptions(rest, common);
  refuseExtraArguments(positional, KEYS_USAGE);
  return withStore(options, async ({ server, database, dataDir }) => {
    const before = server.loadKekRing(dataDir, { create: true });
    const ring = before.source === 'file' ? server.addKek(dataDir) : before;
    const { rewrapped, newKeyId } = await server.rewrapDataKeys(database.db, ring);
    console.log(
      `re-wrapped ${rewrapped} data key${rewrapped === 1 ? '' : 's'} under key-encryption key ${ring.current.id}; new answers use data key ${newKeyId}`,
    );
    if (before.source === 'file')
      console.log(
        `the old key file kek-${before.current.id}.key is no longer needed once every server has restarted or read the new key; back up the new one`,
      );
    return 0;
  });
}

/** The usage of `komek reports`. */
export const REPORTS_USAGE =
  'usage: komek reports rebuild [--data DIR] [--database URL]\n       komek reports region --organisation "Org" --region "Region" [--data DIR] [--database URL]';

/**
 * `komek reports rebuild`: re-derives the de-identified facts reports count (every case, from its sealed answers);
 * `komek reports region`: sets the region of an organisation, which the facts of its cases carry.
 */
export async function reportsCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { options, positional } = parseOptions(rest, { ...common, organisation: 'string', region: 'string' });
  refuseExtraArguments(positional, REPORTS_USAGE);
  if (sub === 'rebuild')
    return withStore(options, async ({ server, database, dataDir }) => {
      const keys = await server.AnswerKeys.open(database.db, server.kekRingFor(dataDir));
      const n = await server.rebuildFacts(database.db, keys);
      console.log(`report facts rebuilt for ${n} case(s)`);
      return 0;
    });
  if (sub === 'region') {
    const { organisation, region } = options;
    if (typeof organisation !== 'string' || typeof region !== 'string') throw new UsageError(REPORTS_USAGE);
    if (!region.trim() || region.length > 200)
      throw new UsageError(`--region "${region}": give the region's name, 1–200 characters`);
    return withStore(options, async ({ database }) => {
      const org = await database.db
        .selectFrom('organisations')
        .select('id')
        .where('name', '=', organisation)
        .executeTakeFirst();
      if (!org)
        throw new CliError('KOMEK_INVALID_ARGUMENT', `no organisation named "${organisation}"`, exitCodes.invalid);
      await database.db.updateTable('organisations').set({ region: region.trim() }).where('id', '=', org.id).execute();
      await database.db
        .updateTable('report_cases')
        .set({ region: region.trim() })
        .where('organisation_id', '=', org.id)
        .execute();
      await database.db
        .updateTable('report_referrals')
        .set({ region: region.trim() })
        .where('organisation_id', '=', org.id)
        .execute();
      console.log(`region of "${organisation}" set to "${region.trim()}"`);
      return 0;
    });
  }
  throw new UsageError(REPORTS_USAGE);
}

/** The usage of `komek search`. */
export const SEARCH_USAGE = 'usage: komek search reindex [--data DIR] [--database URL]';

/**
 * `komek search reindex`: re-derives every case's summary and blind search terms under the search key in force
 * (`KOMEK_SEARCH_KEY` or `<data>/keys/search.key`) — after that key was replaced, or the schemas' summary fields
 * changed. Cases stay searchable under the old terms until each is re-indexed; run it with the servers stopped or
 * during a quiet hour.
 */
export async function searchCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'reindex') throw new UsageError(SEARCH_USAGE);
  const { options, positional } = parseOptions(rest, common);
  refuseExtraArguments(positional, SEARCH_USAGE);
  return withStore(options, async ({ server, database, dataDir }) => {
    const keys = await server.AnswerKeys.open(database.db, server.kekRingFor(dataDir));
    const search = new server.SearchIndex(server.searchKey(dataDir, { create: false }));
    const n = await server.reindexCases(database.db, keys, search);
    console.log(`search index rebuilt for ${n} case(s)`);
    return 0;
  });
}
