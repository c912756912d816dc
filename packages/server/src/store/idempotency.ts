import { createHash } from 'node:crypto';
import { jsonb } from '../db/json.js';
import type { Db } from './types.js';

/** What a request with an idempotency key answered: replayed as is when the key comes again. */
export interface StoredReply {
  status: number;
  body: unknown;
}

export function requestHash(...parts: unknown[]): string {
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
  principal: string,
  key: string,
  hash: string,
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
    .select(['request_hash', 'status', 'response'])
    .where('principal', '=', principal)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return { status: row.status, body: row.response, conflict: row.request_hash !== hash };
}

export async function completeKey(db: Db, principal: string, key: string, reply: StoredReply): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status: reply.status, response: jsonb(reply.body) })
    .where('principal', '=', principal)
    .where('key', '=', key)
    .execute();
}
