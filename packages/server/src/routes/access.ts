import { randomUUID } from 'node:crypto';
import { ApiError } from '../errors.js';
import { auditedWrite } from '../requestAudit.js';
import { createSession, SESSION_COOKIE, SESSION_MAX_MS, type Principal } from '../auth.js';
import { endAllSessions, recordFailedSignIn, recordSignIn, userForSignIn } from '../store/users.js';
import { verifyPassword } from '../security/passwords.js';
import { errorSchema, idParams, isUuid, type RouteDef } from '../routeTypes.js';
import { requireCase } from './cases.js';
import { consentInForce, undisclosable } from '../access.js';
import { caseSubmissions } from '../store/submissions.js';
import { jsonb } from '../db/json.js';

/** Sign-in attempts per client address: at most `PER_ADDRESS` in `WINDOW_MS` (on top of the per-account lock-out). */
const WINDOW_MS = 5 * 60 * 1000;
const PER_ADDRESS = 30;
const perServer = new WeakMap<object, Map<string, number[]>>();

function tooManyFrom(services: object, address: string): number | undefined {
  let attempts = perServer.get(services);
  if (!attempts) perServer.set(services, (attempts = new Map<string, number[]>()));
  const now = Date.now();
  const recent = (attempts.get(address) ?? []).filter((t) => t > now - WINDOW_MS);
  recent.push(now);
  attempts.set(address, recent);
  if (attempts.size > 10_000)
    for (const [k, v] of attempts) if (!v.some((t) => t > now - WINDOW_MS)) attempts.delete(k);
  return recent.length > PER_ADDRESS ? Math.ceil((recent[0]! + WINDOW_MS - now) / 1000) : undefined;
}

function cookie(value: string, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=${maxAgeSeconds}`;
}

const me = (p: Principal) => ({
  id: p.id,
  kind: p.kind,
  organisationId: p.organisationId,
  roles: p.roles,
  ...(p.session ? { csrfToken: p.session.csrfToken } : {}),
});

export const accessRoutes: RouteDef[] = [
  {
    method: 'POST',
    url: '/api/session',
    operationId: 'signIn',
    summary: 'Sign in with a user name and password: sets an HTTP-only session cookie and returns the CSRF token',
    action: 'session.create',
    auth: 'public',
    schema: {
      body: {
        type: 'object',
        required: ['username', 'password'],
        additionalProperties: false,
        properties: {
          username: { type: 'string', minLength: 1, maxLength: 200 },
          password: { type: 'string', minLength: 1, maxLength: 4096 },
        },
      },
    },
    responses: {
      200: { description: 'Signed in' },
      401: { description: 'Wrong user name or password', schema: errorSchema },
      429: { description: 'Too many attempts: locked for a while', schema: errorSchema },
    },
    handler: async (req, reply) => {
      const wait = tooManyFrom(req.services, req.ip);
      if (wait !== undefined)
        throw new ApiError(
          429,
          'too-many-attempts',
          { minutes: Math.ceil(wait / 60) },
          {},
          { 'retry-after': String(wait) },
        );
      const { username, password } = req.body as { username: string; password: string };
      const db = req.services.database.db;
      const user = await userForSignIn(db, username);
      if (user?.locked_until && user.locked_until.getTime() > Date.now()) {
        const seconds = Math.ceil((user.locked_until.getTime() - Date.now()) / 1000);
        req.auditTarget = `user:${user.id}`;
        req.auditOrganisation = user.organisation_id;
        throw new ApiError(
          429,
          'too-many-attempts',
          { minutes: Math.ceil(seconds / 60) },
          {},
          { 'retry-after': String(seconds) },
        );
      }
      const ok = await verifyPassword(password, user?.password_hash);
      if (!user || !ok || user.disabled_at) {
        if (user) {
          req.auditTarget = `user:${user.id}`;
          req.auditOrganisation = user.organisation_id;
          if (!ok) await recordFailedSignIn(db, user.id, user.failed_attempts);
        }
        throw new ApiError(401, 'sign-in-failed');
      }
      req.auditTarget = `user:${user.id}`;
      // The session and the sign-in's entry in the audit trail are written together.
      const { body: session } = await auditedWrite(req, async (tx) => {
        await recordSignIn(tx, user.id);
        const made = await createSession(tx, user.id);
        req.principal = {
          id: user.id,
          kind: 'user',
          organisationId: user.organisation_id,
          roles: user.roles as Principal['roles'],
          session: { idHash: '', csrfToken: made.csrfToken, userId: user.id },
        };
        return { status: 200, body: made };
      });
      reply.header('set-cookie', cookie(session.cookie, Math.floor(SESSION_MAX_MS / 1000)));
      reply.header('cache-control', 'no-store');
      return {
        ...me(req.principal!),
        displayName: user.display_name,
        username: user.username,
        expiresAt: session.expiresAt.toISOString(),
      };
    },
  },
  {
    method: 'GET',
    url: '/api/session',
    operationId: 'whoAmI',
    summary: 'Who is signed in (and the CSRF token to send as X-CSRF-Token)',
    action: 'session.read',
    auth: 'principal',
    responses: { 200: { description: 'The principal' }, 401: { description: 'Not signed in', schema: errorSchema } },
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return me(req.principal!);
    },
  },
  {
    method: 'DELETE',
    url: '/api/session',
    operationId: 'signOut',
    summary: 'Sign out (this session)',
    action: 'session.delete',
    auth: 'principal',
    responses: { 204: { description: 'Signed out' } },
    handler: async (req, reply) => {
      const s = req.principal!.session;
      await auditedWrite(req, async (tx) => {
        if (s) await tx.deleteFrom('sessions').where('id_hash', '=', s.idHash).execute();
        return { status: 204, body: null };
      });
      reply.header('set-cookie', cookie('', 0));
      return reply.code(204).send();
    },
  },
  {
    method: 'POST',
    url: '/api/session/end-all',
    operationId: 'signOutEverywhere',
    summary: 'Sign out everywhere: every session of this person ends',
    action: 'session.revoke-all',
    auth: 'principal',
    responses: { 204: { description: 'Every session ended' } },
    handler: async (req, reply) => {
      const s = req.principal!.session;
      await auditedWrite(req, async (tx) => {
        if (s) await endAllSessions(tx, s.userId);
        return { status: 204, body: null };
      });
      reply.header('set-cookie', cookie('', 0));
      return reply.code(204).send();
    },
  },
  {
    method: 'GET',
    url: '/api/audit',
    operationId: 'auditTrail',
    summary: "The audit trail, newest first (an organisation's administrator sees its organisation's entries)",
    action: 'audit.read',
    auth: 'principal',
    schema: {
      querystring: {
        type: 'object',
        properties: {
          limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
          before: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
          lang: { type: 'string' },
        },
      },
    },
    responses: { 200: { description: 'Entries: who, when, which record, from where — never content' } },
    handler: async (req) => {
      const q = req.query as { limit: number; before?: number };
      const p = req.principal!;
      const entries = await req.services.audit.list({
        limit: q.limit,
        beforeSeq: q.before,
        organisationId: p.kind === 'admin-token' && p.id === 'admin' ? undefined : p.organisationId,
      });
      return { entries, next: entries.length === q.limit ? entries[entries.length - 1]!.seq : null };
    },
  },
  {
    method: 'POST',
    url: '/api/cases/:id/grants',
    operationId: 'grantAccess',
    summary: 'Let another organisation read the named sections (form ids) of a case, within the consent in force',
    action: 'grant.create',
    auth: 'principal',
    scope: 'case',
    schema: {
      params: idParams,
      body: {
        type: 'object',
        required: ['organisationId', 'sections'],
        additionalProperties: false,
        properties: {
          organisationId: { type: 'string' },
          sections: { type: 'array', minItems: 1, maxItems: 100, items: { type: 'string', maxLength: 100 } },
        },
      },
    },
    responses: {
      201: { description: 'The grant' },
      404: { description: 'No such case', schema: errorSchema },
      409: {
        description: 'Consent refused or withdrawn, or sections the migrant has not consented to disclose',
        schema: errorSchema,
      },
    },
    handler: async (req, reply) => {
      const c = await requireCase(req, (req.params as { id: string }).id);
      const body = req.body as { organisationId: string; sections: string[] };
      const db = req.services.database.db;
      if (
        !isUuid(body.organisationId) ||
        !(await db.selectFrom('organisations').select('id').where('id', '=', body.organisationId).executeTakeFirst())
      ) {
        throw new ApiError(400, 'invalid-request', { detail: 'organisationId names no organisation' });
      }
      if (!(await consentInForce(db, req.services.keys, c))) throw new ApiError(409, 'consent-withdrawn');
      // A grant discloses what a referral would: only the sections the migrant consented to pass on.
      const refused = undisclosable(c.country, body.sections, await caseSubmissions(db, req.services.keys, c.id));
      if (refused.length) {
        const { name } = await db
          .selectFrom('organisations')
          .select('name')
          .where('id', '=', body.organisationId)
          .executeTakeFirstOrThrow();
        throw new ApiError(
          409,
          'referral-sections',
          { body: name, sections: refused.join(', ') },
          { sections: refused },
        );
      }
      const id = randomUUID();
      req.auditTarget = `grant:${id}`;
      const granted = { id, caseId: c.id, organisationId: body.organisationId, sections: body.sections };
      await auditedWrite(req, async (tx) => {
        await tx
          .insertInto('grants')
          .values({
            id,
            case_id: c.id,
            organisation_id: body.organisationId,
            sections: jsonb(body.sections),
            granted_by: req.principal!.id,
            granted_at: new Date(),
            revoked_at: null,
          })
          .execute();
        return { status: 201, body: granted };
      });
      return reply.code(201).send(granted);
    },
  },
  {
    method: 'DELETE',
    url: '/api/grants/:id',
    operationId: 'revokeGrant',
    summary: 'End a grant at once',
    action: 'grant.revoke',
    auth: 'principal',
    scope: 'grant',
    schema: { params: idParams },
    responses: { 204: { description: 'Revoked' }, 404: { description: 'No such grant', schema: errorSchema } },
    handler: async (req, reply) => {
      const id = (req.params as { id: string }).id;
      const db = req.services.database.db;
      const g = isUuid(id)
        ? await db
            .selectFrom('grants')
            .innerJoin('cases', 'cases.id', 'grants.case_id')
            .select(['grants.id'])
            .where('grants.id', '=', id)
            .where('cases.organisation_id', '=', req.principal!.organisationId)
            .executeTakeFirst()
        : undefined;
      if (!g) throw new ApiError(404, 'not-found', { what: `grant ${id}` });
      await auditedWrite(req, async (tx) => {
        await tx
          .updateTable('grants')
          .set({ revoked_at: new Date() })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .execute();
        return { status: 204, body: null };
      });
      return reply.code(204).send();
    },
  },
];
