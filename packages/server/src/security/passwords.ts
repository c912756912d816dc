/**
 * Password hashing with scrypt from Node's own crypto module.
 *
 * Why scrypt and not argon2id: scrypt is memory-hard, recommended by OWASP beside argon2id, and ships with Node —
 * argon2 bindings are native add-ons that download or compile binaries at install time, which an offline office
 * machine or a locked-down server cannot always do. The parameters are stored with each hash, so they can be raised
 * later and old hashes upgraded at the next sign-in (`needsRehash`).
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Cost parameters: N = 2^15, r = 8, p = 1 (OWASP's minimum for scrypt), 32-byte key, 16-byte salt. */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const;

/** Longest password accepted: bounds the work an attacker can make one request cost. */
export const MAX_PASSWORD_LENGTH = 1024;
/** Shortest password accepted when one is set (NIST SP 800-63B asks for at least 8; cases hold victims' data). */
export const MIN_PASSWORD_LENGTH = 12;

/** A password that cannot be set: too short, too long, or not text. */
export class PasswordPolicyError extends Error {
  readonly code = 'password-policy';
  constructor(readonly reason: 'too-short' | 'too-long') {
    super(
      reason === 'too-short'
        ? `the password must have at least ${MIN_PASSWORD_LENGTH} characters`
        : `the password must have at most ${MAX_PASSWORD_LENGTH} characters`,
    );
    this.name = 'PasswordPolicyError';
  }
}

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFKC'), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function options(N: number, r: number, p: number): ScryptOptions {
  // Node's default maxmem (32 MiB) is exactly 128·N·r at N = 2^15; leave room.
  return { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
}

/** Checks a new password against the policy; throws `PasswordPolicyError`. */
export function checkPasswordPolicy(password: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) throw new PasswordPolicyError('too-short');
  if (length > MAX_PASSWORD_LENGTH) throw new PasswordPolicyError('too-long');
}

/** Hashes a password: `scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>`. */
export async function hashPassword(password: string): Promise<string> {
  checkPasswordPolicy(password);
  const { N, r, p, keyLength, saltLength } = SCRYPT_PARAMS;
  const salt = randomBytes(saltLength);
  const hash = await scrypt(password, salt, keyLength, options(N, r, p));
  return ['scrypt', N, r, p, salt.toString('base64'), hash.toString('base64')].join('$');
}

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

function parse(stored: string): ParsedHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  // Refuse absurd stored parameters rather than let a tampered row make sign-in allocate gigabytes.
  if (![N, r, p].every(Number.isInteger) || N < 2 ** 10 || N > 2 ** 20 || r < 1 || r > 32 || p < 1 || p > 16)
    return undefined;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const hash = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length < 8 || hash.length < 16 || hash.length > 64) return undefined;
  return { N, r, p, salt, hash };
}

/** A hash of a random password, verified against when the user is unknown so timing does not tell who exists. */
let decoy: Promise<string> | undefined;

/**
 * Whether `password` matches `stored`. `stored` undefined (unknown user) still costs one scrypt, and is false.
 * Compares in constant time.
 */
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH * 4) return false;
  decoy ??= hashPassword(randomBytes(24).toString('base64'));
  const parsed = parse(stored ?? (await decoy));
  if (!parsed) return false;
  const actual = await scrypt(password, parsed.salt, parsed.hash.length, options(parsed.N, parsed.r, parsed.p));
  return timingSafeEqual(actual, parsed.hash) && stored !== undefined;
}

/** Whether a stored hash was made with weaker parameters than today's (re-hash it at the next sign-in). */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return (
    !parsed || parsed.N < SCRYPT_PARAMS.N || parsed.r < SCRYPT_PARAMS.r || parsed.hash.length < SCRYPT_PARAMS.keyLength
  );
}
