import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Language } from '@komek/i18n';
import type { Principal } from './auth.js';
import type { Services } from './services.js';

/** What a route touches, for access rules: `<resource>.<verb>`. */
export type Action =
  | 'health.read'
  | 'forms.read'
  | 'forms.print'
  | 'api.describe'
  | 'case.create'
  | 'case.list'
  | 'case.read'
  | 'submission.create'
  | 'submission.read'
  | 'submission.update'
  | 'submission.print'
  | 'case.print'
  | 'case.prefill'
  | 'paper.upload'
  | 'paper.check'
  | 'referral.create'
  | 'referral.update'
  | 'task.list'
  | 'export.run'
  | 'job.create'
  | 'job.read'
  | 'session.create'
  | 'session.read'
  | 'session.delete'
  | 'session.revoke-all'
  | 'audit.read'
  | 'grant.create'
  | 'grant.revoke'
  | 'approval.request'
  | 'approval.list'
  | 'approval.decide'
  | 'referral.list'
  | 'organisation.list'
  | 'report.read';

/** The request as a route handler sees it. */
export interface ApiRequest extends FastifyRequest {
  principal: Principal | undefined;
  /** The language of messages (the first of `langs`). */
  lang: Language;
  /** One or two languages: `?lang=kk,ru`, else Accept-Language, else English. */
  langs: Language[];
  services: Services;
  /** The action of the route being served (access rules, audit trail). */
  action: Action | undefined;
  /** Set when the case is another organisation's, shared with this one: the form ids it may see. */
  sharedSections: string[] | undefined;
  /** What the audit trail names as the record acted on, when the route's parameters do not say it. */
  auditTarget: string | undefined;
  /** The route's scope: with its `:id`, the record the audit trail names when nothing more precise is set. */
  auditScope: RouteDef['scope'];
  /** The organisation an entry belongs to when no principal says it (a failed sign-in of a known user). */
  auditOrganisation: string | undefined;
  /** Set once the request's entry is in the audit trail, written in the transaction of its change (`auditedWrite`). */
  audited: boolean | undefined;
}

/** One documented response of a route. */
export interface ResponseDoc {
  description: string;
  contentType?: string;
  schema?: Record<string, unknown>;
}

/**
 * One route of the API. Every route is declared in the table of routes.ts and registered from it; the OpenAPI
 * document and the access rules are generated from the same table.
 */
export interface RouteDef {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  operationId: string;
  summary: string;
  action: Action;
  /** `public`: no token (the API description); `principal`: a valid token. */
  auth: 'public' | 'principal';
  /** Which resource the `:id` parameter names, for per-record rules. */
  scope?: 'case' | 'submission' | 'referral' | 'job' | 'grant' | 'approval';
  /** The body's media type (JSON unless said). */
  body?: 'json' | 'pdf';
  bodyLimit?: number;
  schema?: { params?: object; querystring?: object; body?: object; headers?: object };
  responses: Record<number, ResponseDoc>;
  handler(req: ApiRequest, reply: FastifyReply): Promise<unknown>;
}

export const uuidPattern = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
export const isUuid = (s: string) => new RegExp(uuidPattern).test(s);
export const idParams = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;
export const errorSchema = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    issues: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          pointer: { type: 'string' },
          label: { type: 'string' },
          message: { type: 'string' },
          secondary: { type: 'object' },
        },
      },
    },
  },
} as const;
