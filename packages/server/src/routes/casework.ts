import { recordFacts } from '../reports/facts.js';
import { setAtPointer } from '@komek/core';
import { ApiError } from '../errors.js';
import { deadlineRules } from '../deadlines.js';
import { exportStream, exportTypes, type ExportFormat } from '../exporter.js';
import { parseLanguages } from '../i18n.js';
import { prefill } from '../prefill.js';
import { minorPrefill } from '../minors.js';
import { caseSubmissions, formSubmissions, type Submission } from '../store/submissions.js';
import type { Db } from '../store/types.js';
import type { AnswerKeys } from '../security/answerKeys.js';
import { consentInForce, undisclosable } from '../access.js';
import {
  createReferral,
  getReferral,
  referralTransitions,
  setReferralStatus,
  type ReferralStatus,
} from '../store/referrals.js';
import { dueTasks } from '../store/tasks.js';
import { errorSchema, idParams, isUuid, type RouteDef } from '../routeTypes.js';
import { idempotent } from './idempotent.js';
import { auditedWrite } from '../requestAudit.js';
import { requireCase } from './cases.js';
import { requireCountry, requireForm } from './submissions.js';

const referralBody = {
  type: 'object',
  required: ['receivingBody', 'kind', 'sections'],
  additionalProperties: false,
  properties: {
    receivingBody: { type: 'string', minLength: 1, maxLength: 300 },
    kind: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
      description: 'e.g. medical, legal, psychological, shelter, return',
    },
    sections: {
      type: 'array',
      uniqueItems: true,
      maxItems: 30,
      items: { type: 'string' },
      description: "form ids of the case's submissions to disclose",
    },
    note: { type: 'string', maxLength: 2000 },
    receivingOrganisationId: {
      type: 'string',
      description:
        'the receiving body as an organisation on this server: its staff then see the referral and, once they accept it, the sections it discloses',
    },
  },
} as const;

/** Leaves out the submissions of cases whose migrant refused or withdrew consent: such a case is no longer processed. */
async function* withConsentInForce(
  db: Db,
  keys: AnswerKeys,
  submissions: AsyncIterable<Submission>,
): AsyncGenerator<Submission> {
  const inForce = new Map<string, boolean>();
  for await (const s of submissions) {
    let ok = inForce.get(s.caseId);
    if (ok === undefined) {
      const c = await db
        .selectFrom('cases')
        .select(['id', 'country'])
        .where('id', '=', s.caseId)
        .executeTakeFirstOrThrow();
      ok = await consentInForce(db, keys, c);
      inForce.set(s.caseId, ok);
    }
    if (ok) yield s;
  }
}

export const caseworkRoutes: RouteDef[] = [
  {
    method: 'GET',
    url: '/api/cases/:id/prefill/:formId',
    operationId: 'prefill',
    summary:
      "What the case's earlier forms already know for a form (schemas/prefill.json), and where each fact came from",
    action: 'case.prefill',
    auth: 'principal',
    scope: 'case',
    schema: {
      params: {
        type: 'object',
        required: ['id', 'formId'],
        properties: { id: { type: 'string' }, formId: { type: 'string' } },
      },
    },
    responses: {
      200: { description: '`{formId, data, sources}`' },
      400: { description: "A form of another country than the case's (`form-country`)", schema: errorSchema },
      404: { description: 'No such case or form', schema: errorSchema },
    },
    handler: async (req) => {
      const { id, formId } = req.params as { id: string; formId: string };
      const c = await requireCase(req, id);
      // Another country's form has no place for this case's facts: said so, not answered with nothing.
      requireCountry(c, await requireForm(formId));
      const all = await caseSubmissions(req.services.database.db, req.services.keys, c.id);
      const filled = prefill(formId, all);
      // The minor indicators, derived from the date of birth the case records: set, never asked.
      let data = filled.data;
      const derived = minorPrefill(formId, all);
      for (const d of derived) data = setAtPointer(data, d.pointer, d.value);
      return { ...filled, data, sources: [...filled.sources, ...derived.map(({ value: _v, ...s }) => s)] };
    },
  },
  {
    method: 'POST',
    url: '/api/cases/:id/referrals',
    operationId: 'createReferral',
    summary: 'Refer the case to a receiving body, disclosing only sections the migrant consented to disclose',
    action: 'referral.create',
    auth: 'principal',
    scope: 'case',
    schema: { params: idParams, body: referralBody },
    responses: {
      201: { description: 'The referral (status sent)' },
      404: { description: 'No such case', schema: errorSchema },
      409: { description: 'Sections beyond the consent to disclose', schema: errorSchema },
    },
    handler: (req, reply) =>
      idempotent(req, reply, false, async (tx) => {
        const body = req.body as {
          receivingBody: string;
          kind: string;
          sections: string[];
          note?: string;
          receivingOrganisationId?: string;
        };
        if (
          body.receivingOrganisationId !== undefined &&
          (!isUuid(body.receivingOrganisationId) ||
            !(await tx
              .selectFrom('organisations')
              .select('id')
              .where('id', '=', body.receivingOrganisationId)
              .executeTakeFirst()))
        ) {
          throw new ApiError(400, 'invalid-request', { detail: 'receivingOrganisationId names no organisation' });
        }
        const c = await requireCase(req, (req.params as { id: string }).id, true, tx);
        const refused = undisclosable(c.country, body.sections, await caseSubmissions(tx, req.services.keys, c.id));
        if (refused.length)
          throw new ApiError(
            409,
            'referral-sections',
            { body: body.receivingBody, sections: refused.join(', ') },
            { sections: refused },
          );
        const referral = await createReferral(tx, req.services.keys, c.id, body);
        if (body.receivingOrganisationId)
          await tx
            .updateTable('referrals')
            .set({ receiving_organisation_id: body.receivingOrganisationId })
            .where('id', '=', referral.id)
            .execute();
        await recordFacts(tx, req.services.keys, c.id);
        return { status: 201, body: { ...referral, receivingOrganisationId: body.receivingOrganisationId ?? null } };
      }),
  },
  {
    method: 'POST',
    url: '/api/referrals/:id/status',
    operationId: 'setReferralStatus',
    summary: 'A referral accepted or declined by the receiving body, then closed (dated)',
    action: 'referral.update',
    auth: 'principal',
    scope: 'referral',
    schema: {
      params: idParams,
      body: {
        type: 'object',
        required: ['status'],
        additionalProperties: false,
        properties: { status: { enum: ['accepted', 'declined', 'closed'] }, note: { type: 'string', maxLength: 2000 } },
      },
    },
    responses: {
      200: { description: 'The referral' },
      404: { description: 'No such referral', schema: errorSchema },
      409: { description: 'Not allowed from its status', schema: errorSchema },
    },
    handler: async (req) => {
      const id = (req.params as { id: string }).id;
      const { status, note } = req.body as { status: Exclude<ReferralStatus, 'sent'>; note?: string };
      const done = await auditedWrite(req, async (tx) => {
        const r = isUuid(id) ? await getReferral(tx, req.services.keys, id, true) : undefined;
        if (!r) throw new ApiError(404, 'referral-not-found', { id });
        // The receiving organisation accepts or declines and closes; the referring one may close or withdraw it.
        const receiving = await tx
          .selectFrom('referrals')
          .select('receiving_organisation_id')
          .where('id', '=', id)
          .executeTakeFirst();
        const isReceiver = receiving?.receiving_organisation_id === req.principal!.organisationId;
        if (!isReceiver) {
          await requireCase(req, r.caseId, false, tx).catch(() => {
            throw new ApiError(404, 'referral-not-found', { id });
          });
          if (status !== 'closed' && receiving?.receiving_organisation_id)
            throw new ApiError(403, 'forbidden', { action: `referral ${status}` });
        }
        if (!referralTransitions[r.status].includes(status))
          throw new ApiError(409, 'referral-transition', { from: r.status, to: status });
        const updated = await setReferralStatus(tx, req.services.keys, r, status, note);
        await recordFacts(tx, req.services.keys, r.caseId);
        return { status: 200, body: updated };
      });
      return done.body;
    },
  },
  {
    method: 'GET',
    url: '/api/tasks',
    operationId: 'listTasks',
    summary: 'Open deadlines of open cases from the SOPs (schemas/deadlines.json): overdue, or due within a week',
    action: 'task.list',
    auth: 'principal',
    schema: {
      querystring: {
        type: 'object',
        properties: {
          due: { enum: ['overdue', 'week', 'all'], default: 'all' },
          limit: { type: 'integer', minimum: 1, maximum: 1000, default: 200 },
          lang: { type: 'string' },
        },
      },
    },
    responses: { 200: { description: '`{tasks: [{caseId, ruleId, dueOn, title, sop, sourceLines}]}`' } },
    handler: async (req) => {
      const { due, limit } = req.query as { due: 'overdue' | 'week' | 'all'; limit: number };
      const today = new Date().toISOString().slice(0, 10);
      const weekEnd = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
      const rows = await dueTasks(req.services.database.db, req.principal!.organisationId, {
        limit,
        ...(due === 'overdue' ? { before: today } : due === 'week' ? { from: today, before: weekEnd } : {}),
      });
      return {
        tasks: rows.map((t) => {
          const rule = deadlineRules.find((r) => r.id === t.ruleId);
          return { ...t, overdue: t.dueOn < today, title: rule?.title, sop: rule?.sop, sourceLines: rule?.sourceLines };
        }),
      };
    },
  },
  {
    method: 'GET',
    url: '/api/export',
    operationId: 'exportForm',
    summary:
      "A form's submissions, streamed: JSON lines, or CSV / XLSX with column and choice labels in one or two languages beside the codes",
    action: 'export.run',
    auth: 'principal',
    schema: {
      querystring: {
        type: 'object',
        required: ['form'],
        properties: {
          form: { type: 'string' },
          format: { enum: ['jsonl', 'csv', 'xlsx'], default: 'jsonl' },
          lang: { type: 'string' },
        },
      },
    },
    responses: {
      200: { description: 'The export', contentType: 'text/csv' },
      400: { description: 'Unknown language', schema: errorSchema },
      404: { description: 'No such form', schema: errorSchema },
    },
    handler: async (req, reply) => {
      const { form: formId, format } = req.query as { form: string; format: ExportFormat };
      const form = await requireForm(formId);
      const parsed = parseLanguages((req.query as { lang?: unknown }).lang);
      if (parsed && 'invalid' in parsed) throw new ApiError(400, 'invalid-language', { value: parsed.invalid });
      const db = req.services.database.db;
      const stream = await exportStream(
        form,
        withConsentInForce(
          db,
          req.services.keys,
          formSubmissions(db, req.services.keys, formId, req.principal!.organisationId),
        ),
        format,
        parsed ?? [req.lang],
      );
      return reply
        .type(exportTypes[format])
        .header('content-disposition', `attachment; filename="${formId}.${format}"`)
        .send(stream);
    },
  },
];
