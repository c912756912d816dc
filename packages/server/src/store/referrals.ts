import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { jsonb } from '../db/json.js';
import type { ReferralNote } from '../db/tables.js';
import type { Db } from './types.js';

export type ReferralStatus = 'sent' | 'accepted' | 'declined' | 'closed';

/** A referral of a case to a receiving body, with the sections of the case it discloses. */
export interface Referral {
  id: string;
  caseId: string;
  receivingBody: string;
  kind: string;
  sections: string[];
  status: ReferralStatus;
  sentAt: string;
  acceptedAt: string | null;
  declinedAt: string | null;
  closedAt: string | null;
  /** The latest note (the sender's, until the receiving body answers with one). */
  note: string | null;
  /** Every note, oldest first: the sender's and the receiving body's on each step; none is ever replaced. */
  notes: ReferralNote[];
}

/** Which status may follow which: sent → accepted | declined; accepted → closed; declined → closed. */
export const referralTransitions: Record<ReferralStatus, readonly ReferralStatus[]> = {
  sent: ['accepted', 'declined'],
  accepted: ['closed'],
  declined: ['closed'],
  closed: [],
};

type Row = {
  id: string;
  case_id: string;
  receiving_body: string;
  kind: string;
  sections: unknown;
  status: ReferralStatus;
  sent_at: Date;
  accepted_at: Date | null;
  declined_at: Date | null;
  closed_at: Date | null;
  note: string | null;
  notes: unknown;
};
const d = (x: Date | null) => (x ? x.toISOString() : null);
/** A referrals row as the API gives it. */
export const toReferral = (r: Row): Referral => ({
  id: r.id,
  caseId: r.case_id,
  receivingBody: r.receiving_body,
  kind: r.kind,
  sections: (typeof r.sections === 'string' ? JSON.parse(r.sections) : r.sections) as string[],
  status: r.status,
  sentAt: r.sent_at.toISOString(),
  acceptedAt: d(r.accepted_at),
  declinedAt: d(r.declined_at),
  closedAt: d(r.closed_at),
  note: r.note,
  notes: (typeof r.notes === 'string' ? JSON.parse(r.notes) : (r.notes ?? [])) as ReferralNote[],
});

export async function createReferral(
  db: Db,
  caseId: string,
  r: { receivingBody: string; kind: string; sections: string[]; note?: string | undefined },
): Promise<Referral> {
  const sentAt = new Date();
  const row = await db
    .insertInto('referrals')
    .values({
      id: randomUUID(),
      case_id: caseId,
      receiving_body: r.receivingBody,
      kind: r.kind,
      sections: jsonb(r.sections),
      status: 'sent',
      sent_at: sentAt,
      accepted_at: null,
      declined_at: null,
      closed_at: null,
      note: r.note ?? null,
      notes: jsonb(r.note ? [{ status: 'sent', at: sentAt.toISOString(), note: r.note }] : []),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toReferral(row);
}

export async function getReferral(db: Db, id: string, lock = false): Promise<Referral | undefined> {
  let q = db.selectFrom('referrals').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toReferral(r);
}

export async function setReferralStatus(
  db: Db,
  id: string,
  status: Exclude<ReferralStatus, 'sent'>,
  note?: string,
): Promise<Referral> {
  const at = new Date();
  const column = ({ accepted: 'accepted_at', declined: 'declined_at', closed: 'closed_at' } as const)[status];
  const row = await db
    .updateTable('referrals')
    .set({
      status,
      [column]: at,
      ...(note !== undefined
        ? { note, notes: sql<string>`notes || ${jsonb([{ status, at: at.toISOString(), note }])}` }
        : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toReferral(row);
}

export async function caseReferrals(db: Db, caseId: string): Promise<Referral[]> {
  const rows = await db.selectFrom('referrals').selectAll().where('case_id', '=', caseId).orderBy('sent_at').execute();
  return rows.map((r) => toReferral(r as Row));
}
