import { randomUUID } from 'node:crypto';
import type { Db } from './types.js';
import type { AnswerKeys } from '../security/answerKeys.js';
import { openSummary, type Summary } from './caseIndex.js';
import { ageOn, minorRules, today } from '../minors.js';
import { isUuid } from '../routeTypes.js';

export type Country = 'kz' | 'kg' | 'tj';

/** A case: one migrant's (or family's) chain of forms, held by one organisation. */
export interface Case {
  id: string;
  organisationId: string;
  country: Country;
  status: 'open' | 'closed';
  /** The SOP step of the latest form submitted, e.g. "Step 2 (2.4)". */
  step: string | null;
  createdAt: string;
  updatedAt: string;
}

type Row = {
  id: string;
  organisation_id: string;
  country: Country;
  status: 'open' | 'closed';
  step: string | null;
  created_at: Date;
  updated_at: Date;
};

const toCase = (r: Row): Case => ({
  id: r.id,
  organisationId: r.organisation_id,
  country: r.country,
  status: r.status,
  step: r.step,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export async function createCase(db: Db, organisationId: string, country: Country): Promise<Case> {
  const now = new Date();
  const row = await db
    .insertInto('cases')
    .values({
      id: randomUUID(),
      organisation_id: organisationId,
      country,
      step: null,
      summary: null,
      summary_key_id: null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCase(row);
}

/** A case of an organisation (undefined for another organisation's: it is not found, not forbidden). */
export async function getCase(db: Db, organisationId: string, id: string, lock = false): Promise<Case | undefined> {
  let q = db.selectFrom('cases').selectAll().where('id', '=', id).where('organisation_id', '=', organisationId);
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toCase(r);
}

export async function touchCase(db: Db, id: string, step: string | null): Promise<void> {
  await db
    .updateTable('cases')
    .set({ updated_at: new Date(), ...(step ? { step } : {}) })
    .where('id', '=', id)
    .execute();
}

export async function setCaseStatus(db: Db, id: string, status: 'open' | 'closed'): Promise<void> {
  await db.updateTable('cases').set({ status, updated_at: new Date() }).where('id', '=', id).execute();
}

/** A page cursor: the last case's creation time and id. */
export function encodeCursor(c: Case): string {
  return Buffer.from(JSON.stringify([c.createdAt, c.id])).toString('base64url');
}

export function decodeCursor(cursor: string): { at: Date; id: string } | undefined {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    // Only what encodeCursor writes: an ISO time of years 0001–9999 and a UUID. Anything else would reach the
    // database as a time or id it cannot read.
    if (typeof at !== 'string' || !/^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(at)) return undefined;
    const d = new Date(at);
    if (Number.isNaN(d.getTime()) || d.toISOString() !== at) return undefined;
    if (typeof id !== 'string' || !isUuid(id)) return undefined;
    return { at: d, id };
  } catch {
    return undefined;
  }
}

/** A case in a list: with its summary (opened) and whether the person is a minor today. */
export type ListedCase = Case & { summary: Summary; minor: boolean; age: number | null };

/**
 * Cases newest first, `limit` at a time after `cursor`; `terms` (blind-index terms of a search, one per typed word)
 * keeps the cases whose summary has every one of them.
 */
export async function listCases(
  db: Db,
  keys: AnswerKeys,
  organisationId: string,
  o: {
    limit: number;
    after?: { at: Date; id: string } | undefined;
    status?: string | undefined;
    step?: string | undefined;
    country?: string | undefined;
    terms?: Buffer[] | undefined;
  },
): Promise<{ cases: ListedCase[]; next: string | null }> {
  let q = db.selectFrom('cases').selectAll().where('organisation_id', '=', organisationId);
  const terms = o.terms;
  if (terms?.length)
    q = q.where('id', 'in', (eb) =>
      eb
        .selectFrom('case_search_terms')
        .select('case_id')
        .where('organisation_id', '=', organisationId)
        .where('term', 'in', terms)
        .groupBy('case_id')
        .having((h) => h.fn.count('term').distinct(), '=', terms.length),
    );
  if (o.status) q = q.where('status', '=', o.status as Case['status']);
  if (o.step) q = q.where('step', '=', o.step);
  if (o.country) q = q.where('country', '=', o.country as Country);
  const after = o.after;
  if (after)
    q = q.where((eb) =>
      eb.or([eb('created_at', '<', after.at), eb.and([eb('created_at', '=', after.at), eb('id', '<', after.id)])]),
    );
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(o.limit + 1)
    .execute();
  const on = today();
  const cases = await Promise.all(
    rows.slice(0, o.limit).map(async (r) => {
      const summary = await openSummary(db, keys, r);
      const age = ageOn(summary.dateOfBirth, on) ?? null;
      return { ...toCase(r), summary, minor: age !== null && age < minorRules.adultAge, age };
    }),
  );
  return { cases, next: rows.length > o.limit ? encodeCursor(cases[cases.length - 1]!) : null };
}
