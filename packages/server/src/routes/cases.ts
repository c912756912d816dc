import { accessRules, sharedSections } from '../access.js';
import { ApiError } from '../errors.js';
import { caseView } from '../caseView.js';
import { createCase, decodeCursor, getCase, listCases } from '../store/cases.js';
import { errorSchema, idParams, isUuid, type ApiRequest, type RouteDef } from '../routeTypes.js';
import { idempotent } from './idempotent.js';
import { searchTerms } from '../store/caseIndex.js';
import { recordFacts } from '../reports/facts.js';

export const caseSchema = {
  type: 'object',
  required: ['id', 'country', 'status', 'createdAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    organisationId: { type: 'string' },
    country: { enum: ['kz', 'kg', 'tj'] },
    status: { enum: ['open', 'closed'] },
    step: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    summary: {
      type: 'object',
      description: 'The summary fields (`x-komek.summary`), each from the latest form that holds it',
      properties: {
        fullName: { type: 'string' },
        dateOfBirth: { type: 'string' },
        citizenship: { type: 'string' },
        place: { type: 'string' },
      },
    },
    minor: { type: 'boolean', description: 'Under 18 today by the recorded date of birth' },
    age: { type: ['integer', 'null'] },
  },
} as const;

/**
 * The case named by `:id`: one of the principal's organisation, or — for an action allowed on shared cases — another
 * organisation's case shared with it by an accepted referral or a grant while consent is in force (then
 * `req.sharedSections` lists what it may see). Otherwise 404, the same answer as for a case that does not exist.
 */
export async function requireCase(req: ApiRequest, id: string, lock = false, db = req.services.database.db) {
  const principal = req.principal!;
  let found = isUuid(id) ? await getCase(db, principal.organisationId, id, lock) : undefined;
  if (!found && isUuid(id) && req.action && accessRules[req.action].shared && principal.kind === 'user') {
    const other = await db
      .selectFrom('cases')
      .select(['id', 'organisation_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    const c = other && (await getCase(db, other.organisation_id, id));
    const sections = c && (await sharedSections(db, req.services.keys, principal.organisationId, c));
    if (c && sections) {
      req.sharedSections = sections;
      found = c;
    }
  }
  if (!found) throw new ApiError(404, 'case-not-found', { id });
  return found;
}

export const caseRoutes: RouteDef[] = [
  {
    method: 'POST',
    url: '/api/cases',
    operationId: 'createCase',
    summary: 'Open a case in a country (an Idempotency-Key header makes retries safe)',
    action: 'case.create',
    auth: 'principal',
    schema: {
      body: {
        type: 'object',
        required: ['country'],
        additionalProperties: false,
        properties: { country: { enum: ['kz', 'kg', 'tj'] } },
      },
    },
    responses: {
      201: { description: 'The case', schema: caseSchema },
      400: { description: 'Invalid body', schema: errorSchema },
    },
    handler: (req, reply) =>
      idempotent(req, reply, false, async (tx) => {
        const { country } = req.body as { country: 'kz' | 'kg' | 'tj' };
        const c = await createCase(tx, req.principal!.organisationId, country);
        await recordFacts(tx, req.services.keys, c.id);
        return { status: 201, body: c };
      }),
  },
  {
    method: 'GET',
    url: '/api/cases',
    operationId: 'listCases',
    summary: 'Cases, newest first, a page at a time (filter by status, step, country; `q` searches the summary fields)',
    action: 'case.list',
    auth: 'principal',
    schema: {
      querystring: {
        type: 'object',
        properties: {
          limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
          cursor: { type: 'string' },
          status: { enum: ['open', 'closed'] },
          step: { type: 'string' },
          country: { enum: ['kz', 'kg', 'tj'] },
          q: { type: 'string', maxLength: 200 },
          lang: { type: 'string' },
        },
      },
    },
    responses: {
      200: {
        description: 'A page of cases; `next` is the cursor of the next page or null',
        schema: {
          type: 'object',
          properties: { cases: { type: 'array', items: caseSchema }, next: { type: ['string', 'null'] } },
        },
      },
    },
    handler: async (req) => {
      const q = req.query as {
        limit: number;
        cursor?: string;
        status?: string;
        step?: string;
        country?: string;
        q?: string;
      };
      const after = q.cursor ? decodeCursor(q.cursor) : undefined;
      if (q.cursor && !after)
        throw new ApiError(400, 'invalid-request', { detail: 'cursor is not one this server gave' });
      const organisationId = req.principal!.organisationId;
      return listCases(req.services.database.db, req.services.keys, organisationId, {
        limit: q.limit,
        after,
        status: q.status,
        step: q.step,
        country: q.country,
        terms: q.q ? searchTerms(req.services.search, organisationId, q.q) : undefined,
      });
    },
  },
  {
    method: 'GET',
    url: '/api/cases/:id',
    operationId: 'getCase',
    summary: 'A case with its submissions, consent state, referrals and tasks',
    action: 'case.read',
    auth: 'principal',
    scope: 'case',
    schema: { params: idParams },
    responses: { 200: { description: 'The case' }, 404: { description: 'No such case', schema: errorSchema } },
    handler: async (req) => {
      const c = await requireCase(req, (req.params as { id: string }).id);
      return caseView(req.services.database.db, req.services.keys, c, req.sharedSections);
    },
  },
];
