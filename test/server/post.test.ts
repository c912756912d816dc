import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { postSubmission } from '../../packages/elements/src/komek-form/post.js';
import { fixture, startTestServer, type TestServer } from './harness.js';

describe("<komek-form action>'s post to the server", () => {
  let t: TestServer;
  let caseId: string;
  beforeAll(async () => {
    t = await startTestServer('pglite', inject('postgresUrl'));
    caseId = (await t.api('POST', '/api/cases', { body: { country: 'kz' } })).body.id;
  });
  afterAll(() => t?.close());

  it('retries with the same key when the answer is lost: stored once', async () => {
    const keys: string[] = [];
    let calls = 0;
    // The first request reaches the server and is stored, but its answer is lost on the way back.
    const lossy: typeof fetch = async (input, init) => {
      calls++;
      keys.push(new Headers(init?.headers).get('idempotency-key')!);
      const res = await fetch(input, init);
      if (calls === 1) {
        await res.arrayBuffer();
        throw new TypeError('network connection lost');
      }
      return res;
    };
    const r = await postSubmission({
      action: `${t.url}/api/cases/${caseId}/submissions`,
      token: t.token,
      formId: 'kz-f1-initial-application',
      data: fixture('kz-f1-initial-application'),
      idempotencyKey: randomUUID(),
      fetch: lossy,
      delay: () => 10,
    });
    expect(r.ok).toBe(true);
    expect(r.status).toBe(201);
    expect(calls).toBe(2);
    expect(new Set(keys).size).toBe(1);
    expect((await t.api('GET', `/api/cases/${caseId}`)).body.submissions).toHaveLength(1);
  });

  it('does not retry a refusal: invalid data comes back with its issues', async () => {
    let calls = 0;
    const counting: typeof fetch = (input, init) => (calls++, fetch(input, init));
    const r = await postSubmission({
      action: `${t.url}/api/cases/${caseId}/submissions?lang=ru`,
      token: t.token,
      formId: 'kz-f1-initial-application',
      data: {},
      idempotencyKey: randomUUID(),
      fetch: counting,
      delay: () => 10,
    });
    expect(r.ok).toBe(false);
    expect(r.status).toBe(400);
    expect(calls).toBe(1);
    expect(r.ok === false && r.body?.issues?.length).toBeGreaterThan(0);
  });

  it('gives up after the attempts when the server cannot be reached', async () => {
    let calls = 0;
    const down: typeof fetch = async () => {
      calls++;
      throw new TypeError('connection refused');
    };
    await expect(
      postSubmission({
        action: 'http://127.0.0.1:9/x',
        formId: 'f',
        data: {},
        idempotencyKey: randomUUID(),
        fetch: down,
        attempts: 3,
        delay: () => 1,
      }),
    ).rejects.toThrow('connection refused');
    expect(calls).toBe(3);
  });
});
