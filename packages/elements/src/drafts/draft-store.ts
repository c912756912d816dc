/**
 * Drafts kept in IndexedDB, encrypted at rest with AES-GCM. The key is generated once per origin as a
 * non-extractable CryptoKey and stored in the same database: script on the page can use it but never read it out,
 * and the records on disk are ciphertext, so a draft holding personal data is not readable in plain text from the
 * browser profile. Each save uses a fresh 96-bit IV; the draft key and form id are bound as additional data, so a
 * record copied under another key does not decrypt.
 */

const DB_NAME = 'komek-drafts';
const DB_VERSION = 1;
const KEYS = 'keys';
const DRAFTS = 'drafts';
const KEY_ID = 'aes-gcm-v1';

/** What IndexedDB holds for one draft: no plaintext beyond the ids. */
export interface DraftRecord {
  id: string;
  formId: string;
  savedAt: number;
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: ArrayBuffer;
}

/** A decrypted draft. */
export interface Draft<T = unknown> {
  data: T;
  savedAt: number;
}

let dbPromise: Promise<IDBDatabase> | undefined;
let keyPromise: Promise<CryptoKey> | undefined;

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function openDb(): Promise<IDBDatabase> {
  dbPromise ??= new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(DB_NAME, DB_VERSION);
    open.onupgradeneeded = () => {
      open.result.createObjectStore(KEYS);
      open.result.createObjectStore(DRAFTS, { keyPath: 'id' });
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

/** The origin's draft key: read from IndexedDB, or generated (non-extractable) and stored on first use. */
function draftKey(): Promise<CryptoKey> {
  keyPromise ??= (async () => {
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
    keyPromise = undefined;
    throw e;
  });
  return keyPromise;
}

const encoder = new TextEncoder();
const additionalData = (id: string, formId: string) => encoder.encode(`komek-draft\u0000${id}\u0000${formId}`);

/** Encrypts and saves a draft under `id`. */
export async function saveDraft(id: string, formId: string, data: unknown): Promise<void> {
  const key = await draftKey();
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: additionalData(id, formId) },
    key,
    encoder.encode(JSON.stringify(data)),
  );
  const record: DraftRecord = { id, formId, savedAt: Date.now(), iv, ciphertext };
  await request((await store(DRAFTS, 'readwrite')).put(record));
}

/** Reads and decrypts the draft saved under `id` for `formId`; undefined when there is none or it does not open. */
export async function loadDraft<T = unknown>(id: string, formId: string): Promise<Draft<T> | undefined> {
  const record = (await request((await store(DRAFTS, 'readonly')).get(id))) as DraftRecord | undefined;
  if (!record || record.formId !== formId) return undefined;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: record.iv, additionalData: additionalData(id, formId) },
      await draftKey(),
      record.ciphertext,
    );
    return { data: JSON.parse(new TextDecoder().decode(plain)) as T, savedAt: record.savedAt };
  } catch {
    // A record that does not decrypt (key lost with site data, tampered) is useless: treat as no draft.
    return undefined;
  }
}

/** Deletes the draft saved under `id`. */
export async function deleteDraft(id: string): Promise<void> {
  await request((await store(DRAFTS, 'readwrite')).delete(id));
}

/** The raw stored record, for inspection (tests, support tools): ciphertext only. */
export async function readDraftRecord(id: string): Promise<DraftRecord | undefined> {
  return (await request((await store(DRAFTS, 'readonly')).get(id))) as DraftRecord | undefined;
}
