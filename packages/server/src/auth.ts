import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_ORGANISATION_ID } from './db/migrations.js';

/**
 * Who makes a request. Today the one kind is the administrator's bootstrap token; people, roles and scoped tokens
 * (access control) add kinds here, and each route's `action` (routes.ts) is what they will be checked against.
 */
export interface Principal {
  /** Stable id, stored as `created_by` and as the owner of idempotency keys. */
  id: string;
  kind: 'admin-token';
  organisationId: string;
  roles: readonly string[];
}

/** The administrator's token file in a data folder. */
export function adminTokenPath(dataDir: string): string {
  return join(dataDir, 'admin.token');
}

/**
 * Reads the admin token of a data folder, creating it (mode 0600) on first start. Returns the token and whether it
 * was created; callers print the path, never the token.
 */
export function ensureAdminToken(dataDir: string): { token: string; path: string; created: boolean } {
  const path = adminTokenPath(dataDir);
  mkdirSync(dataDir, { recursive: true });
  if (existsSync(path)) {
    const token = readFileSync(path, 'utf8').trim();
    if (token.length < 32) throw new Error(`${path} holds no valid token (expected 32 or more characters); delete it to make a new one`);
    return { token, path, created: false };
  }
  const token = `kmk_${randomBytes(32).toString('base64url')}`;
  writeFileSync(path, `${token}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return { token, path, created: true };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Checks `Authorization: Bearer <token>` against the admin token; the principal, or undefined. */
export function authenticate(header: string | undefined, adminToken: string): Principal | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return undefined;
  if (!timingSafeEqual(digest(m[1]!), digest(adminToken))) return undefined;
  return { id: 'admin', kind: 'admin-token', organisationId: DEFAULT_ORGANISATION_ID, roles: ['administrator'] };
}
