/**
 * The desk's outbox: forms submitted without a connection, kept in IndexedDB until they are sent, encrypted with
 * AES-GCM (WebCrypto).
 *
 * The key is a non-extractable AES-GCM CryptoKey made in this browser for the signed-in user on the first form
 * queued, and kept in the same database. Script of the desk's origin can use it but never read it out; signing out
 * deletes it with the queue, so nothing queued can be read afterwards. It keeps answers from lying in plain text in
 * the browser's storage (what developer tools, a storage dump or a backup of the records show is ciphertext); it
 * does not protect against someone who has the device unlocked with the desk open, or a full copy of the browser
 * profile (the key's material is in the profile too). See apps/desk/README.md, "Offline".
 *
 * A record holds in plain text only what the desk needs to list it without the key: ids (case, form, submission,
 * the Idempotency-Key), the revision it edits, when it was queued and its state. The answers and anything the
 * server said about them are sealed; the plain fields are bound to the ciphertext as additional data, so a record
 * whose ids were changed does not decrypt. Each seal uses a fresh 96-bit IV.
 */

const DB_NAME = 'komek-desk';
const DB_VERSION = 1;
const KEYS = 'keys';
const OUTBOX = 'outbox';

/** Where a queued form stands: waiting to be sent, refused by the server for a reason the person must settle. */
export type OutboxState = 'waiting' | 'conflict' | 'refused';

/** What the server said when it did not store a queued form (sealed with the answers: it may quote them). */
export interface OutboxProblem {
  status: number;
  code?: string;
  message: string;
  issues?: { pointer: string; label?: string; message: string }[];
  consentForms?: string[];
  currentRevision?: number;
}

/** A queued form as IndexedDB holds it. */
export interface OutboxRecord {
  id: string;
  userId: string;
  caseId: string;
  formId: string;
  /** `create`: a new submission (POST); `revise`: a new revision of `submissionId` made on `baseRevision` (PUT). */
  kind: 'create' | 'revise';
  submissionId?: string;
  baseRevision?: number;
  idempotencyKey: string;
  queuedAt: string;
  state: OutboxState;
  iv: Uint8Array<ArrayBuffer>;
  sealed: ArrayBuffer;
}

/** What is sealed in a record. */
export interface OutboxContent {
  data: Record<string, unknown>;
  problem?: OutboxProblem;
}

/** A queued form, opened. */
export type OutboxItem = Omit<OutboxRecord, 'iv' | 'sealed'> & OutboxContent;

let opened: Promise<IDBDatabase> | undefined;

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function database(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open(DB_NAME, DB_VERSION);
    r.onupgradeneeded = () => {
      const db = r.result;
      if (!db.objectStoreNames.contains(KEYS)) db.createObjectStore(KEYS, { keyPath: 'userId' });
      if (!db.objectStoreNames.contains(OUTBOX)) {
        db.createObjectStore(OUTBOX, { keyPath: 'id' }).createIndex('userId', 'userId');
      }
    };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB could not be opened'));
  });
  opened.catch(() => (opened = undefined));
  return opened;
}

async function store(name: string, mode: IDBTransactionMode): Promise<IDBObjectStore> {
  return (await database()).transaction(name, mode).objectStore(name);
}

/** The user's key: made (non-extractable) the first time it is needed when `create`, else undefined if none. */
async function userKey(userId: string, create: boolean): Promise<CryptoKey | undefined> {
  const found = (await request((await store(KEYS, 'readonly')).get(userId))) as { key: CryptoKey } | undefined;
  if (found || !create) return found?.key;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  // `add`, not `put`: if another tab made one meanwhile, keep that one.
  try {
    await request((await store(KEYS, 'readwrite')).add({ userId, key, createdAt: new Date().toISOString() }));
    return key;
  } catch {
    return userKey(userId, false);
  }
}

const encoder = new TextEncoder();

/** The plain fields bound to the ciphertext. */
function additionalData(r: Omit<OutboxRecord, 'iv' | 'sealed' | 'state' | 'baseRevision' | 'queuedAt'>) {
  return encoder.encode(
    JSON.stringify([r.id, r.userId, r.caseId, r.formId, r.kind, r.submissionId ?? '', r.idempotencyKey]),
  );
}

async function seal(item: OutboxItem): Promise<OutboxRecord> {
  const { data, problem, ...plain } = item;
  const key = await userKey(item.userId, true);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const content: OutboxContent = { data, ...(problem ? { problem } : {}) };
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: additionalData(plain) },
    key!,
    encoder.encode(JSON.stringify(content)),
  );
  return { ...plain, iv, sealed };
}

/** Opens a record; undefined when its key is gone or it does not decrypt (it is then left as it is). */
async function open(record: OutboxRecord): Promise<OutboxItem | undefined> {
  const key = await userKey(record.userId, false);
  if (!key) return undefined;
  const { iv, sealed, ...plain } = record;
  try {
    const bytes = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: additionalData(plain) },
      key,
      sealed,
    );
    return { ...plain, ...(JSON.parse(new TextDecoder().decode(bytes)) as OutboxContent) };
  } catch {
    return undefined;
  }
}

/** Queues (or updates) a form in the outbox, sealed. */
export async function putItem(item: OutboxItem): Promise<void> {
  const record = await seal(item);
  await request((await store(OUTBOX, 'readwrite')).put(record));
}

/** The user's queued forms as records (nothing decrypted), oldest first. */
export async function listRecords(userId: string): Promise<OutboxRecord[]> {
  const all = (await request((await store(OUTBOX, 'readonly')).index('userId').getAll(userId))) as OutboxRecord[];
  return all.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

/** The user's queued forms, opened, oldest first (records that do not open are left out). */
export async function listItems(userId: string): Promise<OutboxItem[]> {
  const items = await Promise.all((await listRecords(userId)).map(open));
  return items.filter((i): i is OutboxItem => i !== undefined);
}

export async function getItem(id: string): Promise<OutboxItem | undefined> {
  const record = (await request((await store(OUTBOX, 'readonly')).get(id))) as OutboxRecord | undefined;
  return record ? open(record) : undefined;
}

export async function deleteItem(id: string): Promise<void> {
  await request((await store(OUTBOX, 'readwrite')).delete(id));
}

/** Deletes the user's queued forms and their key. */
export async function clearUser(userId: string): Promise<void> {
  const db = await database();
  const tx = db.transaction([OUTBOX, KEYS], 'readwrite');
  const outbox = tx.objectStore(OUTBOX);
  for (const id of (await request(outbox.index('userId').getAllKeys(userId))) as string[]) outbox.delete(id);
  tx.objectStore(KEYS).delete(userId);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}
