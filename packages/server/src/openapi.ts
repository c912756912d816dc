import { catalog, formIds, schemaLoaders } from '@komek/forms';
import type { RouteDef } from './routeTypes.js';

/** A schema's name in `components.schemas`: `kz.kz-f1-initial-application`, `common.defs`. */
const componentName = (id: string) =>
  id
    .replace(/^https:\/\/schemas\.komek\.invalid\//, '')
    .replace(/\.schema\.json$/, '')
    .replace(/\//g, '.');

/**
 * The OpenAPI 3.1 description of the API, generated from the route table. Every form's schema (and the shared
 * schemas it uses) is a component with its `$id`, so the schemas' own `$ref`s resolve as JSON Schema 2020-12 says;
 * a submission's body is one of the forms, chosen by `formId`.
 */
export async function openApiDocument(routes: readonly RouteDef[], version: string): Promise<Record<string, unknown>> {
  const schemas: Record<string, unknown> = {};
  const roots: Record<string, string> = {};
  for (const id of formIds) {
    const bundle = await schemaLoaders[id]();
    roots[id] = bundle.root;
    for (const [sid, schema] of Object.entries(bundle.schemas)) schemas[componentName(sid)] ??= schema;
  }
  schemas.Error = {
    type: 'object',
    required: ['code', 'message'],
    properties: {
      code: { type: 'string' },
      message: { type: 'string', description: 'In the language of ?lang= or Accept-Language' },
      issues: {
        type: 'array',
        items: {
          type: 'object',
          properties: { pointer: { type: 'string' }, label: { type: 'string' }, message: { type: 'string' } },
        },
      },
    },
  };
  const submissionBody = {
    oneOf: catalog.map((c) => ({
      type: 'object',
      title: c.title,
      required: ['formId', 'data'],
      additionalProperties: false,
      properties: { formId: { const: c.id }, data: { $ref: `#/components/schemas/${componentName(roots[c.id]!)}` } },
    })),
    discriminator: { propertyName: 'formId' },
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    const params = [...r.url.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const query =
      (r.schema?.querystring as { properties?: Record<string, unknown>; required?: string[] } | undefined) ?? {};
    const queryParams = Object.entries(query.properties ?? {}).map(([name, schema]) => ({
      name,
      in: 'query',
      required: (query.required ?? []).includes(name),
      schema,
    }));
    const headers = Object.keys(
      (r.schema?.headers as { properties?: Record<string, unknown> } | undefined)?.properties ?? {},
    ).map((name) => ({
      name,
      in: 'header',
      required: name === 'idempotency-key' && r.operationId === 'createSubmission',
      schema: { type: 'string' },
    }));
    const body = r.operationId === 'createSubmission' ? submissionBody : r.schema?.body;
    paths[path] ??= {};
    paths[path][r.method.toLowerCase()] = {
      operationId: r.operationId,
      summary: r.summary,
      'x-komek-action': r.action,
      ...(r.auth === 'public' ? { security: [] } : {}),
      parameters: [...params, ...queryParams, ...headers],
      ...(body
        ? {
            requestBody: {
              required: true,
              content: {
                [r.body === 'pdf' ? 'application/pdf' : 'application/json']: {
                  schema: r.body === 'pdf' ? { type: 'string', format: 'binary' } : body,
                },
              },
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries(r.responses).map(([status, d]) => [
          status,
          {
            description: d.description,
            ...(d.schema || d.contentType
              ? {
                  content: {
                    [d.contentType ?? 'application/json']: {
                      schema: Number(status) >= 400 ? { $ref: '#/components/schemas/Error' } : (d.schema ?? {}),
                    },
                  },
                }
              : {}),
          },
        ]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Komek API',
      version,
      description: 'Cases and the forms of the IOM guidelines for Kazakhstan, the Kyrgyz Republic and Tajikistan.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The token in <data>/admin.token' } },
      schemas,
    },
  };
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain page listing the operations (no script, nothing fetched from elsewhere). */
export function docsPage(doc: Record<string, unknown>): string {
  const paths = doc.paths as Record<
    string,
    Record<string, { summary: string; operationId: string; responses: Record<string, { description: string }> }>
  >;
  const rows = Object.entries(paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(
      ([method, op]) =>
        `<tr><td><code>${escape(method.toUpperCase())} ${escape(path)}</code></td><td>${escape(op.summary)}</td><td>${Object.keys(op.responses).map(escape).join(' ')}</td></tr>`,
    ),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Komek API</title><meta name="viewport" content="width=device-width">
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem;max-width:70rem}td{padding:.3rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}code{white-space:nowrap}</style></head>
<body><h1>Komek API</h1><p>Every <code>/api</code> request needs <code>Authorization: Bearer &lt;token&gt;</code> (the token is in <code>&lt;data&gt;/admin.token</code>). The machine-readable description, with every form's schema: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
<table><thead><tr><th>operation</th><th>what</th><th>statuses</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></body></html>`;
}
