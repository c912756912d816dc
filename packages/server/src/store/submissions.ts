import { randomUUID } from 'node:crypto';
import { jsonb } from '../db/json.js';
import type { Db } from './types.js';

/**
 * The one module that reads and writes the answers of submissions and their revisions. Everything that stores or
 * returns answers goes through `encodeAnswers`/`decodeAnswers` here, so encryption at rest is added in one place.
 */

/** A submission's current revision. */
export interface Submission {
  id: string;
  caseId: string;
  formId: string;
  schemaVersion: string;
  revision: number;
  data: Record<string, unknown>;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** What a submission is without its answers (lists, idempotent replies). */
export type SubmissionSummary = Omit<Submission, 'data' | 'createdBy'>;

export interface Revision {
  revision: number;
  schemaVersion: string;
  data: Record<string, unknown>;
  createdBy: string;
  createdAt: string;
}

function encodeAnswers(data: Record<string, unknown>) {
  return jsonb(data);
}

function decodeAnswers(stored: unknown): Record<string, unknown> {
  return (typeof stored === 'string' ? JSON.parse(stored) : stored) as Record<string, unknown>;
}

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

type Row = {
  id: string; case_id: string; form_id: string; schema_version: string; revision: number; created_at: Date; updated_at: Date;
};

function summary(r: Row): SubmissionSummary {
  return { id: r.id, caseId: r.case_id, formId: r.form_id, schemaVersion: r.schema_version, revision: r.revision, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at) };
}

const columns = ['id', 'case_id', 'form_id', 'schema_version', 'revision', 'created_at', 'updated_at'] as const;

/** Stores a new submission (revision 1) and its first revision. */
export async function insertSubmission(db: Db, s: { caseId: string; formId: string; schemaVersion: string; data: Record<string, unknown>; createdBy: string }): Promise<SubmissionSummary> {
  const id = randomUUID();
  const data = encodeAnswers(s.data);
  const now = new Date();
  await db.insertInto('submissions').values({ id, case_id: s.caseId, form_id: s.formId, schema_version: s.schemaVersion, revision: 1, data: data, created_by: s.createdBy, created_at: now, updated_at: now }).execute();
  await db.insertInto('submission_revisions').values({ submission_id: id, revision: 1, schema_version: s.schemaVersion, data: data, created_by: s.createdBy, created_at: now }).execute();
  return { id, caseId: s.caseId, formId: s.formId, schemaVersion: s.schemaVersion, revision: 1, createdAt: now.toISOString(), updatedAt: now.toISOString() };
}

/**
 * Stores a new revision if the current one is `expected`; returns the new summary, or the current revision number
 * when it is not (nothing written). Call inside a transaction after `lockSubmission`.
 */
export async function reviseSubmission(db: Db, id: string, expected: number, s: { schemaVersion: string; data: Record<string, unknown>; createdBy: string }): Promise<SubmissionSummary | { stale: number }> {
  const data = encodeAnswers(s.data);
  const now = new Date();
  const updated = await db
    .updateTable('submissions')
    .set({ revision: expected + 1, schema_version: s.schemaVersion, data: data, updated_at: now })
    .where('id', '=', id)
    .where('revision', '=', expected)
    .returning(columns)
    .executeTakeFirst();
  if (!updated) {
    const current = await db.selectFrom('submissions').select('revision').where('id', '=', id).executeTakeFirst();
    return { stale: current?.revision ?? 0 };
  }
  await db.insertInto('submission_revisions').values({ submission_id: id, revision: expected + 1, schema_version: s.schemaVersion, data: data, created_by: s.createdBy, created_at: now }).execute();
  return summary(updated);
}

/** Locks a submission's row for the rest of the transaction; its case id and current revision, or undefined. */
export async function lockSubmission(db: Db, id: string): Promise<{ caseId: string; formId: string; revision: number } | undefined> {
  const r = await db.selectFrom('submissions').select(['case_id', 'form_id', 'revision']).where('id', '=', id).forUpdate().executeTakeFirst();
  return r && { caseId: r.case_id, formId: r.form_id, revision: r.revision };
}

/** A submission with its answers. */
export async function getSubmission(db: Db, id: string): Promise<Submission | undefined> {
  const r = await db.selectFrom('submissions').select([...columns, 'data', 'created_by']).where('id', '=', id).executeTakeFirst();
  return r && { ...summary(r), data: decodeAnswers(r.data), createdBy: r.created_by };
}

/** Every submission of a case, oldest first, with answers. */
export async function caseSubmissions(db: Db, caseId: string, formIds?: readonly string[]): Promise<Submission[]> {
  let q = db.selectFrom('submissions').select([...columns, 'data', 'created_by']).where('case_id', '=', caseId);
  if (formIds) {
    if (!formIds.length) return [];
    q = q.where('form_id', 'in', formIds);
  }
  const rows = await q.orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({ ...summary(r as Row), data: decodeAnswers(r.data), createdBy: r.created_by }));
}

/** Every revision of a submission, oldest first. */
export async function submissionRevisions(db: Db, id: string): Promise<Revision[]> {
  const rows = await db.selectFrom('submission_revisions').selectAll().where('submission_id', '=', id).orderBy('revision').execute();
  return rows.map((r) => ({ revision: r.revision, schemaVersion: r.schema_version, data: decodeAnswers(r.data), createdBy: r.created_by, createdAt: iso(r.created_at) }));
}

/** A form's submissions in pages by (created_at, id), for streamed exports. */
export async function* formSubmissions(db: Db, formId: string, organisationId: string, pageSize = 500): AsyncGenerator<Submission> {
  let after: { at: Date; id: string } | undefined;
  for (;;) {
    let q = db
      .selectFrom('submissions')
      .innerJoin('cases', 'cases.id', 'submissions.case_id')
      .select(['submissions.id', 'submissions.case_id', 'submissions.form_id', 'submissions.schema_version', 'submissions.revision', 'submissions.created_at', 'submissions.updated_at', 'submissions.data', 'submissions.created_by'])
      .where('submissions.form_id', '=', formId)
      .where('cases.organisation_id', '=', organisationId);
    if (after) {
      const a = after;
      q = q.where((eb) => eb.or([eb('submissions.created_at', '>', a.at), eb.and([eb('submissions.created_at', '=', a.at), eb('submissions.id', '>', a.id)])]));
    }
    const rows = await q.orderBy('submissions.created_at').orderBy('submissions.id').limit(pageSize).execute();
    for (const r of rows) yield { ...summary(r), data: decodeAnswers(r.data), createdBy: r.created_by };
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = { at: last.created_at, id: last.id };
  }
}

export { summary as submissionSummary };
