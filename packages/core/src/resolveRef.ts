import { KomekError } from './komekError.js';
import { getAtPointer } from './pointer.js';
import type { JsonSchema, SchemaBundle } from './schema.js';

/** Where a schema lives: the file's `$id` and the JSON pointer inside it. */
export interface SchemaLocation {
  file: string;
  pointer: string;
}

/** Thrown when a `$ref` points at nothing in the bundle. */
export class UnresolvedRefError extends KomekError {
  constructor(
    readonly ref: string,
    readonly from: SchemaLocation,
  ) {
    super('KOMEK_UNRESOLVED_REF', `Cannot resolve $ref "${ref}" at ${from.file}#${from.pointer}`);
    this.name = 'UnresolvedRefError';
  }
}

/** Resolves a `$ref` written at `from` against the bundle: relative file refs and local `#/…` pointers. */
export function resolveRef(
  bundle: SchemaBundle,
  ref: string,
  from: SchemaLocation,
): { schema: JsonSchema; at: SchemaLocation } {
  const hashAt = ref.indexOf('#');
  const path = hashAt < 0 ? ref : ref.slice(0, hashAt);
  const pointer = decodeURIComponent(hashAt < 0 ? '' : ref.slice(hashAt + 1));
  const file = path === '' ? from.file : resolveUri(from.file, path);
  const doc = bundle.schemas[file];
  const schema = doc === undefined ? undefined : getAtPointer(doc, pointer);
  if (schema === undefined || schema === null || typeof schema !== 'object') throw new UnresolvedRefError(ref, from);
  return { schema: schema as JsonSchema, at: { file, pointer } };
}

/** Resolves a relative URI reference against a base URI (RFC 3986 paths only: no query, no authority change). */
export function resolveUri(base: string, relative: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(relative)) return relative;
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(\/.*)?$/i.exec(base);
  const origin = m ? m[1]! : '';
  const basePath = m ? (m[2] ?? '/') : base;
  const dir = relative.startsWith('/') ? [] : basePath.split('/').slice(0, -1);
  for (const seg of relative.split('/')) {
    if (seg === '..') {
      if (dir.length > 1) dir.pop();
    } else if (seg !== '.' && seg !== '') dir.push(seg);
  }
  return origin + (dir[0] === '' ? '' : '/') + dir.join('/').replace(/^\/?/, '/').replace(/^\/\//, '/');
}
