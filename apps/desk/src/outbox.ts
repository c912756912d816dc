import { api, type ApiErrorBody, type ApiReply } from './api.js';
import {
  clearUser,
  deleteItem,
  getItem,
  listRecords,
  putItem,
  type OutboxItem,
  type OutboxProblem,
  type OutboxRecord,
} from './outbox-store.js';

export type { OutboxItem, OutboxRecord } from './outbox-store.js';

/** A form to send: a new submission of a case, or a new revision of one made on the revision the person saw. */
export type Outgoing =
  | { kind: 'create'; caseId: string; formId: string; data: Record<string, unknown>; idempotencyKey: string }
  | {
      kind: 'revise';
      caseId: string;
      formId: string;
      submissionId: string;
      baseRevision: number;
      data: Record<string, unknown>;
      idempotencyKey: string;
    };

/** What became of a form sent: stored, queued for later, or refused with the server's reply. */
export type Sent =
  { outcome: 'stored'; reply: ApiReply } | { outcome: 'queued' } | { outcome: 'refused'; reply: ApiReply };

function send(
  o: Pick<OutboxItem, 'kind' | 'caseId' | 'formId' | 'submissionId' | 'baseRevision' | 'data' | 'idempotencyKey'>,
) {
  return o.kind === 'create'
    ? api(
        'POST',
        `/api/cases/${o.caseId}/submissions`,
        { formId: o.formId, data: o.data },
        {
          'idempotency-key': o.idempotencyKey,
        },
      )
    : api(
        'PUT',
        `/api/submissions/${o.submissionId}`,
        { data: o.data },
        {
          'idempotency-key': o.idempotencyKey,
          'if-match': `"${o.baseRevision}"`,
        },
      );
}

/** No answer at all (no connection, or a reply that was not the API's): worth trying again later. */
const unreachable = (r: ApiReply) => r.status === 0 || r.status === 502 || r.status === 503 || r.status === 504;

function problemOf(r: ApiReply): OutboxProblem {
  const b = (r.body ?? {}) as ApiErrorBody & { currentRevision?: number };
  return {
    status: r.status,
    message: b.message ?? String(r.status),
    ...(b.code ? { code: b.code } : {}),
    ...(b.issues ? { issues: b.issues } : {}),
    ...(b.consentForms ? { consentForms: b.consentForms } : {}),
    ...(b.currentRevision !== undefined ? { currentRevision: b.currentRevision } : {}),
  };
}

/**
 * The signed-in user's outbox: forms sent while the connection is down wait here (sealed, outbox-store.ts) and are
 * sent again, each with the Idempotency-Key it was given when first sent, so a form whose first attempt did reach
 * the server is not stored twice. A form the server refuses when it is sent later stays in the outbox until the
 * person settles it: a conflict (412: someone else revised the submission; 409: the consent it needs is no longer
 * in force) or other refusal (400) is never resolved by overwriting. Fires `change` when its content changes and
 * `stored` (detail: the case id) for each queued form the server stored.
 */
export class Outbox extends EventTarget {
  /** The user's queued forms (plain fields only), oldest first. */
  records: OutboxRecord[] = [];
  private syncing: Promise<number> | undefined;

  constructor(readonly userId: string) {
    super();
  }

  get waiting(): number {
    return this.records.length;
  }

  forCase(caseId: string): OutboxRecord[] {
    return this.records.filter((r) => r.caseId === caseId);
  }

  async refresh(): Promise<void> {
    this.records = await listRecords(this.userId);
    this.dispatchEvent(new Event('change'));
  }

  /**
   * Sends a form now; when there is no connection it is queued (with the same key) and sent when it returns.
   * A refusal (invalid, conflict, no consent) is given back to the person's screen, not queued.
   */
  async submit(o: Outgoing): Promise<Sent> {
    // The browser knows it has no network: queue at once rather than wait for the request to fail.
    if (navigator.onLine) {
      const r = await send(o);
      if (r.status >= 200 && r.status < 300) return { outcome: 'stored', reply: r };
      if (!unreachable(r)) return { outcome: 'refused', reply: r };
    }
    await putItem({
      ...o,
      id: crypto.randomUUID(),
      userId: this.userId,
      queuedAt: new Date().toISOString(),
      state: 'waiting',
    });
    await this.refresh();
    return { outcome: 'queued' };
  }

  /** Keeps a form the server refused with a conflict (412, 409) in the outbox, for the person to settle there. */
  async hold(o: Outgoing, reply: ApiReply): Promise<void> {
    await putItem({
      ...o,
      id: crypto.randomUUID(),
      userId: this.userId,
      queuedAt: new Date().toISOString(),
      state: 'conflict',
      problem: problemOf(reply),
    });
    await this.refresh();
  }

  open(id: string): Promise<OutboxItem | undefined> {
    return getItem(id);
  }

  /** Sends what waits, oldest first, until the connection fails again; returns how many were stored. */
  sync(): Promise<number> {
    this.syncing ??= this.sendWaiting().finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  private async sendWaiting(): Promise<number> {
    let stored = 0;
    for (const record of await listRecords(this.userId)) {
      if (record.state !== 'waiting') continue;
      const item = await getItem(record.id);
      if (!item) continue;
      const r = await send(item);
      if (unreachable(r) || r.status === 401 || r.status === 403) break;
      if (r.status >= 200 && r.status < 300) {
        await deleteItem(item.id);
        stored++;
        this.dispatchEvent(new CustomEvent('stored', { detail: { caseId: item.caseId } }));
      } else {
        const problem = problemOf(r);
        const state = r.status === 409 || r.status === 412 ? 'conflict' : 'refused';
        await putItem({ ...item, state, problem });
      }
    }
    await this.refresh();
    return stored;
  }

  /**
   * Keeps the person's answers as a new revision on top of the one stored meanwhile (which stays in the history):
   * the form waits again, made on the current revision, under a new Idempotency-Key (the request is a new one).
   */
  async keepMine(id: string, currentRevision: number): Promise<void> {
    const item = await getItem(id);
    if (!item) return;
    const { problem: _p, ...rest } = item;
    await putItem({ ...rest, baseRevision: currentRevision, idempotencyKey: crypto.randomUUID(), state: 'waiting' });
    await this.refresh();
    await this.sync();
  }

  /** Sends a refused form again as it is (after the person settled its cause elsewhere, e.g. signed the consent). */
  async retry(id: string): Promise<void> {
    const item = await getItem(id);
    if (!item) return;
    const { problem: _p, ...rest } = item;
    await putItem({ ...rest, state: 'waiting' });
    await this.refresh();
    await this.sync();
  }

  async discard(id: string): Promise<void> {
    await deleteItem(id);
    await this.refresh();
  }

  /** Deletes every queued form of the user and the key that sealed them. */
  async clear(): Promise<void> {
    await clearUser(this.userId);
    await this.refresh();
  }
}
