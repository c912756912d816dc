import { catalog } from '@komek/forms';
import { ApiError } from '../errors.js';
import type { RouteDef } from '../routeTypes.js';

export const metaRoutes: RouteDef[] = [
  {
    method: 'GET',
    url: '/api/health',
    operationId: 'health',
    summary: 'Whether the server and its database answer',
    action: 'health.read',
    auth: 'principal',
    responses: {
      200: { description: 'Up', schema: { type: 'object', properties: { status: { const: 'ok' }, database: { enum: ['pglite', 'postgresql'] } } } },
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
];
