import { catalog } from '@komek/forms';
import { childrenOf, translate, type FormNode } from '@komek/core';
import type { Language } from '@komek/i18n';
import { loadForm } from '../forms.js';
import { ensureMessages, translatorFor } from '../i18n.js';
import { approvalRules } from './approvals.js';

/** The catalog with each form's title and signature fields in a language, and its approval rule (if any). */
async function describedForms(lang: Language) {
  await ensureMessages(
    lang,
    catalog.map((c) => c.id),
  );
  const t = translatorFor(lang);
  return Promise.all(
    catalog.map(async (entry) => {
      const form = await loadForm(entry.id)!;
      const signatures: { pointer: string; label: string; required: boolean }[] = [];
      const walk = (n: FormNode) => {
        if (n.kind === 'signature')
          signatures.push({
            pointer: n.pointer,
            label: translate(t, n.labelKey, n.englishLabel),
            required: n.required,
          });
        for (const child of childrenOf(n)) walk(child);
      };
      walk(form.model.root);
      return {
        ...entry,
        label: translate(t, form.model.root.labelKey, entry.title),
        signatures,
        approval: approvalRules[entry.id] ?? null,
      };
    }),
  );
}
import { ApiError } from '../errors.js';
import { docsPage, openApiDocument } from '../openapi.js';
import type { RouteDef } from '../routeTypes.js';

let described: Promise<Record<string, unknown>> | undefined;
/** The OpenAPI document of the route table, made once. */
async function description(): Promise<Record<string, unknown>> {
  const { routeTable } = await import('../routes.js');
  return (described ??= openApiDocument(routeTable, '0.1.0'));
}

export const metaRoutes: RouteDef[] = [
  {
    method: 'GET',
    url: '/api/health',
    operationId: 'health',
    summary: 'Whether the server and its database answer',
    action: 'health.read',
    auth: 'principal',
    responses: {
      200: {
        description: 'Up',
        schema: {
          type: 'object',
          properties: { status: { const: 'ok' }, database: { enum: ['pglite', 'postgresql'] } },
        },
      },
      503: { description: 'The database cannot be reached (Retry-After says when to try again)' },
    },
    handler: async (req) => {
      const { database } = req.services;
      if (!(await database.ping())) throw new ApiError(503, 'unavailable', {}, {}, { 'retry-after': '5' });
      return { status: 'ok', database: database.kind };
    },
  },
  {
    method: 'GET',
    url: '/api/health/live',
    operationId: 'liveness',
    summary:
      "Whether the server's process answers, without credentials and without asking the database: for a load balancer's or orchestrator's liveness probe (it says nothing else)",
    action: 'health.read',
    auth: 'public',
    responses: { 200: { description: 'Up', schema: { type: 'object', properties: { status: { const: 'ok' } } } } },
    handler: async () => ({ status: 'ok' }),
  },
  {
    method: 'GET',
    url: '/api/health/ready',
    operationId: 'readiness',
    summary:
      'Whether the server can take requests (its database answers), without credentials: for a readiness probe; says nothing about which database or why',
    action: 'health.read',
    auth: 'public',
    responses: {
      200: { description: 'Ready', schema: { type: 'object', properties: { status: { const: 'ok' } } } },
      503: { description: 'The database cannot be reached (Retry-After says when to try again)' },
    },
    handler: async (req) => {
      if (!(await req.services.database.ping())) throw new ApiError(503, 'unavailable', {}, {}, { 'retry-after': '5' });
      return { status: 'ok' };
    },
  },
  {
    method: 'GET',
    url: '/api/forms',
    operationId: 'listForms',
    summary:
      "The catalog: every form with its country, SOP step, kind and version; with its title and who signs it (the form's signature fields) in the request's language, and whether the head of service approves it",
    action: 'forms.read',
    auth: 'principal',
    responses: {
      200: {
        description:
          '`{forms: [{id, country, sop, step, title, label, signatures: [{pointer, label, required}], approval}]}`',
      },
    },
    handler: async (req) => ({ forms: await describedForms(req.lang) }),
  },
  {
    method: 'GET',
    url: '/openapi.json',
    operationId: 'openapi',
    summary: "This description (OpenAPI 3.1), with every form's schema",
    action: 'api.describe',
    auth: 'public',
    responses: { 200: { description: 'The OpenAPI document' } },
    handler: async () => description(),
  },
  {
    method: 'GET',
    url: '/docs',
    operationId: 'docs',
    summary: 'A page listing the operations',
    action: 'api.describe',
    auth: 'public',
    responses: { 200: { description: 'HTML', contentType: 'text/html' } },
    handler: async (_req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .send(docsPage(await description())),
  },
];
