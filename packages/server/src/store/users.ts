import { randomUUID } from 'node:crypto';
import type { Role } from '../auth.js';
import { hashPassword } from '../security/passwords.js';
import type { Db } from './types.js';

/** A person who signs in (never with the password hash). */
export interface User {
  id: string;
  organisationId: string;
  username: string;
  displayName: string;
  roles: Role[];
  disabled: boolean;
  createdAt: string;
}

/** Failed sign-ins in a row before the account is locked, and for how long. */
export const LOCKOUT_AFTER = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

type Row = {
  id: string;
  organisation_id: string;
  username: string;
  display_name: string;
  roles: string[];
  disabled_at: Date | null;
  created_at: Date | string;
};
const toUser = (r: Row): User => ({
  id: r.id,
  organisationId: r.organisation_id,
  username: r.username,
  displayName: r.display_name,
  roles: r.roles as Role[],
  disabled: r.disabled_at !== null,
  createdAt: new Date(r.created_at).toISOString(),
});

/** The organisation of that name, created when missing. */
export async function organisationNamed(db: Db, name: string): Promise<string> {
  const found = await db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirst();
  if (found) return found.id;
  const id = randomUUID();
  await db.insertInto('organisations').values({ id, name, created_at: new Date() }).execute();
  return id;
}

export async function createUser(
  db: Db,
  u: { organisationId: string; username: string; displayName: string; roles: Role[]; password: string },
): Promise<User> {
  const row = await db
    .insertInto('users')
    .values({
      id: randomUUID(),
      organisation_id: u.organisationId,
      username: u.username.normalize('NFKC').toLowerCase(),
      display_name: u.displayName,
      password_hash: await hashPassword(u.password),
      roles: u.roles,
      disabled_at: null,
      locked_until: null,
      created_at: new Date(),
      sessions_valid_after: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(row);
}

export async function listUsers(db: Db, organisationId?: string): Promise<(User & { organisation: string })[]> {
  let q = db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .selectAll('users')
    .select('organisations.name as organisation');
  if (organisationId) q = q.where('users.organisation_id', '=', organisationId);
  const rows = await q.orderBy('organisations.name').orderBy('users.username').execute();
  return rows.map((r) => ({ ...toUser(r), organisation: r.organisation }));
}

/** Disables a user and ends their sessions at once. */
export async function disableUser(db: Db, username: string): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ disabled_at: new Date(), sessions_valid_after: new Date() })
    .where('username', '=', username.normalize('NFKC').toLowerCase())
    .returning('id')
    .executeTakeFirst();
  if (r) await db.deleteFrom('sessions').where('user_id', '=', r.id).execute();
  return Boolean(r);
}

/** What sign-in needs of a user. */
export async function userForSignIn(db: Db, username: string) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'password_hash',
      'disabled_at',
      'failed_attempts',
      'locked_until',
      'organisation_id',
      'roles',
      'display_name',
      'username',
    ])
    .where('username', '=', username.normalize('NFKC').toLowerCase())
    .executeTakeFirst();
}

/** Counts a failed sign-in; locks the account for `LOCKOUT_MS` at `LOCKOUT_AFTER` in a row. */
export async function recordFailedSignIn(db: Db, id: string, failedBefore: number): Promise<void> {
  const failed = failedBefore + 1;
  await db
    .updateTable('users')
    .set({
      failed_attempts: failed >= LOCKOUT_AFTER ? 0 : failed,
      ...(failed >= LOCKOUT_AFTER ? { locked_until: new Date(Date.now() + LOCKOUT_MS) } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function recordSignIn(db: Db, id: string): Promise<void> {
  await db.updateTable('users').set({ failed_attempts: 0, locked_until: null }).where('id', '=', id).execute();
}

/** Signs a user out everywhere: every session ends, and none from before now is honoured. */
export async function endAllSessions(db: Db, userId: string): Promise<void> {
  await db.updateTable('users').set({ sessions_valid_after: new Date() }).where('id', '=', userId).execute();
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
