/**
 * The audit trail's hash chain. Each entry's hash covers its own fields and the previous entry's hash, so changing,
 * removing or reordering any stored entry breaks the chain from that point; `verifyAuditChain` says where and how.
 * Removing the newest entries leaves a valid shorter chain: the head (last sequence number and hash) is therefore
 * also kept outside the database and checked when given. With a key (kept outside the database, like the
 * key-encryption keys) the hash is an HMAC, so someone who can write to the database cannot recompute a forged chain.
 */
import { createHash, createHmac } from 'node:crypto';

/** What an audit entry records: who, when, what action on which record, from where — never the content. */
export interface AuditFields {
  /** 1, 2, 3… without gaps. */
  seq: number;
  /** ISO 8601 time. */
  at: string;
  /** Who: a user id, `token:<id>`, or `system`. */
  actor: string;
  /** What: `sign-in`, `case.view`, `submission.create`, … */
  action: string;
  /** Which record: `case:<id>`, `submission:<id>`, … or null. */
  target: string | null;
  /** From where: the client's address, or null for the CLI. */
  origin: string | null;
  /** The organisation in whose name the action was taken, or null. */
  organisation: string | null;
  /** Whether it was allowed (`ok`) or refused (`denied`, `failed`). */
  outcome: string;
}

/** A stored entry: its fields, the previous entry's hash and its own. */
export interface AuditEntry extends AuditFields {
  prevHash: string;
  hash: string;
}

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hash of an entry given the previous one's (SHA-256, or HMAC-SHA-256 with `key`, over a fixed field order). */
export function auditHash(fields: AuditFields, prevHash: string, key?: Uint8Array): string {
  const canonical = JSON.stringify([
    prevHash,
    fields.seq,
    fields.at,
    fields.actor,
    fields.action,
    fields.target,
    fields.origin,
    fields.organisation,
    fields.outcome,
  ]);
  return (key ? createHmac('sha256', key) : createHash('sha256')).update(canonical, 'utf8').digest('hex');
}

/** Chains new fields after `previous` (or first). */
export function chainEntry(
  fields: Omit<AuditFields, 'seq'>,
  previous: Pick<AuditEntry, 'seq' | 'hash'> | undefined,
  key?: Uint8Array,
): AuditEntry {
  const seq = (previous?.seq ?? 0) + 1;
  const prevHash = previous?.hash ?? GENESIS_HASH;
  const full: AuditFields = { ...fields, seq };
  return { ...full, prevHash, hash: auditHash(full, prevHash, key) };
}

/** One break in the chain. */
export interface AuditProblem {
  seq: number;
  kind: 'changed' | 'removed' | 'reordered' | 'truncated';
  message: string;
}

/** The outcome of a verification: entries checked and the first problem found, if any. */
export interface AuditVerification {
  checked: number;
  problem?: AuditProblem;
}

/**
 * Verifies entries read in ascending `seq` order. Reports the first problem: an entry whose fields no longer match
 * its hash (changed), a gap in the sequence (removed), an entry whose predecessor is not the one before it
 * (reordered), or a chain shorter than the head kept outside the database (truncated).
 */
export function verifyAuditChain(
  entries: Iterable<AuditEntry>,
  options: { head?: { seq: number; hash: string }; key?: Uint8Array } = {},
): AuditVerification {
  const { head, key } = options;
  let previous: AuditEntry | undefined;
  let checked = 0;
  const seen = new Map<string, number>();
  for (const entry of entries) {
    const expectedSeq = (previous?.seq ?? 0) + 1;
    const recomputed = auditHash(entry, entry.prevHash, key);
    if (recomputed !== entry.hash) {
      return {
        checked,
        problem: { seq: entry.seq, kind: 'changed', message: `entry ${entry.seq} was changed after it was written` },
      };
    }
    if (entry.seq > expectedSeq) {
      const missing =
        entry.seq - expectedSeq === 1 ? `entry ${expectedSeq} is` : `entries ${expectedSeq}–${entry.seq - 1} are`;
      return { checked, problem: { seq: expectedSeq, kind: 'removed', message: `${missing} missing` } };
    }
    if (entry.seq < expectedSeq || entry.prevHash !== (previous?.hash ?? GENESIS_HASH)) {
      const after = seen.get(entry.prevHash);
      const where = after !== undefined ? ` (it follows entry ${after} in the chain)` : '';
      return {
        checked,
        problem: { seq: entry.seq, kind: 'reordered', message: `entry ${entry.seq} is out of order${where}` },
      };
    }
    seen.set(entry.hash, entry.seq);
    previous = entry;
    checked += 1;
  }
  if (head && head.seq > 0) {
    if (!previous || previous.seq < head.seq) {
      return {
        checked,
        problem: {
          seq: (previous?.seq ?? 0) + 1,
          kind: 'truncated',
          message: `entries after ${previous?.seq ?? 0} up to ${head.seq} are missing`,
        },
      };
    }
    const atHead = seen.get(head.hash);
    if (atHead !== head.seq) {
      return {
        checked,
        problem: {
          seq: head.seq,
          kind: 'changed',
          message: `entry ${head.seq} does not match the recorded head of the trail`,
        },
      };
    }
  }
  return { checked };
}
