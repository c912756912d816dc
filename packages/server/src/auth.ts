import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { DEFAULT_ORGANISATION_ID } from './db/migrations.js';
import type { Db } from './store/types.js';
import { KeyFileError } from './security/keyFile.js';

/**
 * Roles, named after the SOPs' actors: the specialist (case worker), the head of service (approves decisions and
 * plans), a member of the coordinating body, the organisation's administrator (people, tokens, audit trail), and a
 * reporting role that sees aggregates only. `administrator` is the server's own bootstrap token.
 */
export const roles = ['specialist', 'head-of-service', 'coordinator', 'org-admin', 'reporting'] as const;
export type Role = (typeof roles)[number] | 'administrator';

/** Who makes a request: a person signed in, an administrator's token, or an embedding site's submit token. */
export interface Principal {
  /** Stable id, stored as `created_by`, as the owner of idempotency keys and as the audit trail's actor. */
  id: string;
  kind: 'admin-token' | 'api-token' | 'user';
  organisationId: string;
  roles: readonly Role[];
  /** A submit token's forms (empty: any form of the catalog). */
  forms?: readonly string[];
  /** A person's session: its CSRF token, checked on every request that changes something. */
  session?: { idHash: string; csrfToken: string; userId: string };
}

/** The administrator's token file in a data folder. */
export function adminTokenPath(dataDir: string): string {
  return join(dataDir, 'admin.token');
}

/** The id under which the bootstrap token is kept in `api_tokens` (revoke it with `komek tokens revoke admin`). */
export const ADMIN_TOKEN_ID = 'admin';

/**
 * Reads the admin token of a data folder, creating it (mode 0600) on first start. Returns the token and whether it
 * was created; callers print the path, never the token. The file is written whole under another name and then
 * linked in place, so a process killed while making it leaves no empty token file behind.
 */
export function ensureAdminToken(dataDir: string): { token: string; path: string; created: boolean } {
  const path = adminTokenPath(dataDir);
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(path)) {
    const token = `kmk_${randomBytes(32).toString('base64url')}`;
    const draft = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(draft, `${token}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(draft, 0o600);
    try {
      linkSync(draft, path);
      return { token, path, created: true };
    } catch (e) {
      // Made meanwhile by another process starting on this folder: that one is the token.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      unlinkSync(draft);
    }
  }
  const token = readFileSync(path, 'utf8').trim();
  if (token.length < 32)
    throw new KeyFileError(path, 'holds no valid token (expected 32 or more characters); delete it to make a new one');
  return { token, path, created: false };
}

/** SHA-256 of a secret, hex: tokens and session ids are stored only so. */
export const secretHash = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Registers the bootstrap token in `api_tokens` on first start (once revoked, it stays revoked). */
export async function registerAdminToken(db: Db, token: string): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      id: ADMIN_TOKEN_ID,
      token_hash: secretHash(token),
      organisation_id: DEFAULT_ORGANISATION_ID,
      scope: 'admin',
      forms: [],
      label: 'bootstrap token (admin.token)',
      created_at: new Date(),
      revoked_at: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** A new API token: `kmk_<id>_<secret>`; only its hash is stored. */
export async function createApiToken(
  db: Db,
  o: { organisationId: string; scope: 'admin' | 'submit'; forms?: readonly string[]; label?: string },
): Promise<{ id: string; token: string }> {
  const id = randomBytes(6).toString('hex');
  const token = `kmk_${id}_${randomBytes(32).toString('base64url')}`;
  await db
    .insertInto('api_tokens')
    .values({
      id,
      token_hash: secretHash(token),
      organisation_id: o.organisationId,
      scope: o.scope,
      forms: [...(o.forms ?? [])],
      label: o.label ?? '',
      created_at: new Date(),
      revoked_at: null,
    })
    .execute();
  return { id, token };
}

/** The principal of `Authorization: Bearer <token>`, or undefined (unknown or revoked). */
export async function authenticateToken(db: Db, header: string | undefined): Promise<Principal | undefined> {
  const m = /^Bearer\s+(\S{16,512})\s*$/i.exec(header ?? '');
  if (!m) return undefined;
  const hash = secretHash(m[1]!);
  const row = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row || !timingSafeEqual(Buffer.from(row.token_hash), Buffer.from(hash))) return undefined;
  if (row.scope === 'admin')
    return {
      id: row.id === ADMIN_TOKEN_ID ? 'admin' : `token:${row.id}`,
      kind: 'admin-token',
      organisationId: row.organisation_id,
      roles: ['administrator'],
    };
  return { id: `token:${row.id}`, kind: 'api-token', organisationId: row.organisation_id, roles: [], forms: row.forms };
}

/** Session lifetimes: signed out after 30 minutes without a request, and 12 hours after signing in at the latest. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_MAX_MS = 12 * 60 * 60 * 1000;
/** The session cookie: HTTP-only, Secure, SameSite=Strict. */
export const SESSION_COOKIE = 'komek_session';

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** The principal of a session cookie, or undefined (unknown, expired, idle too long, user disabled). */
export async function authenticateSession(db: Db, cookie: string | undefined): Promise<Principal | undefined> {
  if (!cookie || cookie.length < 20 || cookie.length > 200) return undefined;
  const idHash = secretHash(cookie);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id_hash',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'sessions.created_at',
      'users.id as user_id',
      'users.organisation_id',
      'users.roles',
      'users.disabled_at',
      'users.sessions_valid_after',
    ])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const now = Date.now();
  const expired =
    new Date(row.expires_at).getTime() <= now ||
    new Date(row.last_seen_at).getTime() + SESSION_IDLE_MS <= now ||
    row.disabled_at !== null ||
    new Date(row.created_at).getTime() < new Date(row.sessions_valid_after).getTime();
  if (expired) {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return undefined;
  }
  if (now - new Date(row.last_seen_at).getTime() > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: new Date() }).where('id_hash', '=', idHash).execute();
  }
  return {
    id: row.user_id,
    kind: 'user',
    organisationId: row.organisation_id,
    roles: row.roles as Role[],
    session: { idHash, csrfToken: row.csrf_token, userId: row.user_id },
  };
}

/** Starts a session (always a new id: a session id from before sign-in is never kept). The cookie value and CSRF token. */
export async function createSession(
  db: Db,
  userId: string,
): Promise<{ cookie: string; csrfToken: string; expiresAt: Date }> {
  const cookie = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + SESSION_MAX_MS);
  await db
    .insertInto('sessions')
    .values({
      id_hash: secretHash(cookie),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
    })
    .execute();
  await db
    .deleteFrom('sessions')
    .where('expires_at', '<', sql<Date>`now()`)
    .execute();
  return { cookie, csrfToken, expiresAt };
}

/** Whether a CSRF header matches the session's token (constant time). */
export function csrfMatches(sent: string | undefined, expected: string): boolean {
  if (!sent) return false;
  const a = Buffer.from(secretHash(sent));
  const b = Buffer.from(secretHash(expected));
  return timingSafeEqual(a, b);
}
