/** Where and how `<komek-form>` posts a valid submission to a Komek server (`action` attribute, `token` property). */
export interface PostOptions {
  /** `https://…/api/cases/<case id>/submissions` */
  action: string;
  /** An API token sent as `Authorization: Bearer`; without it the page's cookies are sent (same origin). */
  token?: string | undefined;
  formId: string;
  data: unknown;
  /** One key per submission, the same on every retry, so the server stores it once. */
  idempotencyKey: string;
  /** Attempts in all (network failures and 5xx are retried; default 4). */
  attempts?: number;
  /** Wait before retry n (ms); default 500 · 2ⁿ, or the server's Retry-After. */
  delay?: (attempt: number) => number;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/** The server's answer: stored (`ok`) with its reply, or refused with its `{code, message, issues?}`. */
export type PostResult =
  | { ok: true; status: number; body: { id: string; formId: string; revision: number; schemaVersion: string } }
  | {
      ok: false;
      status: number;
      body:
        { code: string; message: string; issues?: { pointer: string; label: string; message: string }[] } | undefined;
    };

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => (clearTimeout(t), reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'))),
      { once: true },
    );
  });

/**
 * Posts a submission, retrying with the same idempotency key on a network failure or a 5xx (the server stores a
 * key's submission once, so a retry after a lost answer does not store it twice). A 4xx is final. Throws the last
 * network error when every attempt failed to reach the server.
 */
export async function postSubmission(o: PostOptions): Promise<PostResult> {
  const attempts = o.attempts ?? 4;
  const doFetch = o.fetch ?? fetch;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    let retryAfter: number | undefined;
    try {
      const res = await doFetch(o.action, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': o.idempotencyKey,
          ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
        },
        body: JSON.stringify({ formId: o.formId, data: o.data }),
        credentials: o.token ? 'omit' : 'same-origin',
        ...(o.signal ? { signal: o.signal } : {}),
      });
      const body = (await res.json().catch(() => undefined)) as never;
      if (res.status < 500)
        return res.ok ? { ok: true, status: res.status, body } : { ok: false, status: res.status, body };
      lastError = new Error(`server answered ${res.status}`);
      const ra = Number(res.headers.get('retry-after'));
      if (Number.isFinite(ra) && ra > 0) retryAfter = Math.min(ra, 30) * 1000;
      if (attempt === attempts - 1) return { ok: false, status: res.status, body };
    } catch (e) {
      if (o.signal?.aborted) throw e;
      lastError = e;
    }
    if (attempt < attempts - 1) await sleep(retryAfter ?? (o.delay ?? ((n) => 500 * 2 ** n))(attempt), o.signal);
  }
  throw lastError;
}
