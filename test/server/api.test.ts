import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { engines, fixture, startTestServer, type TestServer } from './harness.js';

describe.each(engines)('API on %s', (engine) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(engine, inject('postgresUrl'));
  });
  afterAll(() => t?.close());

  const newCase = async (country = 'kz') =>
    (await t.api('POST', '/api/cases', { body: { country } })).body as { id: string };
  const submit = (
    caseId: string,
    formId: string,
    data: unknown,
    key: string | null = randomUUID(),
    headers: Record<string, string> = {},
  ) =>
    t.api('POST', `/api/cases/${caseId}/submissions`, {
      body: { formId, data },
      headers: { ...(key ? { 'idempotency-key': key } : {}), ...headers },
    });

  it('writes the admin token with mode 0600 and refuses requests without it', async () => {
    expect(statSync(`${t.dataDir}/admin.token`).mode & 0o777).toBe(0o600);
    const none = await t.api('GET', '/api/health', { token: null });
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('unauthorized');
    expect((await t.api('GET', '/api/health', { token: 'kmk_wrong' })).status).toBe(401);
    const ok = await t.api('GET', '/api/health');
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ status: 'ok', database: engine });
    // The probes a load balancer calls need no token and say no more than up or ready.
    for (const probe of ['/api/health/live', '/api/health/ready']) {
      const r = await t.api('GET', probe, { token: null });
      expect([r.status, r.body]).toEqual([200, { status: 'ok' }]);
    }
    expect(t.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('lists the catalog', async () => {
    const r = await t.api('GET', '/api/forms');
    expect(r.body.forms).toHaveLength(26);
    expect(r.body.forms[0]).toMatchObject({ id: 'kg-3.1-f1-identification-consent', country: 'KG' });
  });

  it('creates a case, stores a valid submission once per idempotency key', async () => {
    const created = await t.api('POST', '/api/cases', { body: { country: 'kz' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ country: 'kz', status: 'open', step: null });
    const key = randomUUID();
    const first = await submit(created.body.id, 'kz-f1-initial-application', fixture('kz-f1-initial-application'), key);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ formId: 'kz-f1-initial-application', revision: 1, schemaVersion: '1.0.0' });
    const again = await submit(created.body.id, 'kz-f1-initial-application', fixture('kz-f1-initial-application'), key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const c = await t.api('GET', `/api/cases/${created.body.id}`);
    expect(c.body.submissions).toHaveLength(1);
    expect(c.body.submissions[0].data).toEqual(fixture('kz-f1-initial-application'));
    expect(c.body.step).toBe('Step 1 (1.4); Step 2 (2.1-2.3)');
    // The same key for another request is refused, nothing stored.
    const other = await submit(created.body.id, 'kz-f4-interview-consent', fixture('kz-f4-interview-consent'), key);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency-key-reused');
    expect((await t.api('GET', `/api/cases/${created.body.id}`)).body.submissions).toHaveLength(1);
  });

  it('refuses a submission without an idempotency key', async () => {
    const c = await newCase();
    const r = await submit(c.id, 'kz-f1-initial-application', fixture('kz-f1-initial-application'), null);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('idempotency-key-required');
  });

  it('answers invalid data with 400 and labelled issues in the language asked, storing nothing', async () => {
    const c = await newCase();
    const data = { ...fixture('kz-f1-initial-application') };
    delete data.fullName;
    const r = await submit(c.id, 'kz-f1-initial-application', data, randomUUID(), {
      'accept-language': 'ru-RU,ru;q=0.9',
    });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('invalid-data');
    expect(r.body.issues.length).toBeGreaterThan(0);
    const issue = r.body.issues.find((i: { pointer: string }) => i.pointer === '/fullName');
    expect(issue).toBeDefined();
    expect(issue.label).toMatch(/[А-Яа-я]/);
    expect(issue.message).toMatch(/[А-Яа-я]/);
    const en = await submit(c.id, 'kz-f1-initial-application', data, randomUUID());
    expect(en.body.issues.find((i: { pointer: string }) => i.pointer === '/fullName').message).toMatch(/[A-Za-z]/);
    // Two languages: the second's wording beside the first's.
    const two = await t.api('POST', `/api/cases/${c.id}/submissions?lang=kk,ru`, {
      body: { formId: 'kz-f1-initial-application', data },
      headers: { 'idempotency-key': randomUUID() },
    });
    const both = two.body.issues.find((i: { pointer: string }) => i.pointer === '/fullName');
    expect(both.message).not.toBe(issue.message);
    expect(both.secondary.message).toBe(issue.message);
    expect(both.secondary.label).toBe(issue.label);
    expect((await t.api('GET', `/api/cases/${c.id}`)).body.submissions).toHaveLength(0);
  });

  it('gates questionnaires behind a signed consent in force (409), and opens them after one', async () => {
    const c = await newCase();
    const gated = await submit(c.id, 'kz-f5-identification-application', fixture('kz-f5-identification-application'));
    expect(gated.status).toBe(409);
    expect(gated.body).toMatchObject({
      code: 'consent-required',
      consentForms: ['kz-f4-interview-consent'],
      reason: 'missing',
    });
    expect(gated.body.message).toContain('kz-f4-interview-consent');
    expect((await submit(c.id, 'kz-f4-interview-consent', fixture('kz-f4-interview-consent'))).status).toBe(201);
    const ok = await submit(c.id, 'kz-f5-identification-application', fixture('kz-f5-identification-application'));
    expect(ok.status).toBe(201);
    const view = await t.api('GET', `/api/cases/${c.id}`);
    expect(view.body.consent['kz-f5-identification-application'].allowed).toBe(true);
  });

  it('keeps every revision; a stale If-Match gets 412 and overwrites nothing', async () => {
    const c = await newCase();
    const data = fixture('kz-f1-initial-application');
    const s = (await submit(c.id, 'kz-f1-initial-application', data)).body;
    const v2 = { ...data, fullName: 'Aigerim Seitkali' };
    const put = await t.api('PUT', `/api/submissions/${s.id}`, { body: { data: v2 }, headers: { 'if-match': '"1"' } });
    expect(put.status).toBe(200);
    expect(put.body.revision).toBe(2);
    expect(put.headers.get('etag')).toBe('"2"');
    const stale = await t.api('PUT', `/api/submissions/${s.id}`, {
      body: { data: { ...data, fullName: 'Someone Else' } },
      headers: { 'if-match': '1' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'stale-revision', currentRevision: 2 });
    const missing = await t.api('PUT', `/api/submissions/${s.id}`, { body: { data: v2 } });
    expect(missing.status).toBe(428);
    const current = await t.api('GET', `/api/submissions/${s.id}`);
    expect(current.body.data.fullName).toBe('Aigerim Seitkali');
    expect(current.body.revision).toBe(2);
    const revs = await t.api('GET', `/api/submissions/${s.id}/revisions`);
    expect(
      revs.body.revisions.map((r: { revision: number; data: { fullName: string } }) => [r.revision, r.data.fullName]),
    ).toEqual([
      [1, data.fullName],
      [2, 'Aigerim Seitkali'],
    ]);
  });

  it('pages cases by cursor and filters by status and step', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await newCase('tj')).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { cases: { id: string }[]; next: string | null } } = await t.api(
        'GET',
        `/api/cases?country=tj&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.body.cases.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.cases.map((x) => x.id));
      cursor = page.body.next;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const stepped = await t.api('GET', `/api/cases?step=${encodeURIComponent('Step 1 (1.4); Step 2 (2.1-2.3)')}`);
    expect(stepped.body.cases.length).toBeGreaterThan(0);
    expect(stepped.body.cases.every((x: { step: string }) => x.step === 'Step 1 (1.4); Step 2 (2.1-2.3)')).toBe(true);
    expect((await t.api('GET', '/api/cases?status=closed')).body.cases).toEqual([]);
    expect((await t.api('GET', '/api/cases?cursor=bogus')).status).toBe(400);
  });

  describe('bad input: status, a clear error, nothing stored', () => {
    it('malformed JSON → 400', async () => {
      const c = await newCase();
      const r = await t.api('POST', `/api/cases/${c.id}/submissions`, {
        raw: '{"formId": "kz-f1-initial-application", "data": {',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('invalid-json');
    });
    it('invalid UTF-8 → 400', async () => {
      const c = await newCase();
      const bytes = new Uint8Array([
        ...new TextEncoder().encode('{"formId":"kz-f1-initial-application","data":{"fullName":"'),
        0xc3,
        0x28,
        ...new TextEncoder().encode('"}}'),
      ]);
      const r = await t.api('POST', `/api/cases/${c.id}/submissions`, {
        raw: bytes,
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('invalid-utf8');
      expect((await t.api('GET', `/api/cases/${c.id}`)).body.submissions).toHaveLength(0);
    });
    it('a body over the limit → 413', async () => {
      const c = await newCase();
      const r = await submit(c.id, 'kz-f1-initial-application', { fullName: 'x'.repeat(2 * 1024 * 1024) });
      expect(r.status).toBe(413);
      expect(r.body.code).toBe('too-large');
    });
    it('wrong content type → 415', async () => {
      const c = await newCase();
      const text = await t.api('POST', `/api/cases/${c.id}/submissions`, {
        raw: 'formId=x',
        headers: { 'content-type': 'text/plain', 'idempotency-key': randomUUID() },
      });
      expect(text.status).toBe(415);
      expect(text.body.code).toBe('unsupported-media-type');
      const pdf = await t.api('POST', `/api/cases/${c.id}/submissions`, {
        raw: '%PDF-1.7',
        headers: { 'content-type': 'application/pdf', 'idempotency-key': randomUUID() },
      });
      expect(pdf.status).toBe(415);
    });
    it('unknown form, unknown case, a form of another country → 404 / 404 / 400', async () => {
      const c = await newCase();
      const form = await submit(c.id, 'kz-f99-nothing', {});
      expect(form.status).toBe(404);
      expect(form.body.code).toBe('form-not-found');
      const missing = await submit(randomUUID(), 'kz-f1-initial-application', fixture('kz-f1-initial-application'));
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('case-not-found');
      expect((await t.api('GET', '/api/cases/not-a-uuid')).status).toBe(404);
      const country = await submit(c.id, 'tj-f1-identification-consent', fixture('tj-f1-identification-consent'));
      expect(country.status).toBe(400);
      expect(country.body.code).toBe('form-country');
      expect((await t.api('GET', '/api/nowhere')).status).toBe(404);
    });
    it('an envelope without formId → 400 naming it', async () => {
      const c = await newCase();
      const r = await t.api('POST', `/api/cases/${c.id}/submissions`, {
        body: { data: {} },
        headers: { 'idempotency-key': randomUUID() },
      });
      expect(r.status).toBe(400);
      expect(r.body.message).toContain('formId');
    });
    it('messages follow ?lang=', async () => {
      const id = randomUUID();
      const r = await t.api('GET', `/api/cases/${id}?lang=kk`);
      expect(r.status).toBe(404);
      expect(r.body).toEqual({ code: 'case-not-found', message: `${id} ісі жоқ.` });
      const ru = await t.api('GET', `/api/cases/${id}`, { headers: { 'accept-language': 'de-DE, ru;q=0.8' } });
      expect(ru.body.message).toBe(`Дела ${id} нет.`);
      const en = await t.api('GET', `/api/cases/${id}`);
      expect(en.body.message).toBe(`There is no case ${id}.`);
    });
  });
});

describe('API error messages', () => {
  it('every code has an English message and a draft in each other language, with the same placeholders', async () => {
    const { apiErrorCodes } = await import('../../packages/server/src/errors.js');
    const { readFileSync } = await import('node:fs');
    const file = (lang: string) =>
      JSON.parse(
        readFileSync(new URL(`../../packages/i18n/locales/${lang}/server.json`, import.meta.url), 'utf8'),
      ) as Record<string, { text: string }>;
    const en = file('en');
    expect(
      Object.keys(en)
        .filter((k) => k !== '$meta')
        .sort(),
    ).toEqual([...apiErrorCodes].sort());
    for (const lang of ['ru', 'kk', 'ky', 'tg', 'uz']) {
      const other = file(lang);
      for (const code of apiErrorCodes) {
        expect(other[code]?.text, `${lang} ${code}`).toBeTruthy();
        expect(other[code]!.text).not.toBe(en[code]!.text);
        expect(other[code]!.text.match(/\{\{\w+\}\}/g)?.sort()).toEqual(en[code]!.text.match(/\{\{\w+\}\}/g)?.sort());
      }
    }
  });
});
