import type { FastifyReply } from 'fastify';
import { ApiError } from '../errors.js';
import { auditedWrite } from '../requestAudit.js';
import { claimKey, completeKey, legacyRequestHash, requestHash, type StoredReply } from '../store/idempotency.js';
import type { Db } from '../store/types.js';
import type { ApiRequest } from '../routeTypes.js';

/**
 * Runs `work` in one transaction with the request's Idempotency-Key and its audit entry: the key, the entry and what
 * the work stored commit together, so a retry after an acknowledged request replays its reply and a retry after a failed one does the
 * work. `required`: answer 400 without a key.
 */
export async function idempotent(
  req: ApiRequest,
  reply: FastifyReply,
  required: boolean,
  work: (tx: Db) => Promise<StoredReply>,
): Promise<unknown> {
  const raw = req.headers['idempotency-key'];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (key !== undefined && (key.length < 8 || key.length > 200 || !/^[\x21-\x7e]+$/.test(key))) {
    throw new ApiError(400, 'invalid-request', { detail: 'Idempotency-Key must be 8 to 200 visible ASCII characters' });
  }
  if (!key && required) throw new ApiError(400, 'idempotency-key-required');
  const principal = req.principal!.id;
  // The change, the key and the request's audit entry commit together.
  const result = await auditedWrite(req, async (tx) => {
    if (!key) return { ...(await work(tx)), replayed: false };
    // The same content with its keys in another order is the same request (the hash is of a canonical form).
    const parts = [req.method, req.url.split('?')[0], req.body] as const;
    const stored = await claimKey(tx, req.services.keys, principal, key, requestHash(...parts), () =>
      legacyRequestHash(...parts),
    );
    if (stored?.conflict) throw new ApiError(422, 'idempotency-key-reused');
    if (stored) return { ...stored, replayed: true };
    const r = await work(tx);
    await completeKey(tx, req.services.keys, principal, key, r);
    return { ...r, replayed: false };
  });
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  reply.code(result.status);
  return result.body;
}
