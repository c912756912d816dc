import { catalog } from '@komek/forms';
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
    url: '/api/forms',
    operationId: 'listForms',
    summary: 'The catalog: every form with its country, SOP step, kind and version',
    action: 'forms.read',
    auth: 'principal',
    responses: { 200: { description: 'The catalog' } },
    handler: async () => ({ forms: catalog }),
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
