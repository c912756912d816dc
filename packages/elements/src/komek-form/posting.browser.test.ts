import { afterEach, expect, it, vi } from 'vitest';
import '../index.js';
import type { KomekForm } from './komek-form.js';

/**
 * A valid submit of a form with `action` is posted to the server (posting's code is a chunk fetched on that first
 * submit), with an idempotency key and the token, and `komek-posted` tells the outcome; a draft is cleared only
 * once the server has stored the submission.
 */

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

async function mounted(): Promise<KomekForm> {
  const el = document.createElement('komek-form');
  el.setAttribute('form', 'kz-f4-interview-refusal');
  el.setAttribute('lang', 'ru');
  el.action = '/api/cases/c-17/submissions';
  el.token = 'token-1';
  el.data = (await import('../../../../test/fixtures/forms/kz-f4-interview-refusal/valid-1.json')).default;
  document.body.append(el);
  await vi.waitFor(() => expect(el.shadowRoot?.querySelector('.form')).not.toBeNull());
  await el.ready;
  return el;
}

it('posts a valid submit to its action and tells the outcome with komek-posted', async () => {
  const sent: { url: string; init: RequestInit }[] = [];
  vi.spyOn(window, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.includes('/api/cases/')) throw new Error(`unexpected fetch ${url}`);
    sent.push({ url, init: init ?? {} });
    return new Response(
      JSON.stringify({ id: 's-1', formId: 'kz-f4-interview-refusal', revision: 1, schemaVersion: '1' }),
      {
        status: 201,
        headers: { 'content-type': 'application/json' },
      },
    );
  });
  const el = await mounted();
  const posted = new Promise<CustomEvent>((resolve) =>
    el.addEventListener('komek-posted', (e) => resolve(e as CustomEvent), { once: true }),
  );
  el.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
  const outcome = await posted;
  expect(outcome.detail).toMatchObject({ ok: true, status: 201, body: { id: 's-1' } });
  expect(sent).toHaveLength(1);
  expect(sent[0]!.url).toContain('/api/cases/c-17/submissions');
  const headers = sent[0]!.init.headers as Record<string, string>;
  expect(headers.authorization).toBe('Bearer token-1');
  expect(headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  const body = JSON.parse(sent[0]!.init.body as string) as { formId: string; data: unknown };
  expect(body.formId).toBe('kz-f4-interview-refusal');
  expect(body.data).toEqual(el.value);
});

it('says when the server refused the submission', async () => {
  vi.spyOn(window, 'fetch').mockImplementation(async (input) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.includes('/api/cases/')) throw new Error(`unexpected fetch ${url}`);
    return new Response(JSON.stringify({ code: 'CONSENT_REQUIRED', message: 'No consent on record' }), {
      status: 409,
      headers: { 'content-type': 'application/json' },
    });
  });
  const el = await mounted();
  const posted = new Promise<CustomEvent>((resolve) =>
    el.addEventListener('komek-posted', (e) => resolve(e as CustomEvent), { once: true }),
  );
  expect(await el.submit()).toBe(false);
  expect((await posted).detail).toMatchObject({ ok: false, status: 409, body: { code: 'CONSENT_REQUIRED' } });
});
