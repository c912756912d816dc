import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { jsonb } from '../db/json.js';
import type { Referral, ReferralNote, ReferralStatus } from '../api.js';
import type { Tables } from '../db/tables.js';
import type { AnswerKeys } from '../security/answerKeys.js';
import type { Db } from './types.js';

export type { Referral, ReferralStatus } from '../api.js';

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
  notes_sealed: Uint8Array | null;
  notes_key_id: string | null;
};
const d = (x: Date | null) => (x ? x.toISOString() : null);

/**
 * Where a referral's notes are sealed: the notes are free text a specialist or the receiving body wrote about a person,
 * so they are encrypted at rest under the answer keys like the answers themselves, bound to their referral.
 */
const place = (id: string) => `referral:${id}:notes`;

async function openNotes(db: Db, keys: AnswerKeys, r: Row): Promise<ReferralNote[]> {
  if (!r.notes_sealed || !r.notes_key_id) return [];
  const notes: unknown = await keys.open(db, r.notes_sealed, r.notes_key_id, place(r.id));
  return Array.isArray(notes) ? (notes as ReferralNote[]) : [];
}

function sealNotes(keys: AnswerKeys, id: string, notes: ReferralNote[]) {
  if (!notes.length) return { notes_sealed: null, notes_key_id: null };
  const sealed = keys.seal(notes, place(id));
  return { notes_sealed: sealed.answers, notes_key_id: sealed.keyId };
}

/** A referrals row as the API gives it, its notes opened. */
export async function toReferral(db: Db, keys: AnswerKeys, r: Row): Promise<Referral> {
  return withNotes(r, await openNotes(db, keys, r));
}

/** A row as the API gives it with its notes (already open): the latest note is the last one. */
const withNotes = (r: Row, notes: ReferralNote[]): Referral => ({
  ...plain(r),
  note: notes.at(-1)?.note ?? null,
  notes,
});

const plain = (r: Row) => ({
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
});

/** Every column but the plaintext ones kept only for rows stored before notes were sealed (see `sealReferralNotes`). */
export const referralColumns = [
  'id',
  'case_id',
  'receiving_body',
  'kind',
  'sections',
  'status',
  'sent_at',
  'accepted_at',
  'declined_at',
  'closed_at',
  'notes_sealed',
  'notes_key_id',
] as const;

export async function createReferral(
  db: Db,
  keys: AnswerKeys,
  caseId: string,
  r: { receivingBody: string; kind: string; sections: string[]; note?: string | undefined },
): Promise<Referral> {
  const sentAt = new Date();
  const id = randomUUID();
  const notes: ReferralNote[] = r.note ? [{ status: 'sent', at: sentAt.toISOString(), note: r.note }] : [];
  const row = await db
    .insertInto('referrals')
    .values({
      id,
      case_id: caseId,
      receiving_body: r.receivingBody,
      kind: r.kind,
      sections: jsonb(r.sections),
      status: 'sent',
      sent_at: sentAt,
      accepted_at: null,
      declined_at: null,
      closed_at: null,
      ...sealNotes(keys, id, notes),
    })
    .returning(referralColumns)
    .executeTakeFirstOrThrow();
  return withNotes(row, notes);
}

export async function getReferral(db: Db, keys: AnswerKeys, id: string, lock = false): Promise<Referral | undefined> {
  let q = db.selectFrom('referrals').select(referralColumns).where('id', '=', id);
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toReferral(db, keys, r);
}

/**
 * A new status, dated, with the note given appended to the referral's notes. `current` is the referral as the caller
 * read it under the row's lock (`getReferral(…, true)`): its notes are not read and opened a second time.
 */
export async function setReferralStatus(
  db: Db,
  keys: AnswerKeys,
  current: Referral,
  status: Exclude<ReferralStatus, 'sent'>,
  note?: string,
): Promise<Referral> {
  const at = new Date();
  const column = ({ accepted: 'accepted_at', declined: 'declined_at', closed: 'closed_at' } as const)[status];
  const notes = note === undefined ? current.notes : [...current.notes, { status, at: at.toISOString(), note }];
  const row = await db
    .updateTable('referrals')
    .set({ status, [column]: at, ...(note === undefined ? {} : sealNotes(keys, current.id, notes)) })
    .where('id', '=', current.id)
    .returning(referralColumns)
    .executeTakeFirstOrThrow();
  return withNotes(row, notes);
}

export async function caseReferrals(db: Db, keys: AnswerKeys, caseId: string): Promise<Referral[]> {
  const rows = await db
    .selectFrom('referrals')
    .select(referralColumns)
    .where('case_id', '=', caseId)
    .orderBy('sent_at')
    .execute();
  return Promise.all(rows.map((r) => toReferral(db, keys, r)));
}

/**
 * Referrals stored before their notes were sealed: their notes are sealed now and the plaintext columns emptied.
 * Runs at every start (one indexed query when there is nothing to do); returns how many referrals it sealed.
 */
export async function sealReferralNotes(db: Kysely<Tables>, keys: AnswerKeys): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('referrals')
      .select(['id', 'note', 'notes', 'status', 'sent_at'])
      .where((eb) => eb.or([eb('note', 'is not', null), eb(sql`jsonb_array_length(notes)`, '>', 0)]))
      .forUpdate()
      .execute();
    for (const r of rows) {
      const legacy = (typeof r.notes === 'string' ? JSON.parse(r.notes) : r.notes) as ReferralNote[];
      const notes = legacy.length ? legacy : [{ status: r.status, at: r.sent_at.toISOString(), note: r.note ?? '' }];
      await tx
        .updateTable('referrals')
        .set({ ...sealNotes(keys, r.id, notes), note: null, notes: '[]' })
        .where('id', '=', r.id)
        .execute();
    }
    return rows.length;
  });
}
