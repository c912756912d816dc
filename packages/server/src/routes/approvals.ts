import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Approval, ApprovalStatus } from '../api.js';
import type { Tables } from '../db/tables.js';
import type { AnswerKeys } from '../security/answerKeys.js';
import { ApiError } from '../errors.js';
import { errorSchema, idParams, isUuid, type RouteDef } from '../routeTypes.js';
import type { Db } from '../store/types.js';
import { requireCase } from './cases.js';
import { idempotent } from './idempotent.js';
import { auditedWrite } from '../requestAudit.js';

/**
 * The forms whose decision or plan the head of service approves before it stands, and where the SOP asks for it
 * (guidelines' line numbers, /work/shared/source/003; see the decision in packages/server/README.md). The SOPs name
 * an approving body outside the organisation (the head of the territorial migration service, the interdepartmental
 * coordination body, the Commission for children's affairs); in Komek the head of service signs off for the
 * organisation before the decision or plan goes out or takes effect, and records the outside body's word in the
 * comment.
 */
export const approvalRules: Readonly<Record<string, { sop: string; lines: string; what: 'decision' | 'plan' }>> = {
  'kz-f5-identification-application': { sop: 'KZ 2.1 Step 7 (7.3-7.4)', lines: '2579-2583', what: 'decision' },
  'kg-3.2-f2-needs-assessment': { sop: 'KG 3.2 Step 1', lines: '3216-3219', what: 'plan' },
  'kg-3.2-f3-individual-work-plan': { sop: 'KG 3.2 Step 4 (4.4-4.5)', lines: '3302-3304', what: 'plan' },
  'kg-3.2-child-protection-plan': { sop: 'KG 3.2 Step 4 (4.7)', lines: '3308', what: 'plan' },
  'tj-f6-needs-assessment': { sop: 'TJ 4 Step 5', lines: '3770-3773', what: 'plan' },
  'tj-f7-individual-work-plan': { sop: 'TJ 4 Step 8 (8.4-8.5)', lines: '3855-3857', what: 'plan' },
};

export type { Approval, ApprovalStatus } from '../api.js';

type Row = {
  id: string;
  case_id: string;
  submission_id: string;
  form_id: string;
  revision: number;
  status: ApprovalStatus;
  requested_by: string;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  comment_sealed: Uint8Array | null;
  comment_key_id: string | null;
};

/**
 * Where an approval's comment is sealed. The comment is free text the head of service writes about a decision or plan
 * for a person (why it is returned, what the outside body said): sealed under the answer keys like the answers
 * themselves, bound to its approval.
 */
const place = (id: string) => `approval:${id}:comment`;

function sealComment(keys: AnswerKeys, id: string, comment: string | null) {
  if (comment === null) return { comment_sealed: null, comment_key_id: null };
  const sealed = keys.seal({ comment }, place(id));
  return { comment_sealed: sealed.answers, comment_key_id: sealed.keyId };
}

async function openComment(db: Db, keys: AnswerKeys, r: Row): Promise<string | null> {
  if (!r.comment_sealed || !r.comment_key_id) return null;
  const { comment } = await keys.open(db, r.comment_sealed, r.comment_key_id, place(r.id));
  return typeof comment === 'string' ? comment : null;
}

/** An approvals row as the API gives it, its comment opened (or given, when the caller has just written it). */
const toApproval = async (db: Db, keys: AnswerKeys, r: Row, comment?: string | null): Promise<Approval> => ({
  id: r.id,
  caseId: r.case_id,
  submissionId: r.submission_id,
  formId: r.form_id,
  revision: r.revision,
  status: r.status,
  requestedBy: r.requested_by,
  requestedAt: r.requested_at.toISOString(),
  decidedBy: r.decided_by,
  decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
  comment: comment === undefined ? await openComment(db, keys, r) : comment,
});

/** Every column but the plaintext comment kept only for rows decided before comments were sealed. */
const columns = [
  'id',
  'case_id',
  'submission_id',
  'form_id',
  'revision',
  'status',
  'requested_by',
  'requested_at',
  'decided_by',
  'decided_at',
  'comment_sealed',
  'comment_key_id',
] as const;

/** The approvals of a case, oldest first. */
export async function caseApprovals(db: Db, keys: AnswerKeys, caseId: string): Promise<Approval[]> {
  const rows = await db
    .selectFrom('approvals')
    .select(columns)
    .where('case_id', '=', caseId)
    .orderBy('requested_at')
    .orderBy('id')
    .execute();
  return Promise.all(rows.map((r) => toApproval(db, keys, r)));
}

/**
 * Approvals decided before their comments were sealed: each comment is sealed now and the plaintext column emptied.
 * Runs at every start (one query when there is nothing to do); returns how many approvals it sealed.
 */
export async function sealApprovalComments(db: Kysely<Tables>, keys: AnswerKeys): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('approvals')
      .select(['id', 'comment'])
      .where('comment', 'is not', null)
      .forUpdate()
      .execute();
    for (const r of rows)
      await tx
        .updateTable('approvals')
        .set({ ...sealComment(keys, r.id, r.comment), comment: null })
        .where('id', '=', r.id)
        .execute();
    return rows.length;
  });
}

export const approvalRoutes: RouteDef[] = [
  {
    method: 'POST',
    url: '/api/cases/:id/approvals',
    operationId: 'requestApproval',
    summary:
      'Send a submitted decision or plan to the head of service for approval (forms whose SOP step asks for it); a pending request for the same revision is answered again, not doubled',
    action: 'approval.request',
    auth: 'principal',
    scope: 'case',
    schema: {
      params: idParams,
      body: {
        type: 'object',
        required: ['submissionId'],
        additionalProperties: false,
        properties: { submissionId: { type: 'string' } },
      },
    },
    responses: {
      201: { description: 'The approval (status pending)' },
      404: { description: 'No such case or submission', schema: errorSchema },
      409: { description: 'The form needs no approval', schema: errorSchema },
    },
    handler: (req, reply) =>
      idempotent(req, reply, false, async (tx) => {
        const c = await requireCase(req, (req.params as { id: string }).id, true, tx);
        const { submissionId } = req.body as { submissionId: string };
        const s = isUuid(submissionId)
          ? await tx
              .selectFrom('submissions')
              .select(['id', 'form_id', 'revision'])
              .where('id', '=', submissionId)
              .where('case_id', '=', c.id)
              .executeTakeFirst()
          : undefined;
        if (!s) throw new ApiError(404, 'submission-not-found', { id: submissionId });
        if (!approvalRules[s.form_id]) throw new ApiError(409, 'approval-not-required', { form: s.form_id });
        const open = await tx
          .selectFrom('approvals')
          .select(columns)
          .where('submission_id', '=', s.id)
          .where('revision', '=', s.revision)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (open) return { status: 200, body: await toApproval(tx, req.services.keys, open) };
        const row = await tx
          .insertInto('approvals')
          .values({
            id: randomUUID(),
            case_id: c.id,
            submission_id: s.id,
            form_id: s.form_id,
            revision: s.revision,
            status: 'pending',
            requested_by: req.principal!.id,
            requested_at: new Date(),
            decided_by: null,
            decided_at: null,
            comment: null,
            comment_sealed: null,
            comment_key_id: null,
          })
          .returning(columns)
          .executeTakeFirstOrThrow();
        return { status: 201, body: await toApproval(tx, req.services.keys, row, null) };
      }),
  },
  {
    method: 'GET',
    url: '/api/approvals',
    operationId: 'listApprovals',
    summary: "The organisation's approvals, newest first: pending ones for the head of service, or all",
    action: 'approval.list',
    auth: 'principal',
    schema: {
      querystring: {
        type: 'object',
        properties: {
          status: { enum: ['pending', 'approved', 'returned', 'all'], default: 'pending' },
          lang: { type: 'string' },
        },
      },
    },
    responses: { 200: { description: "`{approvals: [...]}` with each case's country" } },
    handler: async (req) => {
      const { status } = req.query as { status: ApprovalStatus | 'all' };
      let q = req.services.database.db
        .selectFrom('approvals')
        .innerJoin('cases', 'cases.id', 'approvals.case_id')
        .select(columns.map((c) => `approvals.${c}` as const))
        .select('cases.country')
        .where('cases.organisation_id', '=', req.principal!.organisationId)
        .orderBy('approvals.requested_at', 'desc')
        .limit(500);
      if (status !== 'all') q = q.where('approvals.status', '=', status);
      const rows = await q.execute();
      const { database, keys } = req.services;
      return {
        approvals: await Promise.all(
          rows.map(async (r) => ({ ...(await toApproval(database.db, keys, r)), country: r.country })),
        ),
      };
    },
  },
  {
    method: 'POST',
    url: '/api/approvals/:id/decision',
    operationId: 'decideApproval',
    summary:
      "The head of service approves a decision or plan, or returns it to the specialist with a comment (required); not one's own request",
    action: 'approval.decide',
    auth: 'principal',
    scope: 'approval',
    schema: {
      params: idParams,
      body: {
        type: 'object',
        required: ['decision'],
        additionalProperties: false,
        properties: {
          decision: { enum: ['approved', 'returned'] },
          comment: { type: 'string', maxLength: 2000 },
        },
      },
    },
    responses: {
      200: { description: 'The approval' },
      400: { description: 'Returned without a comment', schema: errorSchema },
      403: { description: 'Deciding on one’s own request', schema: errorSchema },
      404: { description: 'No such approval', schema: errorSchema },
      409: { description: 'Already decided, or the form changed since it was sent', schema: errorSchema },
    },
    handler: async (req) => {
      const id = (req.params as { id: string }).id;
      const { decision, comment } = req.body as { decision: 'approved' | 'returned'; comment?: string };
      const note = comment?.trim() || null;
      const done = await auditedWrite(req, async (tx) => {
        const row = isUuid(id)
          ? await tx
              .selectFrom('approvals')
              .innerJoin('cases', 'cases.id', 'approvals.case_id')
              .select(columns.map((c) => `approvals.${c}` as const))
              .where('approvals.id', '=', id)
              .where('cases.organisation_id', '=', req.principal!.organisationId)
              .forUpdate()
              .executeTakeFirst()
          : undefined;
        if (!row) throw new ApiError(404, 'approval-not-found', { id });
        if (row.status !== 'pending') throw new ApiError(409, 'approval-decided', { status: row.status });
        if (row.requested_by === req.principal!.id)
          throw new ApiError(403, 'forbidden', { action: 'approve one’s own request' });
        if (decision === 'returned' && !note) throw new ApiError(400, 'approval-comment-required');
        const current = await tx
          .selectFrom('submissions')
          .select('revision')
          .where('id', '=', row.submission_id)
          .executeTakeFirstOrThrow();
        if (current.revision !== row.revision)
          throw new ApiError(409, 'stale-revision', { current: current.revision, sent: row.revision });
        const updated = await tx
          .updateTable('approvals')
          .set({
            status: decision,
            decided_by: req.principal!.id,
            decided_at: new Date(),
            ...sealComment(req.services.keys, id, note),
          })
          .where('id', '=', id)
          .returning(columns)
          .executeTakeFirstOrThrow();
        return { status: 200, body: await toApproval(tx, req.services.keys, updated, note) };
      });
      return done.body;
    },
  },
];
