import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { routeTable } from '@komek/server';
import { limits } from '../../apps/desk/src/limits.js';
import { fixture, startTestServer, type TestServer } from './harness.js';

describe('route table and OpenAPI description', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('pglite', inject('postgresUrl'));
  });
  afterAll(() => t?.close());

  it('declares every route once, each with an action; only the description, signing in and the health probes are public', () => {
    const keys = routeTable.map((r) => `${r.method} ${r.url}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(routeTable.map((r) => r.operationId)).size).toBe(routeTable.length);
    expect(
      routeTable
        .filter((r) => r.auth === 'public')
        .map((r) => `${r.method} ${r.url}`)
        .sort(),
    ).toEqual(['GET /api/health/live', 'GET /api/health/ready', 'GET /docs', 'GET /openapi.json', 'POST /api/session']);
    for (const r of routeTable) expect(r.url.startsWith('/api/') || r.auth === 'public').toBe(true);
  });

  it("has the case desk's text limits (apps/desk/src/limits.ts): the desk checks a text before it sends it", () => {
    const body = (method: string, url: string) => {
      const route = routeTable.find((r) => r.method === method && r.url === url);
      return (route?.schema as { body?: { properties: Record<string, { maxLength?: number }> } } | undefined)?.body
        ?.properties;
    };
    expect(body('POST', '/api/approvals/:id/decision')?.comment?.maxLength).toBe(limits.comment);
    expect(body('POST', '/api/cases/:id/referrals')?.note?.maxLength).toBe(limits.note);
    expect(body('POST', '/api/cases/:id/referrals')?.receivingBody?.maxLength).toBe(limits.receivingBody);
    expect(body('POST', '/api/referrals/:id/status')?.note?.maxLength).toBe(limits.note);
  });

  it('every /api route refuses a request without the token', async () => {
    for (const r of routeTable.filter((x) => x.auth === 'principal')) {
      const url = r.url.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
      const res = await t.api(r.method, url, { token: null, ...(r.method === 'GET' ? {} : { body: {} }) });
      expect(res.status, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('serves OpenAPI 3.1 with every route and every form schema; a fixture validates against its form component', async () => {
    const r = await t.api('GET', '/openapi.json', { token: null });
    expect(r.status).toBe(200);
    const doc = r.body;
    expect(doc.openapi).toBe('3.1.0');
    for (const route of routeTable)
      expect(doc.paths[route.url.replace(/:(\w+)/g, '{$1}')][route.method.toLowerCase()].operationId).toBe(
        route.operationId,
      );
    const body = doc.paths['/api/cases/{id}/submissions'].post.requestBody.content['application/json'].schema;
    expect(body.oneOf).toHaveLength(26);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    for (const [name, schema] of Object.entries(doc.components.schemas))
      ajv.addSchema(schema as object, `#/components/schemas/${name}`);
    const kz1 = body.oneOf.find((o: any) => o.properties.formId.const === 'kz-f1-initial-application');
    const validate = ajv.getSchema(kz1.properties.data.$ref)!;
    expect(validate(fixture('kz-f1-initial-application'))).toBe(true);
    expect(validate({ ...fixture('kz-f1-initial-application'), fullName: 42 })).toBe(false);
  });

  it('serves a docs page listing the operations, as text', async () => {
    const r = await t.api('GET', '/docs', { token: null });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.body).toContain('POST /api/cases/{id}/submissions');
    expect(r.body).not.toMatch(/<script/i);
  });
});
