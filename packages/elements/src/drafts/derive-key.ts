/** The code of `deriveDraftKey` (draft-key.ts), a chunk of its own. */

/**
 * A non-extractable AES-GCM key derived from a passphrase with PBKDF2-SHA-256 (600,000 iterations by default, the
 * OWASP 2023 figure). `salt` should be unique per person and stable (e.g. `"komek-drafts:" + userId`), so that the
 * same passphrase gives the same key on the next visit.
 */
export async function deriveDraftKey(
  passphrase: string,
  salt: string | Uint8Array<ArrayBuffer>,
  iterations = 600_000,
): Promise<CryptoKey> {
  if (passphrase === '') throw new TypeError('deriveDraftKey needs a non-empty passphrase');
  if ((typeof salt === 'string' ? salt.length : salt.byteLength) === 0)
    throw new TypeError('deriveDraftKey needs a salt');
  const encoder = new TextEncoder();
  const material = await crypto.subtle.importKey('raw', encoder.encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: typeof salt === 'string' ? encoder.encode(salt) : salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}
