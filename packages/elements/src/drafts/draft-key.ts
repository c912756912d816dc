/**
 * The key drafts are encrypted with when the host provides one: held in this page's memory only, never stored.
 * Small and free of IndexedDB code, so the element's entry module can export it while the draft store stays a chunk
 * loaded only by forms that keep drafts.
 */

let hostKey: CryptoKey | undefined;

/**
 * Encrypts drafts with the host's key from now on (`null`: back to the device key). Hold the key with the signed-in
 * session (from the server after sign-in, or `deriveDraftKey` from a passphrase) and call `useDraftKey(null)` at
 * sign-out: drafts saved with it then stay closed, and kept, until the key is given again.
 */
export function useDraftKey(key: CryptoKey | null): void {
  if (
    key !== null &&
    (key.algorithm.name !== 'AES-GCM' || !key.usages.includes('encrypt') || !key.usages.includes('decrypt'))
  ) {
    throw new TypeError('useDraftKey needs an AES-GCM CryptoKey with the usages "encrypt" and "decrypt"');
  }
  hostKey = key ?? undefined;
}

/** The key the host gave (`useDraftKey`), if any. */
export function hostDraftKey(): CryptoKey | undefined {
  return hostKey;
}

/**
 * A non-extractable AES-GCM key derived from a passphrase with PBKDF2-SHA-256 (600,000 iterations by default, the
 * OWASP 2023 figure). `salt` should be unique per person and stable (e.g. `"komek-drafts:" + userId`), so that the
 * same passphrase gives the same key on the next visit. Its code is a chunk of its own, fetched when first called.
 */
export function deriveDraftKey(
  passphrase: string,
  salt: string | Uint8Array<ArrayBuffer>,
  iterations = 600_000,
): Promise<CryptoKey> {
  return import('./derive-key.js').then((m) => m.deriveDraftKey(passphrase, salt, iterations));
}
