import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { legacyRequestHash } from '../../packages/server/src/store/idempotency.js';
import { engines, fixture, startTestServer, type TestServer } from './harness.js';

/** Requests a careless or hostile client sends: each gets a 4xx naming what is wrong and where, never a 500. */
describe.each(engines)('hostile input on %s', (engine) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(engine, inject('postgresUrl'));
  });
  afterAll(() => t?.close());

  const newCase = async (country = 'kz') =>
    (await t.api('POST', '/api/cases', { body: { country } })).body as { id: string };
  const submit = (caseId: string, formId: string, data: unknown, query = '') =>
    t.api('POST', `/api/cases/${caseId}/submissions${query}`, {
      body: { formId, data },
      headers: { 'idempotency-key': randomUUID() },
    });
  const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it('names the character of an answer that is not text, in every language asked for', async () => {
    const c = await newCase();
    const data = { ...fixture('kz-f1-initial-application'), fullName: 'A\u0000B' };
    const en = await submit(c.id, 'kz-f1-initial-application', data);
    expect(en.status).toBe(400);
    expect(en.body.issues).toHaveLength(1);
    expect(en.body.issues[0].pointer).toBe('/fullName');
    expect(en.body.issues[0].message).toContain('U+0000');
    expect(en.body.issues[0].message).not.toContain('{{');
    const ru = await submit(c.id, 'kz-f1-initial-application', { ...data, fullName: 'A\uD800' }, '?lang=ru,kk');
    expect(ru.status).toBe(400);
    expect(ru.body.issues[0].message).toContain('U+D800');
    expect(ru.body.issues[0].secondary.message).toContain('U+D800');
    expect(JSON.stringify(ru.body)).not.toContain('{{');
  });

  it('says where a body is not JSON without quoting it back (names and answers stay out of errors)', async () => {
    const c = await newCase();
    const post = (raw: string) =>
      t.api('POST', `/api/cases/${c.id}/submissions`, {
        raw,
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      });
    const long = await post(
      '{"formId":"kz-f1-initial-application","data":{"fullName": Jasur Tursunov, "dateOfBirth":"1994-10-02"}}',
    );
    expect([long.status, long.body.code]).toEqual([400, 'invalid-json']);
    expect(long.body.message).toContain('position 58');
    const short = await post('{"a": Jasur}');
    expect([short.status, short.body.code]).toEqual([400, 'invalid-json']);
    for (const r of [long, short]) {
      expect(r.body.message).not.toMatch(/Jasur|Tursunov|Turs|ullName/);
    }
    // Messages that quote nothing of the body keep their position.
    const comma = await post('{"formId":"kz-f1-initial-application" "data":{}}');
    expect(comma.body.message).toContain("Expected ',' or '}' after property value in JSON at position 38");
    expect((await t.api('GET', `/api/cases/${c.id}`)).body.submissions).toHaveLength(0);
  });

  it('refuses JSON declared in a character set other than UTF-8 (415), naming what it got', async () => {
    for (const charset of ['utf-16', 'iso-8859-1', '"windows-1251"']) {
      const r = await t.api('POST', '/api/cases', {
        raw: '{"country":"kz"}',
        headers: { 'content-type': `application/json; charset=${charset}` },
      });
      expect([charset, r.status, r.body.code]).toEqual([charset, 415, 'unsupported-media-type']);
      expect(r.body.message).toContain(`charset=${charset}`);
      expect(r.body.message).toContain('charset=utf-8');
    }
    for (const charset of ['utf-8', 'UTF-8', '"utf-8"', 'utf8']) {
      const r = await t.api('POST', '/api/cases', {
        raw: '{"country":"kz"}',
        headers: { 'content-type': `application/json; charset=${charset}` },
      });
      expect([charset, r.status]).toEqual([charset, 201]);
    }
  });

  it('answers a path that is not percent-encoded UTF-8 with the API error, and audits a NUL in a path', async () => {
    for (const path of ['/api/cases/%E0%A4%A', '/api/submissions/%ED%A0%80', '/api/cases/%']) {
      const r = await t.api('GET', path, { headers: { 'accept-language': 'ru' } });
      expect([path, r.status, Object.keys(r.body).sort()]).toEqual([path, 400, ['code', 'message']]);
      expect(r.body.code).toBe('invalid-request');
      expect(r.body.message).toContain('percent-encoded');
    }
    const nul = await t.api('GET', '/api/cases/%00');
    expect([nul.status, nul.body.code]).toEqual([404, 'case-not-found']);
    const entries = (await t.api('GET', '/api/audit?limit=5')).body.entries as { action: string; target: string }[];
    expect(entries.find((e) => e.action === 'case.read')).toMatchObject({ target: 'case:\uFFFD', outcome: 'denied' });
  });

  it('reads a language named twice (?lang=kk,kk) as that one language', async () => {
    const c = await newCase();
    expect((await submit(c.id, 'kz-f1-initial-application', fixture('kz-f1-initial-application'))).status).toBe(201);
    const heading = async (lang: string) => {
      const r = await t.api('GET', `/api/export?form=kz-f1-initial-application&format=csv&lang=${lang}`);
      expect(r.status).toBe(200);
      return new TextDecoder().decode(r.bytes).split('\n')[0];
    };
    const once = await heading('kk');
    expect(once).toContain('(/fullName)');
    expect(await heading('kk,kk')).toBe(once);
    expect(await heading('kk,ru')).not.toBe(once);
  });

  it('words the first hundred problems of answers that have a hundred thousand, and counts them all', async () => {
    const c = await newCase();
    const data: Record<string, number> = {};
    for (let i = 0; i < 100_000; i++) data[i.toString(36)] = 0;
    const r = await submit(c.id, 'kz-f1-initial-application', data, '?lang=ru,kk');
    expect([r.status, r.body.code]).toEqual([400, 'invalid-data']);
    expect(r.body.issues).toHaveLength(100);
    expect(r.body.issues[0]).toMatchObject({ pointer: expect.stringMatching(/^\//), secondary: expect.any(Object) });
    // Every unknown field and the three required ones that are missing.
    expect(r.body.message).toContain('100');
    expect(r.body.message).toContain('003');
    expect(r.bytes.length).toBeLessThan(100_000);
    expect((await t.api('GET', `/api/cases/${c.id}`)).body.submissions).toHaveLength(0);
  });

  it('answers a page cursor it never gave with 400, whatever it holds', async () => {
    await newCase();
    const first = await t.api('GET', '/api/cases?limit=1');
    expect(first.status).toBe(200);
    expect(typeof first.body.next).toBe('string');
    expect((await t.api('GET', `/api/cases?limit=1&cursor=${first.body.next}`)).status).toBe(200);
    const uuid = randomUUID();
    for (const forged of [
      ['+275760-09-13T00:00:00.000Z', uuid],
      ['-271821-04-20T00:00:00.000Z', uuid],
      ['0000-01-01T00:00:00.000Z', uuid],
      ['2026-01-01T00:00:00.000Z', '------------------------------------'],
      ['2026-01-01T00:00:00.000Z', `${uuid.slice(0, 35)}'`],
      [1, uuid],
      '2026-01-01',
      null,
    ]) {
      const r = await t.api('GET', `/api/cases?cursor=${cursor(forged)}`);
      expect([JSON.stringify(forged), r.status, r.body.code]).toEqual([JSON.stringify(forged), 400, 'invalid-request']);
      expect(r.body.message).toContain('cursor');
    }
  });

  it('refuses free text that is not text (NUL, a broken surrogate) in a request body, naming the field', async () => {
    const c = await newCase();
    for (const formId of ['kz-f1-initial-application', 'kz-f4-interview-consent'])
      expect((await submit(c.id, formId, fixture(formId))).status).toBe(201);
    const referral = { kind: 'legal aid', sections: ['kz-f1-initial-application'] };
    for (const [body, where, character] of [
      [{ ...referral, receivingBody: 'Legal\u0000aid centre' }, 'body/receivingBody', 'U+0000'],
      [{ ...referral, receivingBody: 'Legal aid centre', kind: 'legal\uDC00' }, 'body/kind', 'U+DC00'],
      [{ ...referral, receivingBody: 'Legal aid centre', note: 'call \u0007 first' }, 'body/note', 'U+0007'],
    ] as const) {
      const r = await t.api('POST', `/api/cases/${c.id}/referrals`, { body });
      expect([r.status, r.body.code]).toEqual([400, 'invalid-request']);
      expect(r.body.message).toContain(where);
      expect(r.body.message).toContain(character);
    }
    expect((await t.api('GET', `/api/cases/${c.id}`)).body.referrals).toEqual([]);
    // The same referral in plain text is stored.
    const ok = await t.api('POST', `/api/cases/${c.id}/referrals`, {
      body: { ...referral, receivingBody: 'Legal aid' },
    });
    expect(ok.status).toBe(201);
  });

  it('refuses a query value that is not text, naming the parameter', async () => {
    const r = await t.api('GET', '/api/cases?step=%00');
    expect([r.status, r.body.code]).toEqual([400, 'invalid-request']);
    expect(r.body.message).toContain('querystring/step');
    expect(r.body.message).toContain('U+0000');
  });

  it('refuses an audit position beyond any the trail can hold', async () => {
    const r = await t.api('GET', '/api/audit?before=99999999999999999999');
    expect([r.status, r.body.code]).toEqual([400, 'invalid-request']);
    expect(r.body.message).toContain('before');
    expect((await t.api('GET', '/api/audit?before=2')).status).toBe(200);
  });

  it('reads a retried submission with its keys in another order as the same request; other content is a conflict', async () => {
    const c = await newCase();
    const key = randomUUID();
    const post = (body: unknown) =>
      t.api('POST', `/api/cases/${c.id}/submissions`, { body, headers: { 'idempotency-key': key } });
    const data = fixture('kz-f1-initial-application');
    const reversed = (o: unknown): unknown =>
      Array.isArray(o)
        ? o.map(reversed)
        : o !== null && typeof o === 'object'
          ? Object.fromEntries(
              Object.entries(o)
                .reverse()
                .map(([k, v]) => [k, reversed(v)]),
            )
          : o;
    const first = await post({ formId: 'kz-f1-initial-application', data });
    expect(first.status).toBe(201);
    const reordered = reversed({ formId: 'kz-f1-initial-application', data }) as Record<string, unknown>;
    expect(Object.keys(reordered)).toEqual(['data', 'formId']);
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify({ formId: 'kz-f1-initial-application', data }));
    const again = await post(reordered);
    expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
    expect(again.body).toEqual(first.body);
    // Different content under the same key: the conflict it always was, nothing stored.
    const other = await post({
      data: { ...data, fullName: `${String(data.fullName)} Jr` },
      formId: 'kz-f1-initial-application',
    });
    expect([other.status, other.body.code]).toEqual([422, 'idempotency-key-reused']);
    expect((await t.api('GET', `/api/cases/${c.id}`)).body.submissions).toHaveLength(1);

    // A key stored by an older version, hashed over the body as sent, still replays that body.
    const olderKey = randomUUID();
    const body = { formId: 'kz-f1-initial-application', data };
    const path = `/api/cases/${c.id}/submissions`;
    const older = await t.api('POST', path, { body, headers: { 'idempotency-key': olderKey } });
    expect(older.status).toBe(201);
    await t.server.services.database.db
      .updateTable('idempotency_keys')
      .set({ request_hash: legacyRequestHash('POST', path, body) })
      .where('key', '=', olderKey)
      .execute();
    const retried = await t.api('POST', path, { body, headers: { 'idempotency-key': olderKey } });
    expect([retried.status, retried.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
    expect(retried.body).toEqual(older.body);
  });

  it("refuses to prefill a form of another country than the case's, or a form not in the catalog, naming both", async () => {
    const c = await newCase('kz');
    expect((await submit(c.id, 'kz-f1-initial-application', fixture('kz-f1-initial-application'))).status).toBe(201);
    const own = await t.api('GET', `/api/cases/${c.id}/prefill/kz-f4-interview-consent`);
    expect(own.status).toBe(200);
    expect(own.body.sources.length).toBeGreaterThan(0);
    const other = await t.api('GET', `/api/cases/${c.id}/prefill/tj-f6-needs-assessment`);
    expect([other.status, other.body.code]).toEqual([400, 'form-country']);
    expect(other.body.message).toContain('tj-f6-needs-assessment');
    expect(other.body.message).toContain('kz');
    const ru = await t.api('GET', `/api/cases/${c.id}/prefill/kg-3.1-f3-identification-questionnaire?lang=ru`);
    expect([ru.status, ru.body.code]).toEqual([400, 'form-country']);
    expect(ru.body.message).toContain('kg-3.1-f3-identification-questionnaire');
    const unknown = await t.api('GET', `/api/cases/${c.id}/prefill/kz-f99-no-such-form`);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'form-not-found']);
    expect(unknown.body.message).toContain('kz-f99-no-such-form');
    for (const r of [other, ru, unknown]) expect(JSON.stringify(r.body)).not.toMatch(/Tursunov|Jasur/);
  });

  it('stores what a JSON body says as sent: a value of the wrong type is a 400 naming its place, not converted', async () => {
    const c = await newCase();
    // Answers: "1" for a number and "false" for a yes/no are refused by the form's validator, field by field.
    const data = fixture('kz-f1-initial-application');
    const loose = { ...data, familyMembersInKazakhstan: '1', passport: { ...data.passport, hasPassport: 'false' } };
    const answers = await submit(c.id, 'kz-f1-initial-application', loose);
    expect([answers.status, answers.body.code]).toEqual([400, 'invalid-data']);
    expect(answers.body.issues.map((i: { pointer: string }) => i.pointer).sort()).toEqual([
      '/familyMembersInKazakhstan',
      '/passport/hasPassport',
    ]);
    expect((await submit(c.id, 'kz-f1-initial-application', data)).status).toBe(201);
    // The rest of a body: a number for a text, a text for a list, a boolean for a text.
    const referral = { receivingBody: 'Legal aid', kind: 'legal', sections: ['kz-f1-initial-application'] };
    for (const [body, where] of [
      [{ ...referral, sections: 'kz-f1-initial-application' }, 'body/sections'],
      [{ ...referral, note: 42 }, 'body/note'],
      [{ ...referral, receivingBody: true }, 'body/receivingBody'],
    ] as const) {
      const r = await t.api('POST', `/api/cases/${c.id}/referrals`, { body });
      expect([where, r.status, r.body.code]).toEqual([where, 400, 'invalid-request']);
      expect(r.body.message).toContain(where);
      expect(Object.keys(r.body).sort()).toEqual(['code', 'message']);
    }
    const formId = await t.api('POST', `/api/cases/${c.id}/submissions`, {
      body: { formId: 1, data },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect([formId.status, formId.body.code]).toEqual([400, 'invalid-request']);
    expect(formId.body.message).toContain('body/formId');
    const own = (await t.api('GET', `/api/cases/${c.id}`)).body;
    expect([own.referrals, own.submissions.length]).toEqual([[], 1]);
    // A query string is text: `?limit=1` is the number 1; what is not a number is still named.
    const page = await t.api('GET', '/api/cases?limit=1');
    expect([page.status, page.body.cases.length]).toEqual([200, 1]);
    const notANumber = await t.api('GET', '/api/cases?limit=many');
    expect([notANumber.status, notANumber.body.code]).toEqual([400, 'invalid-request']);
    expect(notANumber.body.message).toContain('querystring/limit');
  });
});
