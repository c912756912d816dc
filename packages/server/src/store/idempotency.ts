import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { jsonb } from '../db/json.js';
import type { Tables } from '../db/tables.js';
import type { AnswerKeys } from '../security/answerKeys.js';
import type { Db } from './types.js';

/**
 * Where a stored reply is sealed. A reply can carry what a person wrote (a referral's note, a paper upload's
 * problems), so it is encrypted at rest like answers, bound to its principal and key.
 */
const place = (principal: string, key: string) => `idempotency:${principal}:${key}`;

/** What a request with an idempotency key answered: replayed as is when the key comes again. */
export interface StoredReply {
  status: number;
  body: unknown;
}

/**
 * JSON with every object's keys in code-unit order, at every depth (arrays keep their order): two bodies that differ
 * only in the order of their keys are the same request. Written out, not rebuilt as objects, so that a key such as
 * `__proto__` stays a key.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The hash a key is stored with: of the method, path and body in canonical form (`canonicalJson`). */
export function requestHash(...parts: unknown[]): string {
  return createHash('sha256').update(canonicalJson(parts)).digest('base64url');
}

/** The hash keys were stored with before bodies were made canonical (the keys in the order the client sent them). */
export function legacyRequestHash(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}

/**
 * Claims a key inside the caller's transaction. Returns undefined when the key is new (the caller does the work,
 * then `completeKey` in the same transaction), or the stored reply (with `conflict` when the key was used for a
 * different request). On PostgreSQL a concurrent request with the same key waits on the row until the first
 * transaction ends, then sees its reply; if the first rolled back, the second does the work.
 */
export async function claimKey(
  db: Db,
  keys: AnswerKeys,
  principal: string,
  key: string,
  hash: string,
  /**
   * Also the same request: the hash of a key stored by an older version (see `legacyRequestHash`), worked out only
   * when the stored hash is not `hash` (a retry of an older request), not for every request.
   */
  legacyHash?: () => string,
): Promise<(StoredReply & { conflict: boolean }) | undefined> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({ principal, key, request_hash: hash, status: 0, response: jsonb(null) })
    .onConflict((oc) => oc.doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return undefined;
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status', 'response', 'response_sealed', 'key_id'])
    .where('principal', '=', principal)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  const body = await openStoredReply(db, keys, { principal, key, ...row });
  return { status: row.status, body, conflict: row.request_hash !== hash && row.request_hash !== legacyHash?.() };
}

/** The reply kept with a key: sealed, or (stored before replies were sealed) as it was written in `response`. */
export async function openStoredReply(
  db: Db,
  keys: AnswerKeys,
  row: { principal: string; key: string; response: unknown; response_sealed: Uint8Array | null; key_id: string | null },
): Promise<unknown> {
  if (!row.response_sealed || !row.key_id) return row.response;
  return (await keys.open(db, row.response_sealed, row.key_id, place(row.principal, row.key)))['body'];
}

export async function completeKey(
  db: Db,
  keys: AnswerKeys,
  principal: string,
  key: string,
  reply: StoredReply,
): Promise<void> {
  const sealed = keys.seal({ body: reply.body }, place(principal, key));
  await db
    .updateTable('idempotency_keys')
    .set({ status: reply.status, response: jsonb(null), response_sealed: sealed.answers, key_id: sealed.keyId })
    .where('principal', '=', principal)
    .where('key', '=', key)
    .execute();
}

/**
 * Replies stored before replies were sealed: sealed now, and their plaintext emptied. Runs at every start (one query
 * when there is nothing to do); returns how many it sealed.
 */
export async function sealStoredReplies(db: Kysely<Tables>, keys: AnswerKeys): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('idempotency_keys')
      .select(['principal', 'key', 'response'])
      .where('response_sealed', 'is', null)
      .where(sql<boolean>`response <> 'null'::jsonb`)
      .forUpdate()
      .execute();
    for (const r of rows) {
      const sealed = keys.seal({ body: r.response }, place(r.principal, r.key));
      await tx
        .updateTable('idempotency_keys')
        .set({ response: jsonb(null), response_sealed: sealed.answers, key_id: sealed.keyId })
        .where('principal', '=', r.principal)
        .where('key', '=', r.key)
        .execute();
    }
    return rows.length;
  });
}
