import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { getAtPointer } from '@komek/core';
import '../index.js';
import { deriveDraftKey, useDraftKey } from './draft-key.js';
import { loadDraft, readAllRecords, readDraftRecord, saveDraft } from './draft-store.js';
import { deleteDraft, deleteDrafts, findDrafts } from '../index.js';
import type { KomekDraftProblemEvent } from '../events.js';
import { idOf } from '../ids.js';
import type { KomekForm } from '../komek-form/komek-form.js';

const F1 = 'kz-f1-initial-application';
const F3 = 'kz-f3-primary-aid-application';

async function until(ok: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = performance.now() + ms;
  while (!(await ok())) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function mount(form: string, draftKey: string): Promise<KomekForm> {
  document.body.innerHTML = '';
  const host = document.createElement('div');
  host.innerHTML = `<komek-form form="${form}" draft-key="${draftKey}"></komek-form>`;
  document.body.append(host);
  const el = host.querySelector('komek-form')!;
  await until(() => el.shadowRoot?.querySelector('.form, .load-error') != null);
  await el.ready;
  await el.updateComplete;
  return el;
}

const field = (el: KomekForm, pointer: string) => el.shadowRoot!.getElementById(idOf(pointer)) as HTMLInputElement;
const problem = (el: KomekForm, kind: string) => el.shadowRoot!.querySelector<HTMLElement>(`[data-problem="${kind}"]`);

async function type(el: KomekForm, pointer: string, text: string): Promise<void> {
  field(el, pointer).focus();
  await userEvent.keyboard(text);
  await el.saveDraftNow();
}

const newKey = () => `case-${Math.random().toString(36).slice(2)}`;

/** Opens the drafts database as a copy of the browser profile would: raw records, no application code. */
function rawDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('komek-drafts');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('IndexedDB could not be opened'));
  });
}

afterEach(() => {
  useDraftKey(null);
  document.body.innerHTML = '';
});

describe('drafts in the browser', () => {
  it('keeps the drafts of two forms saved under one draft-key (a case id): neither replaces the other', async () => {
    const key = newKey();
    let el = await mount(F1, key);
    await type(el, '/fullName', 'Aigerim Bekova');
    el = await mount(F3, key);
    await type(el, '/fullName', 'Daniyar Bekov');

    el = await mount(F1, key);
    expect(getAtPointer(el.data, '/fullName')).toBe('Aigerim Bekova');
    expect(field(el, '/fullName').value).toBe('Aigerim Bekova');
    expect(el.shadowRoot!.querySelector('.notice[role="status"]')).not.toBeNull();
    el = await mount(F3, key);
    expect(getAtPointer(el.data, '/fullName')).toBe('Daniyar Bekov');

    // Clearing one form's draft leaves the other's.
    await el.clearDraft();
    expect(await readDraftRecord(key, F3)).toBeUndefined();
    expect(await readDraftRecord(key, F1)).toBeDefined();
  });

  it('keeps a draft that does not decrypt aside, tells the person, and does not overwrite it', async () => {
    const key = newKey();
    let el = await mount(F1, key);
    await type(el, '/fullName', 'Nodira Karimova');
    // The stored record is damaged (or its key is gone): flip one byte of the ciphertext.
    const db = await rawDb();
    const store = db.transaction('drafts-by-form', 'readwrite').objectStore('drafts-by-form');
    const record = await new Promise<{ ciphertext: ArrayBuffer }>(
      (r) => (store.get([key, F1]).onsuccess = (e) => r((e.target as IDBRequest<{ ciphertext: ArrayBuffer }>).result)),
    );
    const bytes = new Uint8Array(record.ciphertext);
    bytes[0] = bytes[0]! ^ 0xff;
    await new Promise((r) => (store.put({ ...record, ciphertext: bytes.buffer }).onsuccess = r));
    db.close();

    const told = new Promise<KomekDraftProblemEvent>((r) =>
      document.addEventListener('komek-draft-problem', r as never, { once: true }),
    );
    el = await mount(F1, key);
    expect((await told).problem).toBe('unreadable');
    const alert = problem(el, 'unreadable')!;
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toMatch(/cannot be opened/);
    expect(alert.textContent).toMatch(/kept aside/);
    expect(el.shadowRoot!.querySelector('.notice[role="status"]')).toBeNull();

    // The next keystrokes are saved as a new draft; the unreadable one is still there.
    await type(el, '/fullName', 'N. K.');
    const all = await readAllRecords();
    expect(all.aside.filter((r) => r.id === key && r.formId === F1)).toHaveLength(1);
    expect((await loadDraft<{ fullName: string }>(key, F1)).draft!.data.fullName).toBe('N. K.');

    // The person may delete it.
    el = await mount(F1, key);
    problem(el, 'unreadable')!.querySelector('button')!.click();
    await until(async () => (await readAllRecords()).aside.every((r) => r.id !== key));
    await el.updateComplete;
    expect(problem(el, 'unreadable')).toBeNull();
  });

  it('shows a save that failed for lack of space, and clears the message once a save succeeds', async () => {
    const key = newKey();
    const el = await mount(F1, key);
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const told = new Promise<KomekDraftProblemEvent>((r) =>
      el.addEventListener('komek-draft-problem', r as never, { once: true }),
    );
    try {
      await type(el, '/fullName', 'Saule');
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    const event = await told;
    expect([event.problem, event.reason]).toEqual(['not-saved', 'quota']);
    await el.updateComplete;
    const alert = problem(el, 'not-saved')!;
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toMatch(/could not be saved on this computer/);
    expect(alert.textContent).toMatch(/no storage space/);
    expect(await readDraftRecord(key, F1)).toBeUndefined();

    alert.querySelector('button')!.click();
    await until(async () => (await readDraftRecord(key, F1)) !== undefined);
    await until(() => problem(el, 'not-saved') === null);
  });

  it('encrypts with the key the host holds with the signed-in session: without it the draft does not open', async () => {
    const key = newKey();
    const salt = 'komek-drafts:user-17';
    useDraftKey(await deriveDraftKey('a long passphrase of the case worker', salt, 10_000));
    let el = await mount(F1, key);
    await type(el, '/fullName', 'Gulnara Sadykova');
    const record = (await readDraftRecord(key, F1))!;
    expect(record.keySource).toBe('host');
    expect(JSON.stringify(record)).not.toContain('Gulnara');
    expect(new TextDecoder().decode(record.ciphertext)).not.toContain('Gulnara');

    // Signed out: the device key (all a copied profile holds) does not open it; it is kept, and the person told.
    useDraftKey(null);
    el = await mount(F1, key);
    expect(problem(el, 'unreadable')).not.toBeNull();
    expect(getAtPointer(el.data, '/fullName')).toBeUndefined();
    // A wrong passphrase does not open it either.
    useDraftKey(await deriveDraftKey('another passphrase', salt, 10_000));
    expect((await loadDraft(key, F1)).draft).toBeUndefined();

    // Signed in again: the same passphrase and salt give the same key, and the draft comes back.
    useDraftKey(await deriveDraftKey('a long passphrase of the case worker', salt, 10_000));
    el = await mount(F1, key);
    expect(getAtPointer(el.data, '/fullName')).toBe('Gulnara Sadykova');
    expect(problem(el, 'unreadable')).toBeNull();
  });

  it('moves the drafts of the previous database version (one per draft key) to one per key and form', async () => {
    await new Promise((r) => (indexedDB.deleteDatabase('komek-drafts').onsuccess = r));
    const record = {
      id: 'case-v1',
      formId: F3,
      savedAt: 1_700_000_000_000,
      iv: new Uint8Array(12),
      ciphertext: new ArrayBuffer(32),
    };
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('komek-drafts', 1);
      open.onupgradeneeded = () => {
        open.result.createObjectStore('keys');
        open.result.createObjectStore('drafts', { keyPath: 'id' }).put(record);
      };
      open.onsuccess = () => (open.result.close(), resolve());
      open.onerror = () => reject(open.error ?? new Error('IndexedDB could not be opened'));
    });
    const moved = (await readDraftRecord('case-v1', F3))!;
    expect([moved.id, moved.formId, moved.savedAt]).toEqual(['case-v1', F3, record.savedAt]);
    const db = await rawDb();
    expect([...db.objectStoreNames].sort()).toEqual(['drafts-by-form', 'keys', 'unreadable']);
    db.close();
  });

  it("deletes every draft of a key prefix (a person's, at sign-out), those kept aside too, and no other", async () => {
    const user = `user-${Math.random().toString(36).slice(2)}`;
    const theirs = [`${user}:case-1`, `${user}:case-1:submission-7:2`, `${user}:case-2`];
    const others = [`${user}x:case-1`, `other-${user}:case-1`, `${user}`];
    for (const key of [...theirs, ...others]) {
      await saveDraft(key, F1, { fullName: 'Aigerim Bekova' });
      await saveDraft(key, F3, { fullName: 'Daniyar Bekov' });
    }
    // One of theirs does not open (saved with a key the page no longer holds): it is kept aside.
    useDraftKey(await deriveDraftKey('a passphrase gone with the session', 'salt', 10_000));
    await saveDraft(`${user}:case-3`, F1, { fullName: 'Nodira Karimova' });
    useDraftKey(null);
    expect((await loadDraft(`${user}:case-3`, F1)).unreadable).toHaveLength(1);

    expect(await deleteDrafts(`${user}:`)).toBe(theirs.length * 2 + 1);
    const all = await readAllRecords();
    const ids = (records: { id: string }[]) => records.map((r) => r.id).filter((id) => id.includes(user));
    expect(ids(all.drafts).sort()).toEqual([...others, ...others].sort());
    expect(ids(all.aside)).toEqual([]);
    for (const key of others) expect((await loadDraft(key, F3)).draft?.data).toEqual({ fullName: 'Daniyar Bekov' });
    expect(await deleteDrafts(`${user}:`)).toBe(0);
    await expect(deleteDrafts('')).rejects.toThrow(/prefix/);
  });

  it('finds the drafts of a key prefix that open, newest first, and deletes one of them exactly', async () => {
    const prefix = `user-${Math.random().toString(36).slice(2)}:case-1:submission-7:`;
    await saveDraft(`${prefix}3`, F1, { fullName: 'Revision three' });
    await new Promise((r) => setTimeout(r, 5));
    await saveDraft(`${prefix}30`, F1, { fullName: 'Revision thirty' });
    await saveDraft(`${prefix.slice(0, -1)}x`, F1, { fullName: 'Not under the prefix' });
    // One that does not open with the key in use is not found, and stays.
    useDraftKey(await deriveDraftKey('a passphrase gone with the session', 'salt', 10_000));
    await saveDraft(`${prefix}4`, F3, { fullName: 'Unreadable' });
    useDraftKey(null);

    const found = await findDrafts<{ fullName: string }>(prefix);
    expect(found.map((d) => [d.key.slice(prefix.length), d.formId, d.data.fullName])).toEqual([
      ['30', F1, 'Revision thirty'],
      ['3', F1, 'Revision three'],
    ]);
    expect(found[0]!.savedAt).toBeGreaterThanOrEqual(found[1]!.savedAt);

    // `${prefix}3` is a prefix of `${prefix}30`: deleting the one leaves the other.
    await deleteDraft(`${prefix}3`, F1);
    expect((await findDrafts(prefix)).map((d) => d.key)).toEqual([`${prefix}30`]);
    expect(await readDraftRecord(`${prefix}4`, F3)).toBeDefined();
    await expect(findDrafts('')).rejects.toThrow(/prefix/);
  });

  it('refuses a key that cannot encrypt drafts, and an empty passphrase', async () => {
    const hmac = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    expect(() => useDraftKey(hmac)).toThrow(/AES-GCM/);
    await expect(deriveDraftKey('', 'salt')).rejects.toThrow(/passphrase/);
  });
});
