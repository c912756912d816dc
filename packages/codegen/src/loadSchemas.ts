import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { visit, printParseErrorCode, type ParseError, parse } from 'jsonc-parser';
import { escapePointerSegment, type JsonSchema } from '@komek/core';
import { SchemaError } from './SchemaError.js';

/** A schema file read from disk. */
export interface SchemaFile {
  /** Path relative to the repository root, e.g. `schemas/kz/kz-f1-initial-application.schema.json`. */
  path: string;
  /** `$id` of the schema. */
  id: string;
  json: JsonSchema;
  /** Line (1-based) of each JSON pointer that names a property in the file. */
  lines: Map<string, number>;
}

const escape = (s: string | number) => escapePointerSegment(String(s));

/** Every `*.schema.json` under a folder, sorted, so outputs are stable. */
export function findSchemaFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.schema.json')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Parses one schema file strictly: JSON syntax, no duplicate keys, a `$id`. */
export function parseSchemaFile(path: string, text: string): SchemaFile {
  const lines = new Map<string, number>();
  const keysStack: Set<string>[] = [];
  let duplicate: SchemaError | undefined;
  visit(text, {
    onObjectBegin: () => void keysStack.push(new Set()),
    onObjectEnd: () => void keysStack.pop(),
    onObjectProperty: (property, _offset, _length, startLine, _startCharacter, pathSupplier) => {
      const keys = keysStack[keysStack.length - 1]!;
      const pointer = [...pathSupplier(), property].map((s) => '/' + escape(s)).join('');
      if (keys.has(property) && !duplicate)
        duplicate = new SchemaError(path, pointer, `duplicate key "${property}"`, startLine + 1);
      keys.add(property);
      lines.set(pointer, startLine + 1);
    },
  });
  const errors: ParseError[] = [];
  const json = parse(text, errors, { allowTrailingComma: false, disallowComments: true }) as JsonSchema;
  if (errors.length > 0) {
    const e = errors[0]!;
    const line = text.slice(0, e.offset).split('\n').length;
    throw new SchemaError(path, '', `invalid JSON: ${printParseErrorCode(e.error)}`, line);
  }
  if (duplicate) throw duplicate;
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw new SchemaError(path, '', 'a schema file must hold an object');
  if (typeof json.$id !== 'string') throw new SchemaError(path, '/$id', 'missing $id');
  return { path, id: json.$id, json, lines };
}

/** Reads and parses every schema under `schemasDir`; paths are reported relative to `rootDir`. */
export function loadSchemas(rootDir: string, schemasDir: string): SchemaFile[] {
  return findSchemaFiles(schemasDir).map((p) => parseSchemaFile(relative(rootDir, p), readFileSync(p, 'utf8')));
}
