import { randomUUID } from 'node:crypto';
import type { AnswerKeys } from '../security/answerKeys.js';
import type { Db } from './types.js';

/**
 * The one module that reads and writes the answers of submissions and their revisions. Everything that stores or
 * returns answers goes through `AnswerKeys` here: answers are stored only sealed (AES-256-GCM under a data key,
 * bound to the submission and revision), never as readable JSON.
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

/** Where answers are sealed: the same bytes serve the current row and the revision row. */
const place = (id: string, revision: number) => `submission:${id}:${revision}`;

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

type Row = {
  id: string;
  case_id: string;
  form_id: string;
  schema_version: string;
  revision: number;
  created_at: Date;
  updated_at: Date;
};

function summary(r: Row): SubmissionSummary {
  return {
    id: r.id,
    caseId: r.case_id,
    formId: r.form_id,
    schemaVersion: r.schema_version,
    revision: r.revision,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

const columns = ['id', 'case_id', 'form_id', 'schema_version', 'revision', 'created_at', 'updated_at'] as const;

/** Stores a new submission (revision 1) and its first revision. */
export async function insertSubmission(
  db: Db,
  keys: AnswerKeys,
  s: { caseId: string; formId: string; schemaVersion: string; data: Record<string, unknown>; createdBy: string },
): Promise<SubmissionSummary> {
  const id = randomUUID();
  const { answers, keyId } = keys.seal(s.data, place(id, 1));
  const now = new Date();
  await db
    .insertInto('submissions')
    .values({
      id,
      case_id: s.caseId,
      form_id: s.formId,
      schema_version: s.schemaVersion,
      revision: 1,
      answers,
      key_id: keyId,
      created_by: s.createdBy,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('submission_revisions')
    .values({
      submission_id: id,
      revision: 1,
      schema_version: s.schemaVersion,
      answers,
      key_id: keyId,
      created_by: s.createdBy,
      created_at: now,
    })
    .execute();
  return {
    id,
    caseId: s.caseId,
    formId: s.formId,
    schemaVersion: s.schemaVersion,
    revision: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

/**
 * Stores a new revision if the current one is `expected`; returns the new summary, or the current revision number
 * when it is not (nothing written). Call inside a transaction after `lockSubmission`.
 */
export async function reviseSubmission(
  db: Db,
  keys: AnswerKeys,
  id: string,
  expected: number,
  s: { schemaVersion: string; data: Record<string, unknown>; createdBy: string },
): Promise<SubmissionSummary | { stale: number }> {
  const { answers, keyId } = keys.seal(s.data, place(id, expected + 1));
  const now = new Date();
  const updated = await db
    .updateTable('submissions')
    .set({ revision: expected + 1, schema_version: s.schemaVersion, answers, key_id: keyId, updated_at: now })
    .where('id', '=', id)
    .where('revision', '=', expected)
    .returning(columns)
    .executeTakeFirst();
  if (!updated) {
    const current = await db.selectFrom('submissions').select('revision').where('id', '=', id).executeTakeFirst();
    return { stale: current?.revision ?? 0 };
  }
  await db
    .insertInto('submission_revisions')
    .values({
      submission_id: id,
      revision: expected + 1,
      schema_version: s.schemaVersion,
      answers,
      key_id: keyId,
      created_by: s.createdBy,
      created_at: now,
    })
    .execute();
  return summary(updated);
}

/** Locks a submission's row for the rest of the transaction; its case id and current revision, or undefined. */
export async function lockSubmission(
  db: Db,
  id: string,
): Promise<{ caseId: string; formId: string; revision: number } | undefined> {
  const r = await db
    .selectFrom('submissions')
    .select(['case_id', 'form_id', 'revision'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return r && { caseId: r.case_id, formId: r.form_id, revision: r.revision };
}

/** A submission with its answers. */
export async function getSubmission(db: Db, keys: AnswerKeys, id: string): Promise<Submission | undefined> {
  const r = await db
    .selectFrom('submissions')
    .select([...columns, 'answers', 'key_id', 'created_by'])
    .where('id', '=', id)
    .executeTakeFirst();
  return (
    r && {
      ...summary(r),
      data: await keys.open(db, r.answers, r.key_id, place(r.id, r.revision)),
      createdBy: r.created_by,
    }
  );
}

/** Every submission of a case, oldest first, with answers. */
export async function caseSubmissions(
  db: Db,
  keys: AnswerKeys,
  caseId: string,
  formIds?: readonly string[],
): Promise<Submission[]> {
  let q = db
    .selectFrom('submissions')
    .select([...columns, 'answers', 'key_id', 'created_by'])
    .where('case_id', '=', caseId);
  if (formIds) {
    if (!formIds.length) return [];
    q = q.where('form_id', 'in', formIds);
  }
  const rows = await q.orderBy('created_at').orderBy('id').execute();
  return Promise.all(
    rows.map(async (r) => ({
      ...summary(r as Row),
      data: await keys.open(db, r.answers, r.key_id, place(r.id, r.revision)),
      createdBy: r.created_by,
    })),
  );
}

/** Every revision of a submission, oldest first. */
export async function submissionRevisions(db: Db, keys: AnswerKeys, id: string): Promise<Revision[]> {
  const rows = await db
    .selectFrom('submission_revisions')
    .selectAll()
    .where('submission_id', '=', id)
    .orderBy('revision')
    .execute();
  return Promise.all(
    rows.map(async (r) => ({
      revision: r.revision,
      schemaVersion: r.schema_version,
      data: await keys.open(db, r.answers, r.key_id, place(id, r.revision)),
      createdBy: r.created_by,
      createdAt: iso(r.created_at),
    })),
  );
}

/** A form's submissions in pages by (created_at, id), for streamed exports. */
export async function* formSubmissions(
  db: Db,
  keys: AnswerKeys,
  formId: string,
  organisationId: string,
  pageSize = 500,
): AsyncGenerator<Submission> {
  let after: { at: Date; id: string } | undefined;
  for (;;) {
    let q = db
      .selectFrom('submissions')
      .innerJoin('cases', 'cases.id', 'submissions.case_id')
      .select([
        'submissions.id',
        'submissions.case_id',
        'submissions.form_id',
        'submissions.schema_version',
        'submissions.revision',
        'submissions.created_at',
        'submissions.updated_at',
        'submissions.answers',
        'submissions.key_id',
        'submissions.created_by',
      ])
      .where('submissions.form_id', '=', formId)
      .where('cases.organisation_id', '=', organisationId);
    if (after) {
      const a = after;
      q = q.where((eb) =>
        eb.or([
          eb('submissions.created_at', '>', a.at),
          eb.and([eb('submissions.created_at', '=', a.at), eb('submissions.id', '>', a.id)]),
        ]),
      );
    }
    const rows = await q.orderBy('submissions.created_at').orderBy('submissions.id').limit(pageSize).execute();
    for (const r of rows)
      yield {
        ...summary(r),
        data: await keys.open(db, r.answers, r.key_id, place(r.id, r.revision)),
        createdBy: r.created_by,
      };
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = { at: last.created_at, id: last.id };
  }
}

export { summary as submissionSummary };
