/**
 * Drafts kept in IndexedDB, encrypted with AES-GCM, one per draft key **and** form: two forms saved under one
 * `draft-key` (a case id) are two drafts.
 *
 * The encryption key is either
 * - the **host's** (`useDraftKey`): a CryptoKey the page holds with the signed-in session (from the server, or
 *   derived from a passphrase with `deriveDraftKey`). Nothing of it is stored in the browser: a copied browser
 *   profile holds only ciphertext.
 * - or else the **device key**: generated once per origin as a non-extractable CryptoKey and kept in the same
 *   IndexedDB database. Script on the page can use it but never read it out; it keeps drafts from lying in plain
 *   text in the profile, but whoever has a copy of the profile has the key too.
 *
 * Each save uses a fresh 96-bit IV; the draft key and form id are bound as additional data, so a record copied under
 * another key or form does not decrypt. A record that does not decrypt (another key, a lost device key, damage) is
 * never overwritten: it is moved aside, the caller is told, and it opens again once its key is back.
 */

import { hostDraftKey } from './draft-key.js';

const DB_NAME = 'komek-drafts';
const DB_VERSION = 2;
const KEYS = 'keys';
/** Version 1 store: one draft per draft key (a second form under the same key replaced the first). */
const DRAFTS_V1 = 'drafts';
/** One draft per [draft key, form id]. */
const DRAFTS = 'drafts-by-form';
/** Drafts that did not decrypt, kept by [draft key, form id, saved at]. */
const ASIDE = 'unreadable';
const KEY_ID = 'aes-gcm-v1';

/** Which key encrypted a record. */
export type DraftKeySource = 'device' | 'host';

/** What IndexedDB holds for one draft: no plaintext beyond the ids. */
export interface DraftRecord {
  id: string;
  formId: string;
  savedAt: number;
  /** Absent on records of version 1: the device key. */
  keySource?: DraftKeySource;
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: ArrayBuffer;
}

/** A decrypted draft. */
export interface Draft<T = unknown> {
  data: T;
  savedAt: number;
}

/** A draft that is there but does not open with the key in use: kept aside, never overwritten. */
export interface UnreadableDraft {
  savedAt: number;
  keySource: DraftKeySource;
}

/** What loading a draft found. */
export interface DraftLoad<T = unknown> {
  draft?: Draft<T>;
  /** Drafts of this key and form that do not open with the key in use, newest first. */
  unreadable: UnreadableDraft[];
}

/** A draft could not be saved (storage full, storage refused, no key): `reason` says which. */
export class DraftSaveError extends Error {
  constructor(
    readonly reason: 'quota' | 'storage' | 'crypto',
    options?: { cause?: unknown },
  ) {
    super(
      reason === 'quota'
        ? 'The draft was not saved: this browser has no storage space left for this site'
        : reason === 'crypto'
          ? 'The draft was not saved: it could not be encrypted'
          : 'The draft was not saved: this browser refused to store it',
      options,
    );
    this.name = 'DraftSaveError';
  }
}

let dbPromise: Promise<IDBDatabase> | undefined;
let deviceKeyPromise: Promise<CryptoKey> | undefined;

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function openDb(): Promise<IDBDatabase> {
  dbPromise ??= new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(DB_NAME, DB_VERSION);
    open.onupgradeneeded = (event) => {
      const db = open.result;
      if (!db.objectStoreNames.contains(KEYS)) db.createObjectStore(KEYS);
      const byForm = db.createObjectStore(DRAFTS, { keyPath: ['id', 'formId'] });
      db.createObjectStore(ASIDE, { keyPath: ['id', 'formId', 'savedAt'] });
      // Drafts of version 1 move over: each was already one key's one form.
      if (event.oldVersion >= 1 && db.objectStoreNames.contains(DRAFTS_V1)) {
        const old = open.transaction!.objectStore(DRAFTS_V1);
        old.openCursor().onsuccess = (e) => {
          const cursor = (e.target as IDBRequest<IDBCursorWithValue | null>).result;
          if (cursor) {
            byForm.put(cursor.value);
            cursor.continue();
          } else db.deleteObjectStore(DRAFTS_V1);
        };
      }
    };
    open.onsuccess = () => {
      // Another tab upgrading the schema must not be blocked by this one.
      open.result.onversionchange = () => {
        open.result.close();
        dbPromise = undefined;
      };
      resolve(open.result);
    };
    open.onerror = () => reject(open.error ?? new Error('IndexedDB could not be opened'));
  }).catch((e: unknown) => {
    dbPromise = undefined;
    throw e;
  });
  return dbPromise;
}

async function store(name: string, mode: IDBTransactionMode): Promise<IDBObjectStore> {
  return (await openDb()).transaction(name, mode).objectStore(name);
}

/** The origin's device key: read from IndexedDB, or generated (non-extractable) and stored on first use. */
function deviceKey(): Promise<CryptoKey> {
  deviceKeyPromise ??= (async () => {
    const existing = (await request((await store(KEYS, 'readonly')).get(KEY_ID))) as CryptoKey | undefined;
    if (existing) return existing;
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const keys = await store(KEYS, 'readwrite');
    // `add` fails if another tab stored a key meanwhile: then that one is the key.
    try {
      await request(keys.add(key, KEY_ID));
      return key;
    } catch {
      return (await request((await store(KEYS, 'readonly')).get(KEY_ID))) as CryptoKey;
    }
  })().catch((e: unknown) => {
    deviceKeyPromise = undefined;
    throw e;
  });
  return deviceKeyPromise;
}

/** The key in use and its source. */
async function currentKey(): Promise<{ key: CryptoKey; source: DraftKeySource }> {
  const host = hostDraftKey();
  return host ? { key: host, source: 'host' } : { key: await deviceKey(), source: 'device' };
}

const encoder = new TextEncoder();
const additionalData = (id: string, formId: string) => encoder.encode(`komek-draft\u0000${id}\u0000${formId}`);

function isQuota(e: unknown): boolean {
  return e instanceof DOMException && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED');
}

/** Encrypts and saves the draft of `formId` under `id`; throws `DraftSaveError` when it is not saved. */
export async function saveDraft(id: string, formId: string, data: unknown): Promise<void> {
  let key: { key: CryptoKey; source: DraftKeySource };
  let ciphertext: ArrayBuffer;
  const iv = crypto.getRandomValues(new Uint8Array(12));
  try {
    key = await currentKey();
    ciphertext = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: additionalData(id, formId) },
      key.key,
      encoder.encode(JSON.stringify(data)),
    );
  } catch (e) {
    throw new DraftSaveError(
      isQuota(e) ? 'quota' : e instanceof DOMException && e.name === 'OperationError' ? 'crypto' : 'storage',
      { cause: e },
    );
  }
  const record: DraftRecord = { id, formId, savedAt: Date.now(), keySource: key.source, iv, ciphertext };
  try {
    const drafts = await store(DRAFTS, 'readwrite');
    await new Promise<void>((resolve, reject) => {
      const put = drafts.put(record);
      put.onerror = () => reject(put.error ?? new Error('IndexedDB could not store the draft'));
      // The write is on disk only when its transaction completes; quota errors often surface as an abort.
      drafts.transaction.oncomplete = () => resolve();
      drafts.transaction.onabort = () =>
        reject(drafts.transaction.error ?? put.error ?? new Error('IndexedDB did not store the draft'));
    });
  } catch (e) {
    throw new DraftSaveError(isQuota(e) ? 'quota' : 'storage', { cause: e });
  }
}

async function decrypt<T>(record: DraftRecord): Promise<T | undefined> {
  const source = record.keySource ?? 'device';
  // A host-key draft never opens with the device key, nor the other way round: do not even try.
  const host = hostDraftKey();
  if (source === 'host' && !host) return undefined;
  const key = source === 'host' ? host! : await deviceKey();
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: record.iv, additionalData: additionalData(record.id, record.formId) },
      key,
      record.ciphertext,
    );
    return JSON.parse(new TextDecoder().decode(plain)) as T;
  } catch {
    return undefined;
  }
}

/**
 * Reads and decrypts the draft of `formId` saved under `id`. A draft that does not decrypt is moved aside (never
 * overwritten by the next save) and reported in `unreadable`; one kept aside earlier that now decrypts (its key is
 * back) is restored, if there is no newer draft.
 */
export async function loadDraft<T = unknown>(id: string, formId: string): Promise<DraftLoad<T>> {
  const record = (await request((await store(DRAFTS, 'readonly')).get([id, formId]))) as DraftRecord | undefined;
  let draft: Draft<T> | undefined;
  if (record) {
    const data = await decrypt<T>(record);
    if (data !== undefined) draft = { data, savedAt: record.savedAt };
    else {
      const tx = (await openDb()).transaction([DRAFTS, ASIDE], 'readwrite');
      tx.objectStore(ASIDE).put(record);
      tx.objectStore(DRAFTS).delete([id, formId]);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onabort = () => reject(tx.error ?? new Error('IndexedDB did not move the draft'));
      });
    }
  }
  const aside = await asideRecords(id, formId);
  const unreadable: UnreadableDraft[] = [];
  for (const r of aside) {
    const data = await decrypt<T>(r);
    // It opens again, but a newer draft is in use: it stays aside, and is not unreadable.
    if (data !== undefined && draft) continue;
    if (data !== undefined) {
      draft = { data, savedAt: r.savedAt };
      const tx = (await openDb()).transaction([DRAFTS, ASIDE], 'readwrite');
      tx.objectStore(DRAFTS).put(r);
      tx.objectStore(ASIDE).delete([r.id, r.formId, r.savedAt]);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onabort = () => reject(tx.error ?? new Error('IndexedDB did not move the draft'));
      });
    } else unreadable.push({ savedAt: r.savedAt, keySource: r.keySource ?? 'device' });
  }
  return draft ? { draft, unreadable } : { unreadable };
}

async function asideRecords(id: string, formId: string): Promise<DraftRecord[]> {
  const range = IDBKeyRange.bound([id, formId, -Infinity], [id, formId, Infinity]);
  const records = (await request((await store(ASIDE, 'readonly')).getAll(range))) as DraftRecord[];
  return records.sort((a, b) => b.savedAt - a.savedAt);
}

/** Deletes the draft of `formId` saved under `id` (drafts kept aside stay, see `discardUnreadable`). */
export async function deleteDraft(id: string, formId: string): Promise<void> {
  await request((await store(DRAFTS, 'readwrite')).delete([id, formId]));
}

/**
 * Deletes every draft whose key is `keyPrefix` or starts with it, of every form, those kept aside included: e.g. all
 * of one person's drafts at sign-out when the host keys them `<user id>:…`. Resolves to how many were deleted.
 * Saves already under way finish first only if the caller awaited them (`clearDraft` on forms still on screen).
 */
export async function deleteDrafts(keyPrefix: string): Promise<number> {
  if (keyPrefix === '') throw new TypeError('deleteDrafts needs a non-empty key prefix');
  const tx = (await openDb()).transaction([DRAFTS, ASIDE], 'readwrite');
  let deleted = 0;
  for (const name of [DRAFTS, ASIDE]) {
    const records = tx.objectStore(name);
    // Keys are [draft key, form id(, saved at)], in order: the keys that start with the prefix follow [prefix].
    records.openKeyCursor(IDBKeyRange.lowerBound([keyPrefix])).onsuccess = (e) => {
      const cursor = (e.target as IDBRequest<IDBCursor | null>).result;
      if (!cursor || !(cursor.primaryKey as string[])[0]!.startsWith(keyPrefix)) return;
      records.delete(cursor.primaryKey);
      deleted++;
      cursor.continue();
    };
  }
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB did not delete the drafts'));
  });
  return deleted;
}

/** A draft found by `findDrafts`: its key and form, and what it holds. */
export interface FoundDraft<T = unknown> extends Draft<T> {
  key: string;
  formId: string;
}

/**
 * The drafts whose key is `keyPrefix` or starts with it, of every form, that open with the key in use, newest first:
 * e.g. a host's drafts of an older version of a record, to offer them back. Those that do not open stay where they
 * are (`loadDraft` moves them aside and tells the form).
 */
export async function findDrafts<T = unknown>(keyPrefix: string): Promise<FoundDraft<T>[]> {
  if (keyPrefix === '') throw new TypeError('findDrafts needs a non-empty key prefix');
  const drafts = await store(DRAFTS, 'readonly');
  const records: DraftRecord[] = [];
  await new Promise<void>((resolve, reject) => {
    // Keys are [draft key, form id], in order: the keys that start with the prefix follow [prefix].
    const cursor = drafts.openCursor(IDBKeyRange.lowerBound([keyPrefix]));
    cursor.onerror = () => reject(cursor.error ?? new Error('IndexedDB could not read the drafts'));
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c || !(c.value as DraftRecord).id.startsWith(keyPrefix)) return resolve();
      records.push(c.value as DraftRecord);
      c.continue();
    };
  });
  const found: FoundDraft<T>[] = [];
  for (const r of records) {
    const data = await decrypt<T>(r);
    if (data !== undefined) found.push({ key: r.id, formId: r.formId, data, savedAt: r.savedAt });
  }
  return found.sort((a, b) => b.savedAt - a.savedAt);
}

/** Deletes the drafts of `formId` under `id` that were kept aside because they did not decrypt. */
export async function discardUnreadable(id: string, formId: string): Promise<void> {
  await request(
    (await store(ASIDE, 'readwrite')).delete(IDBKeyRange.bound([id, formId, -Infinity], [id, formId, Infinity])),
  );
}

/** The raw stored record, for inspection (tests, support tools): ciphertext only. */
export async function readDraftRecord(id: string, formId: string): Promise<DraftRecord | undefined> {
  return (await request((await store(DRAFTS, 'readonly')).get([id, formId]))) as DraftRecord | undefined;
}

/** Every record of the database, kept aside ones included: what a copy of the browser profile would hold. */
export async function readAllRecords(): Promise<{ drafts: DraftRecord[]; aside: DraftRecord[]; keys: number }> {
  const db = await openDb();
  const all = (name: string) =>
    request(db.transaction(name, 'readonly').objectStore(name).getAll()) as Promise<DraftRecord[]>;
  const keys = await request(db.transaction(KEYS, 'readonly').objectStore(KEYS).count());
  return { drafts: await all(DRAFTS), aside: await all(ASIDE), keys };
}
