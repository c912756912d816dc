import { sql, type Kysely } from 'kysely';
import type { Tables } from './db/tables.js';
import {
  chainEntry,
  verifyAuditChain,
  type AuditEntry,
  type AuditFields,
  type AuditVerification,
} from './security/auditChain.js';
import { secretKey } from './security/keyFile.js';

/**
 * The audit trail: who did what to which record, when, from where — never the content. Append-only and
 * hash-chained with an HMAC key kept outside the database (`<data>/keys/audit.key` or `KOMEK_AUDIT_KEY`), so a
 * changed, removed or reordered row is found by `komek audit verify`, and a chain cannot be recomputed by someone
 * who can only write to the database. Servers sharing one PostgreSQL database must share the key.
 */
export class AuditTrail {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly key: Buffer,
  ) {}

  /** Appends an entry in a transaction of its own (serialized in this process, and across processes by an advisory lock). */
  append(fields: Omit<AuditFields, 'seq' | 'at'> & { at?: string }): Promise<void> {
    const run = () => this.db.transaction().execute((tx) => this.appendIn(tx, fields));
    const next = this.tail.then(run, run);
    this.tail = next.catch(() => undefined);
    return next;
  }

  /**
   * Appends an entry inside the caller's transaction, so that a change and its entry commit together or not at all:
   * a process killed between the two leaves neither a change without its entry nor an entry without its change.
   * The chain's advisory lock is held until that transaction ends: call this last, just before it commits.
   */
  async appendIn(tx: Kysely<Tables>, fields: Omit<AuditFields, 'seq' | 'at'> & { at?: string }): Promise<void> {
    await sql`select pg_advisory_xact_lock(7240616)`.execute(tx);
    const last = await tx
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const entry = chainEntry(
      { ...fields, at: fields.at ?? new Date().toISOString() },
      last && { seq: Number(last.seq), hash: last.hash },
      this.key,
    );
    await tx
      .insertInto('audit_log')
      .values({
        seq: entry.seq,
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        target: entry.target,
        origin: entry.origin,
        organisation: entry.organisation,
        outcome: entry.outcome,
        prev_hash: entry.prevHash,
        hash: entry.hash,
      })
      .execute();
  }

  /**
   * Entries newest first, `limit` at a time before `beforeSeq`, optionally of one organisation: those its people made,
   * and those anyone else made on its records — a case, or a submission, referral, grant or approval of one of its
   * cases (another organisation reading what was shared with it, answering a referral, or asking for a case it may
   * not see). The organisation holding a case answers for who read it.
   */
  async list(o: {
    limit: number;
    beforeSeq?: number | undefined;
    organisationId?: string | undefined;
  }): Promise<AuditEntry[]> {
    let q = this.db.selectFrom('audit_log').selectAll();
    if (o.beforeSeq !== undefined) q = q.where('seq', '<', String(o.beforeSeq));
    const org = o.organisationId;
    if (org) {
      const ofItsCases = (table: 'submissions' | 'referrals' | 'grants' | 'approvals', kind: string) =>
        this.db
          .selectFrom(table)
          .innerJoin('cases', 'cases.id', `${table}.case_id`)
          .select(sql<string>`${sql.lit(`${kind}:`)} || ${sql.ref(`${table}.id`)}::text`.as('target'))
          .where('cases.organisation_id', '=', org);
      q = q.where((eb) =>
        eb.or([
          eb('organisation', '=', org),
          eb(
            'target',
            'in',
            this.db
              .selectFrom('cases')
              .select(sql<string>`'case:' || id::text`.as('target'))
              .where('organisation_id', '=', org),
          ),
          eb('target', 'in', ofItsCases('submissions', 'submission')),
          eb('target', 'in', ofItsCases('referrals', 'referral')),
          eb('target', 'in', ofItsCases('grants', 'grant')),
          eb('target', 'in', ofItsCases('approvals', 'approval')),
        ]),
      );
    }
    const rows = await q.orderBy('seq', 'desc').limit(o.limit).execute();
    return rows.map(toEntry);
  }
}

function toEntry(r: {
  seq: string | number;
  at: Date | string;
  actor: string;
  action: string;
  target: string | null;
  origin: string | null;
  organisation: string | null;
  outcome: string;
  prev_hash: string;
  hash: string;
}): AuditEntry {
  return {
    seq: Number(r.seq),
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    target: r.target,
    origin: r.origin,
    organisation: r.organisation,
    outcome: r.outcome,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** Reads the whole trail in order and verifies the chain (`komek audit verify`). */
export async function verifyAuditTrail(db: Kysely<Tables>, key: Buffer): Promise<AuditVerification> {
  async function* entries(): AsyncGenerator<AuditEntry> {
    let after = 0;
    for (;;) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>', String(after))
        .orderBy('seq')
        .limit(1000)
        .execute();
      for (const r of rows) yield toEntry(r);
      if (rows.length < 1000) return;
      after = Number(rows[rows.length - 1]!.seq);
    }
  }
  const collected: AuditEntry[] = [];
  for await (const e of entries()) collected.push(e);
  return verifyAuditChain(collected, { key });
}

/** The audit trail's HMAC key: `KOMEK_AUDIT_KEY` (base64), else `<data>/keys/audit.key` (0600), created on first start. */
export function auditKey(dataDir: string, options: { env?: NodeJS.ProcessEnv; create?: boolean } = {}): Buffer {
  return secretKey(dataDir, 'audit.key', 'KOMEK_AUDIT_KEY', options);
}
