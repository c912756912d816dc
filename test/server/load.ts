import { randomUUID } from 'node:crypto';

export interface LoadOptions {
  baseUrl: () => string;
  token: string;
  caseIds: readonly string[];
  clients: number;
  perClient: number;
  formId: string;
  data: unknown;
  /** Abort the first attempt of every n-th request after a moment, so that it is retried with the same key. */
  abortEvery?: number;
  /** Give up a request after this long (the server may be down meanwhile). */
  requestDeadlineMs?: number;
  onAck?: (count: number) => void;
}

/** What a bounded load run saw: each acknowledged key with the submission id the server gave. */
export interface LoadResult {
  acked: Map<string, string>;
  retries: number;
  replays: number;
  latencies: number[];
  seconds: number;
}

/**
 * Clients posting submissions over loopback, each with its own idempotency key, retrying on network errors and
 * 5xx (backing off) with the same key until acknowledged. A 4xx other than those is a test failure.
 */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const acked = new Map<string, string>();
  const latencies: number[] = [];
  let retries = 0;
  let replays = 0;
  const started = performance.now();
  const payload = JSON.stringify({ formId: o.formId, data: o.data });
  const client = async (c: number) => {
    const caseId = o.caseIds[c % o.caseIds.length]!;
    for (let i = 0; i < o.perClient; i++) {
      const key = randomUUID();
      const t0 = performance.now();
      const deadline = Date.now() + (o.requestDeadlineMs ?? 60_000);
      for (let attempt = 0; ; attempt++) {
        if (Date.now() > deadline) throw new Error(`request ${key} not acknowledged in time`);
        const abort = o.abortEvery && attempt === 0 && (c * o.perClient + i) % o.abortEvery === 0;
        try {
          const res = await fetch(`${o.baseUrl()}/api/cases/${caseId}/submissions`, {
            method: 'POST',
            headers: { authorization: `Bearer ${o.token}`, 'content-type': 'application/json', 'idempotency-key': key },
            body: payload,
            ...(abort ? { signal: AbortSignal.timeout(1 + (i % 3)) } : {}),
          });
          const text = await res.text();
          if (res.status === 201) {
            const id = (JSON.parse(text) as { id: string }).id;
            if (res.headers.get('idempotent-replayed')) replays++;
            const earlier = acked.get(key);
            if (earlier && earlier !== id) throw new Error(`key ${key} acknowledged as ${earlier} and ${id}`);
            acked.set(key, id);
            latencies.push(performance.now() - t0);
            o.onAck?.(acked.size);
            break;
          }
          if (res.status < 500) throw new Error(`unexpected ${res.status}: ${text.slice(0, 300)}`);
        } catch (e) {
          if ((e as Error).message.startsWith('unexpected') || (e as Error).message.startsWith('key ')) throw e;
        }
        retries++;
        await new Promise((r) => setTimeout(r, Math.min(1000, 20 * (attempt + 1))));
      }
    }
  };
  await Promise.all(Array.from({ length: o.clients }, (_, c) => client(c)));
  return { acked, retries, replays, latencies, seconds: (performance.now() - started) / 1000 };
}
