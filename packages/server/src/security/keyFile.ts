/**
 * Where the key-encryption keys live: outside the database, in `<data>/keys/` (one `kek-<id>.key` file per key,
 * mode 0600, the current one named in `current`), or in the environment variable `KOMEK_KEK` (`<id>:<base64 key>`;
 * `KOMEK_KEK_PREVIOUS` may hold older keys, comma-separated, while rotating). A database dump alone never yields the
 * answers; whoever holds the key files and a dump does — so back the keys up apart from the database.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { generateKey, KEY_LENGTH } from './envelope.js';

/** A key-encryption key and its id. */
export interface Kek {
  id: string;
  key: Buffer;
}

/** The keys a server can unwrap with, and the one it wraps new data keys under. */
export interface KekRing {
  current: Kek;
  all: Map<string, Kek>;
  source: 'file' | 'environment';
}

/** A key file or variable that cannot be used: named, with the reason. Never prints key material. */
export class KeyFileError extends Error {
  readonly code = 'key-file';
  constructor(
    readonly where: string,
    reason: string,
  ) {
    super(`${where}: ${reason}`);
    this.name = 'KeyFileError';
  }
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

function parseKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_LENGTH) throw new KeyFileError(where, `not a base64 ${KEY_LENGTH}-byte key`);
  return key;
}

function fromEnvironment(env: NodeJS.ProcessEnv): KekRing | undefined {
  const value = env['KOMEK_KEK'];
  if (!value) return undefined;
  const parse = (entry: string, where: string): Kek => {
    const at = entry.indexOf(':');
    const id = at > 0 ? entry.slice(0, at) : 'env';
    if (!ID.test(id)) throw new KeyFileError(where, 'the key id must be letters, digits, - or _');
    return { id, key: parseKey(at > 0 ? entry.slice(at + 1) : entry, where) };
  };
  const current = parse(value, 'KOMEK_KEK');
  const all = new Map([[current.id, current]]);
  for (const entry of (env['KOMEK_KEK_PREVIOUS'] ?? '').split(',').filter(Boolean)) {
    const kek = parse(entry, 'KOMEK_KEK_PREVIOUS');
    all.set(kek.id, kek);
  }
  return { current, all, source: 'environment' };
}

/** A key file's text, refused when anyone but its owner may read or write it. */
function readOwnersOnly(path: string): string {
  const mode = statSync(path).mode & 0o777;
  if (mode & 0o077) throw new KeyFileError(path, `readable by others (mode ${mode.toString(8)}); run chmod 600 on it`);
  return readFileSync(path, 'utf8');
}

function readKeyFile(path: string): Buffer {
  return parseKey(readOwnersOnly(path), path);
}

/** Writes a file that only the owner can read, atomically. */
function writeSecret(path: string, text: string): void {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600, flag: 'wx' });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

/**
 * A 32-byte secret kept beside the KEKs (the audit trail's HMAC key, the search key): the environment variable
 * `envVar` (base64, 32 bytes or more) when set, else `<data>/keys/<file>` (mode 0600), made on first start unless
 * `create: false`.
 */
export function secretKey(
  dataDir: string,
  file: string,
  envVar: string,
  options: { env?: NodeJS.ProcessEnv; create?: boolean } = {},
): Buffer {
  const fromEnv = (options.env ?? process.env)[envVar];
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64');
    if (key.length < 32) throw new KeyFileError(envVar, 'must be at least 32 bytes, base64');
    return key;
  }
  const dir = keysDir(dataDir);
  const path = join(dir, file);
  if (!existsSync(path)) {
    if (options.create === false)
      throw new KeyFileError(path, `missing; the server creates it on first start, or set ${envVar}`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeSecret(path, `${randomBytes(32).toString('base64')}\n`);
  }
  const key = Buffer.from(readOwnersOnly(path).trim(), 'base64');
  if (key.length < 32) throw new KeyFileError(path, 'is not a base64 key of at least 32 bytes');
  return key;
}

/** The keys folder of a data folder. */
export function keysDir(dataDir: string): string {
  return join(dataDir, 'keys');
}

/**
 * Loads the KEK ring: from `KOMEK_KEK` when set, else from `<data>/keys/`, creating a first key there when the folder
 * has none (`create: true`, the server's first start).
 */
export function loadKekRing(dataDir: string, options: { env?: NodeJS.ProcessEnv; create?: boolean } = {}): KekRing {
  const fromEnv = fromEnvironment(options.env ?? process.env);
  if (fromEnv) return fromEnv;
  const dir = keysDir(dataDir);
  const currentFile = join(dir, 'current');
  if (!existsSync(currentFile)) {
    if (!options.create)
      throw new KeyFileError(currentFile, 'no key-encryption key; start the server once or set KOMEK_KEK');
    return addKek(dataDir);
  }
  const currentId = readFileSync(currentFile, 'utf8').trim();
  const all = new Map<string, Kek>();
  for (const name of readdirSync(dir)) {
    const match = /^kek-([A-Za-z0-9_-]{1,64})\.key$/.exec(name);
    if (match?.[1]) all.set(match[1], { id: match[1], key: readKeyFile(join(dir, name)) });
  }
  const current = all.get(currentId);
  if (!current)
    throw new KeyFileError(
      currentFile,
      `names key ${JSON.stringify(currentId)}, which has no kek-${currentId}.key file`,
    );
  return { current, all, source: 'file' };
}

/** Creates a new KEK file in `<data>/keys/` and makes it current (older files stay, to unwrap until re-wrapped). */
export function addKek(dataDir: string): KekRing {
  const dir = keysDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const id = `${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex')}`;
  const key = generateKey();
  writeSecret(join(dir, `kek-${id}.key`), `${key.toString('base64')}\n`);
  writeSecret(join(dir, 'current'), `${id}\n`);
  const ring = loadKekRing(dataDir, { env: {} });
  return ring;
}
