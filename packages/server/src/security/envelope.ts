/**
 * Envelope encryption of stored answers: AES-256-GCM under a data key (DEK); each data key is kept in the database
 * only wrapped (AES-256-GCM) under a key-encryption key (KEK) that lives outside the database (a key file or an
 * environment variable, see keyFile.ts). Rotating the KEK re-wraps the data keys; the answers are not re-encrypted.
 *
 * Every ciphertext is bound to where it is stored by additional authenticated data (e.g. `submission:<id>:<rev>`),
 * so a row's ciphertext copied into another row does not decrypt.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 1;
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
/** Bytes of an AES-256 key. */
export const KEY_LENGTH = 32;

/** A ciphertext that does not decrypt: wrong key, wrong place, or changed bytes. Never says more. */
export class DecryptionError extends Error {
  readonly code = 'decryption-failed';
  constructor(what: string) {
    super(`${what} cannot be decrypted: wrong key, or the stored bytes were changed`);
    this.name = 'DecryptionError';
  }
}

/** A fresh random 256-bit key. */
export function generateKey(): Buffer {
  return randomBytes(KEY_LENGTH);
}

function checkKey(key: Uint8Array, what: string): void {
  if (key.length !== KEY_LENGTH) throw new RangeError(`${what} must be ${KEY_LENGTH} bytes, not ${key.length}`);
}

/** Encrypts `plaintext` under `key`, bound to `context`: version (1 byte) | IV (12) | tag (16) | ciphertext. */
export function seal(key: Uint8Array, plaintext: Uint8Array | string, context: string): Buffer {
  checkKey(key, 'the key');
  const iv = randomBytes(IV_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LENGTH });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([
    cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext),
    cipher.final(),
  ]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

/** Decrypts what `seal` made with the same key and context; throws `DecryptionError` otherwise. */
export function open(key: Uint8Array, sealed: Uint8Array, context: string): Buffer {
  checkKey(key, 'the key');
  if (sealed.length < 1 + IV_LENGTH + TAG_LENGTH || sealed[0] !== VERSION) throw new DecryptionError(context);
  const iv = sealed.subarray(1, 1 + IV_LENGTH);
  const tag = sealed.subarray(1 + IV_LENGTH, 1 + IV_LENGTH + TAG_LENGTH);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LENGTH });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(1 + IV_LENGTH + TAG_LENGTH)), decipher.final()]);
  } catch {
    throw new DecryptionError(context);
  }
}

/** Wraps a data key under a KEK (bound to both key ids). */
export function wrapKey(kek: Uint8Array, kekId: string, dek: Uint8Array, dekId: string): Buffer {
  checkKey(dek, 'a data key');
  return seal(kek, dek, `komek:dek:${dekId}:kek:${kekId}`);
}

/** Unwraps a data key wrapped by `wrapKey`. */
export function unwrapKey(kek: Uint8Array, kekId: string, wrapped: Uint8Array, dekId: string): Buffer {
  return open(kek, wrapped, `komek:dek:${dekId}:kek:${kekId}`);
}
