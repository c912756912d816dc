import type { MessageKey } from './messageKey.js';
import { pointerSegments } from './pointer.js';

/*
 * Message keys from where strings are written in schema files: what building a model (and the code generator)
 * needs, apart from messageKey.ts, which renderers use to read the keys.
 */

/** The namespace of a schema file: its file name without `.schema.json`. */
export function namespaceOf(file: string): string {
  const name =
    file
      .replace(/[#?].*$/, '')
      .split('/')
      .pop() ?? file;
  return name.replace(/\.schema\.json$/, '');
}

/**
 * The message key of a string written at a JSON pointer inside a schema file: the pointer with its
 * `properties` segments dropped and `/` turned into `.`. `/properties/a/properties/b/title` → `a.b.title`.
 */
export function messageKeyAt(file: string, pointer: string): MessageKey {
  const segments = pointerSegments(pointer.startsWith('/') ? pointer : `/${pointer}`).filter((s) => s !== '');
  const kept: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s === 'properties' && i + 1 < segments.length) continue;
    if (s === 'x-komek' && segments[i + 1] === 'enumTitles') {
      kept.push('enum');
      i++;
      continue;
    }
    kept.push(s);
  }
  return { ns: namespaceOf(file), key: kept.join('.') };
}
