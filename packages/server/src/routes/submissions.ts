import { checkConsent, translate } from '@komek/core';
import { consentGates, type FormId } from '@komek/forms';
import type { Language } from '@komek/i18n';
import { ApiError, apiMessage } from '../errors.js';
import { ensureMessages, translatorFor } from '../i18n.js';
import { checkAnswers, loadForm, type LoadedForm } from '../forms.js';
import { refreshTasks } from '../deadlines.js';
import { touchCase, type Case } from '../store/cases.js';
import {
  type SubmissionSummary,
  caseSubmissions,
  getSubmission,
  insertSubmission,
  lockSubmission,
  reviseSubmission,
  submissionRevisions,
} from '../store/submissions.js';
import type { Db } from '../store/types.js';
import { errorSchema, idParams, isUuid, type ApiRequest, type RouteDef } from '../routeTypes.js';
import { idempotent } from './idempotent.js';
import { tokenMaySubmit } from '../access.js';
import type { AnswerKeys } from '../security/answerKeys.js';
import { requireCase } from './cases.js';
import { indicatorConflicts, summaryFormIds } from '../minors.js';
import { refreshCaseIndex } from '../store/caseIndex.js';
import { recordFacts } from '../reports/facts.js';

const submissionSchema = {
  type: 'object',
  required: ['id', 'formId', 'revision', 'schemaVersion'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    caseId: { type: 'string' },
    formId: { type: 'string' },
    revision: { type: 'integer' },
    schemaVersion: { type: 'string' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
} as const;

/** A form of the catalog, or 404 naming it. */
export async function requireForm(formId: string): Promise<LoadedForm> {
  const form = loadForm(formId);
  if (!form) throw new ApiError(404, 'form-not-found', { id: formId });
  return form;
}

/** Answers valid for the form (hidden branches pruned), or 400 with the issues in the request's language. */
export async function validAnswers(
  form: LoadedForm,
  data: unknown,
  langs: readonly Language[],
): Promise<Record<string, unknown>> {
  const checked = await checkAnswers(form, data, langs);
  if (!checked.valid)
    throw new ApiError(400, 'invalid-data', { form: form.entry.id, count: checked.count }, { issues: checked.issues });
  return checked.data;
}

/** 409 unless the case has a signed consent in force for a gated form (core's rules). */
export async function requireConsent(tx: Db, keys: AnswerKeys, c: Case, formId: string): Promise<void> {
  const gate = consentGates[formId as FormId];
  if (!gate) return;
  const records = await caseSubmissions(
    tx,
    keys,
    c.id,
    [...gate.consents, ...gate.refusals].map((f) => f.formId),
  );
  const decision = checkConsent(gate, records);
  if (!decision.allowed) {
    throw new ApiError(
      409,
      'consent-required',
      { form: formId, reason: decision.reason, consentForms: decision.requires.join(', ') },
      { consentForms: decision.requires, reason: decision.reason },
    );
  }
}

/**
 * 400 `minor-indicator` when the form's minor indicators contradict the date of birth the case records (with this
 * form's own answers): a minor is a minor in every later form, set from the date of birth, never answered otherwise
 * (schemas/minors.json). `exclude` is the submission being revised.
 */
export async function requireMinorIndicators(
  tx: Db,
  req: ApiRequest,
  c: Case,
  form: LoadedForm,
  data: Record<string, unknown>,
  exclude?: string,
): Promise<void> {
  const others = (await caseSubmissions(tx, req.services.keys, c.id, summaryFormIds)).filter((s) => s.id !== exclude);
  const conflicts = indicatorConflicts(form.entry.id, data, others);
  if (!conflicts.length) return;
  const [lang] = req.langs;
  await ensureMessages(lang!, [form.entry.id]);
  const t = translatorFor(lang!);
  const issues = conflicts.map((x) => {
    const node = form.model.byPointer.get(x.pointer);
    const label = node ? translate(t, node.labelKey, node.englishLabel) : x.pointer;
    const params = { form: form.entry.id, pointer: x.pointer, dateOfBirth: x.dateOfBirth, day: x.day, age: x.age };
    return { pointer: x.pointer, label, message: apiMessage('minor-indicator', lang!, params) };
  });
  const first = conflicts[0]!;
  throw new ApiError(
    400,
    'minor-indicator',
    { form: form.entry.id, pointer: first.pointer, dateOfBirth: first.dateOfBirth, day: first.day, age: first.age },
    { issues },
  );
}

export function requireCountry(c: Case, form: LoadedForm): void {
  if (form.entry.country.toLowerCase() !== c.country)
    throw new ApiError(400, 'form-country', { form: form.entry.id, country: c.country });
}

/** What `201 Created` says of a stored submission (the API's submission body, without answers). */
export function createdSubmission(s: SubmissionSummary) {
  return {
    id: s.id,
    caseId: s.caseId,
    formId: s.formId,
    revision: s.revision,
    schemaVersion: s.schemaVersion,
    createdAt: s.createdAt,
  };
}

/** Stores a validated submission in a case: consent gate, revision 1, tasks, the case's step. */
export async function storeSubmission(
  tx: Db,
  req: ApiRequest,
  caseId: string,
  form: LoadedForm,
  data: Record<string, unknown>,
) {
  if (!tokenMaySubmit(req.principal!, form.entry.id))
    throw new ApiError(403, 'forbidden', { action: `submit ${form.entry.id}` });
  const c = await requireCase(req, caseId, true, tx);
  requireCountry(c, form);
  await requireConsent(tx, req.services.keys, c, form.entry.id);
  await requireMinorIndicators(tx, req, c, form, data);
  const s = await insertSubmission(tx, req.services.keys, {
    caseId: c.id,
    formId: form.entry.id,
    schemaVersion: form.entry.version,
    data,
    createdBy: req.principal!.id,
  });
  await refreshTasks(tx, req.services.keys, c, form.entry.id);
  await touchCase(tx, c.id, form.entry.step);
  if (summaryFormIds.includes(form.entry.id)) await refreshCaseIndex(tx, req.services.keys, req.services.search, c);
  await recordFacts(tx, req.services.keys, c.id);
  return s;
}

/** The submission named by `:id` in one of the principal's cases, or 404. */
async function requireSubmission(req: ApiRequest, id: string) {
  const db = req.services.database.db;
  const row = isUuid(id)
    ? await db.selectFrom('submissions').select(['case_id', 'form_id']).where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!row) throw new ApiError(404, 'submission-not-found', { id });
  // The case first (own organisation, or shared within its sections), the answers only then.
  await requireCase(req, row.case_id).catch(() => {
    throw new ApiError(404, 'submission-not-found', { id });
  });
  if (req.sharedSections && !req.sharedSections.includes(row.form_id))
    throw new ApiError(404, 'submission-not-found', { id });
  const s = await getSubmission(db, req.services.keys, id);
  if (!s) throw new ApiError(404, 'submission-not-found', { id });
  return s;
}
export { requireSubmission };

function ifMatch(req: ApiRequest): number {
  const raw = req.headers['if-match'];
  if (raw === undefined) throw new ApiError(428, 'if-match-required');
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(String(raw));
  if (!m)
    throw new ApiError(400, 'invalid-request', { detail: 'If-Match must be a revision number, e.g. If-Match: "2"' });
  return Number(m[1]);
}

export const submissionRoutes: RouteDef[] = [
  {
    method: 'POST',
    url: '/api/cases/:id/submissions',
    operationId: 'createSubmission',
    summary: 'Submit a form of a case; the same Idempotency-Key again returns the same answer and stores nothing new',
    action: 'submission.create',
    auth: 'principal',
    scope: 'case',
    schema: {
      params: idParams,
      headers: { type: 'object', properties: { 'idempotency-key': { type: 'string' } } },
      body: {
        type: 'object',
        required: ['formId', 'data'],
        additionalProperties: false,
        properties: { formId: { type: 'string' }, data: { type: 'object' } },
      },
    },
    responses: {
      201: { description: 'Stored (or, for a repeated key, what was stored the first time)', schema: submissionSchema },
      400: { description: 'Invalid data: `issues` names each field, its label and what is wrong', schema: errorSchema },
      404: { description: 'No such case or form', schema: errorSchema },
      409: {
        description: 'The form needs a signed consent in force: `consentForms` lists the forms that give it',
        schema: errorSchema,
      },
      422: { description: 'The Idempotency-Key was used for another request', schema: errorSchema },
    },
    handler: async (req, reply) => {
      const { formId, data } = req.body as { formId: string; data: unknown };
      const caseId = (req.params as { id: string }).id;
      const form = await requireForm(formId);
      const answers = await validAnswers(form, data, req.langs);
      return idempotent(req, reply, true, async (tx) => {
        const s = await storeSubmission(tx, req, caseId, form, answers);
        return {
          status: 201,
          body: createdSubmission(s),
        };
      });
    },
  },
  {
    method: 'GET',
    url: '/api/submissions/:id',
    operationId: 'getSubmission',
    summary: 'A submission with its answers; ETag is its revision',
    action: 'submission.read',
    auth: 'principal',
    scope: 'submission',
    schema: { params: idParams },
    responses: {
      200: { description: 'The submission' },
      404: { description: 'No such submission', schema: errorSchema },
    },
    handler: async (req, reply) => {
      const s = await requireSubmission(req, (req.params as { id: string }).id);
      reply.header('etag', `"${s.revision}"`);
      const { createdBy: _by, ...rest } = s;
      return rest;
    },
  },
  {
    method: 'PUT',
    url: '/api/submissions/:id',
    operationId: 'reviseSubmission',
    summary: 'A new revision of a submission; If-Match names the revision edited (412 if another came first)',
    action: 'submission.update',
    auth: 'principal',
    scope: 'submission',
    schema: {
      params: idParams,
      headers: { type: 'object', properties: { 'if-match': { type: 'string' } } },
      body: {
        type: 'object',
        required: ['data'],
        additionalProperties: false,
        properties: { data: { type: 'object' } },
      },
    },
    responses: {
      200: { description: 'The new revision', schema: submissionSchema },
      400: { description: 'Invalid data', schema: errorSchema },
      412: { description: 'Stale revision: nothing was overwritten', schema: errorSchema },
      428: { description: 'If-Match missing', schema: errorSchema },
    },
    handler: async (req, reply) => {
      const id = (req.params as { id: string }).id;
      const expected = ifMatch(req);
      const existing = await requireSubmission(req, id);
      const form = await requireForm(existing.formId);
      const answers = await validAnswers(form, (req.body as { data: unknown }).data, req.langs);
      const body = await idempotent(req, reply, false, async (tx) => {
        const locked = await lockSubmission(tx, id);
        if (!locked) throw new ApiError(404, 'submission-not-found', { id });
        const c = await requireCase(req, locked.caseId, true, tx);
        if (locked.revision !== expected)
          throw new ApiError(
            412,
            'stale-revision',
            { current: locked.revision, sent: expected },
            { currentRevision: locked.revision },
          );
        await requireConsent(tx, req.services.keys, c, form.entry.id);
        await requireMinorIndicators(tx, req, c, form, answers, id);
        const r = await reviseSubmission(tx, req.services.keys, id, expected, {
          schemaVersion: form.entry.version,
          data: answers,
          createdBy: req.principal!.id,
        });
        if ('stale' in r)
          throw new ApiError(412, 'stale-revision', { current: r.stale, sent: expected }, { currentRevision: r.stale });
        await refreshTasks(tx, req.services.keys, c, form.entry.id);
        await touchCase(tx, c.id, null);
        if (summaryFormIds.includes(form.entry.id))
          await refreshCaseIndex(tx, req.services.keys, req.services.search, c);
        await recordFacts(tx, req.services.keys, c.id);
        return {
          status: 200,
          body: {
            id: r.id,
            caseId: r.caseId,
            formId: r.formId,
            revision: r.revision,
            schemaVersion: r.schemaVersion,
            updatedAt: r.updatedAt,
          },
        };
      });
      reply.header('etag', `"${(body as { revision: number }).revision}"`);
      return body;
    },
  },
  {
    method: 'GET',
    url: '/api/submissions/:id/revisions',
    operationId: 'listRevisions',
    summary: 'Every revision of a submission, oldest first',
    action: 'submission.read',
    auth: 'principal',
    scope: 'submission',
    schema: { params: idParams },
    responses: {
      200: { description: 'The revisions' },
      404: { description: 'No such submission', schema: errorSchema },
    },
    handler: async (req) => {
      const s = await requireSubmission(req, (req.params as { id: string }).id);
      const revisions = await submissionRevisions(req.services.database.db, req.services.keys, s.id);
      return { id: s.id, formId: s.formId, revisions: revisions.map(({ createdBy: _by, ...r }) => r) };
    },
  },
];
