import { mkdtempSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, PasswordPolicyError, verifyPassword } from './passwords.js';
import { DecryptionError, generateKey, open, seal, unwrapKey, wrapKey } from './envelope.js';
import { addKek, KeyFileError, loadKekRing, secretKey } from './keyFile.js';
import { chainEntry, verifyAuditChain, type AuditEntry } from './auditChain.js';

describe('passwords (scrypt)', () => {
  it('verifies the right password only, and stores no password text', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored).not.toContain('horse');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('correct horse battery', undefined)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });
  it('salts each hash and normalizes Unicode (NFKC) so a composed and decomposed letter match', async () => {
    const a = await hashPassword('қазақ тілі парол');
    const b = await hashPassword('қазақ тілі парол');
    expect(a).not.toBe(b);
    expect(await verifyPassword('қазақ тілі парол'.normalize('NFD'), a)).toBe(true);
  });
  it('refuses too short passwords and tampered hashes', async () => {
    await expect(hashPassword('short')).rejects.toBeInstanceOf(PasswordPolicyError);
    expect(await verifyPassword('x'.repeat(20), 'scrypt$1073741824$8$1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==')).toBe(
      false,
    );
    expect(await verifyPassword('x'.repeat(20), 'plain')).toBe(false);
    expect(needsRehash('scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=')).toBe(
      true,
    );
  });
});

describe('envelope encryption', () => {
  it('round-trips, and fails in another context, under another key, or with a changed byte', () => {
    const key = generateKey();
    const sealed = seal(key, '{"name":"Айгүл"}', 'submission:1:1');
    expect(sealed.includes(Buffer.from('Айгүл'))).toBe(false);
    expect(open(key, sealed, 'submission:1:1').toString()).toBe('{"name":"Айгүл"}');
    expect(() => open(key, sealed, 'submission:2:1')).toThrow(DecryptionError);
    expect(() => open(generateKey(), sealed, 'submission:1:1')).toThrow(DecryptionError);
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1;
    expect(() => open(key, flipped, 'submission:1:1')).toThrow(DecryptionError);
    expect(() => open(key, sealed.subarray(0, 10), 'submission:1:1')).toThrow(DecryptionError);
  });
  it('wraps data keys under a KEK bound to both ids', () => {
    const kek = generateKey();
    const dek = generateKey();
    const wrapped = wrapKey(kek, 'k1', dek, 'd1');
    expect(unwrapKey(kek, 'k1', wrapped, 'd1').equals(dek)).toBe(true);
    expect(() => unwrapKey(kek, 'k2', wrapped, 'd1')).toThrow(DecryptionError);
    expect(() => unwrapKey(kek, 'k1', wrapped, 'd2')).toThrow(DecryptionError);
  });
});

describe('key files', () => {
  const dirs: string[] = [];
  const temp = () => {
    const d = mkdtempSync(join(tmpdir(), 'komek-keys-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('creates a 0600 key on first start, loads it again, and keeps old keys after a new one', () => {
    const data = temp();
    expect(() => loadKekRing(data, { env: {} })).toThrow(KeyFileError);
    const first = loadKekRing(data, { env: {}, create: true });
    expect(statSync(join(data, 'keys', `kek-${first.current.id}.key`)).mode & 0o777).toBe(0o600);
    expect(loadKekRing(data, { env: {} }).current.key.equals(first.current.key)).toBe(true);
    const second = addKek(data);
    expect(second.current.id).not.toBe(first.current.id);
    expect(second.all.get(first.current.id)?.key.equals(first.current.key)).toBe(true);
  });
  it('refuses a key file others can read, and a malformed environment key, naming it', () => {
    const data = temp();
    const ring = loadKekRing(data, { env: {}, create: true });
    const file = join(data, 'keys', `kek-${ring.current.id}.key`);
    chmodSync(file, 0o644);
    expect(() => loadKekRing(data, { env: {} })).toThrow(/readable by others.*chmod 600/);
    expect(() => loadKekRing(data, { env: { KOMEK_KEK: 'k1:bm90IGEga2V5' } })).toThrow(
      /KOMEK_KEK: not a base64 32-byte key/,
    );
    const key = generateKey().toString('base64');
    const fromEnv = loadKekRing(data, { env: { KOMEK_KEK: `k9:${key}` } });
    expect(fromEnv.source).toBe('environment');
    expect(fromEnv.current.id).toBe('k9');
    chmodSync(file, 0o600);
    writeFileSync(join(data, 'keys', 'current'), 'missing\n');
    expect(() => loadKekRing(data, { env: {} })).toThrow(/kek-missing\.key/);
  });
  it('makes the search and audit keys owner-only, and refuses one others can read, as it does a KEK', () => {
    const data = temp();
    const made = secretKey(data, 'search.key', 'KOMEK_SEARCH_KEY', { env: {} });
    const file = join(data, 'keys', 'search.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(secretKey(data, 'search.key', 'KOMEK_SEARCH_KEY', { env: {} }).equals(made)).toBe(true);
    chmodSync(file, 0o644);
    expect(() => secretKey(data, 'search.key', 'KOMEK_SEARCH_KEY', { env: {} })).toThrow(
      /search\.key: readable by others \(mode 644\); run chmod 600/,
    );
    expect(() => secretKey(data, 'audit.key', 'KOMEK_AUDIT_KEY', { env: {}, create: false })).toThrow(
      /audit\.key: missing; .*KOMEK_AUDIT_KEY/,
    );
  });
});

describe('audit chain', () => {
  const key = generateKey();
  function chain(n: number): AuditEntry[] {
    const out: AuditEntry[] = [];
    for (let i = 0; i < n; i++) {
      out.push(
        chainEntry(
          {
            at: `2026-12-03T10:00:0${i}Z`,
            actor: 'user:1',
            action: 'case.view',
            target: `case:${i}`,
            origin: '127.0.0.1',
            organisation: 'org:1',
            outcome: 'ok',
          },
          out.at(-1),
          key,
        ),
      );
    }
    return out;
  }
  it('a whole chain verifies', () => {
    const entries = chain(5);
    expect(verifyAuditChain(entries, { key, head: { seq: 5, hash: entries[4]!.hash } })).toEqual({ checked: 5 });
  });
  it('finds a changed entry', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, target: 'case:99' };
    expect(verifyAuditChain(entries, { key }).problem).toMatchObject({ seq: 3, kind: 'changed' });
  });
  it('finds a forged chain recomputed without the key', () => {
    const entries = chain(3);
    const forged = [entries[0]!, chainEntry({ ...entries[1]!, actor: 'user:2' }, entries[0])];
    expect(verifyAuditChain(forged, { key }).problem).toMatchObject({ seq: 2, kind: 'changed' });
  });
  it('finds a removed entry', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyAuditChain(entries, { key }).problem).toMatchObject({ seq: 2, kind: 'removed' });
  });
  it('finds reordered entries', () => {
    const entries = chain(5);
    const swapped = [entries[0]!, entries[2]!, entries[1]!, entries[3]!, entries[4]!];
    expect(verifyAuditChain(swapped, { key }).problem).toMatchObject({ kind: 'removed' });
    expect(verifyAuditChain([entries[0]!, entries[1]!, entries[1]!], { key }).problem).toMatchObject({
      seq: 2,
      kind: 'reordered',
    });
  });
  it('finds the newest entries removed when the head kept outside the database is given', () => {
    const entries = chain(5);
    expect(
      verifyAuditChain(entries.slice(0, 3), { key, head: { seq: 5, hash: entries[4]!.hash } }).problem,
    ).toMatchObject({ kind: 'truncated' });
  });
});
