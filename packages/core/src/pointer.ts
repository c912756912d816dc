/**
 * JSON pointers (RFC 6901): the one place they are escaped, split, joined and followed. Data pointers address
 * answers (`/passport/number`); schema pointers address places in a schema file.
 */

/** Unescapes one JSON pointer segment: `~1` → `/`, `~0` → `~`. */
export function unescapePointerSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Escapes one JSON pointer segment: `~` → `~0`, `/` → `~1`. */
export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The unescaped segments of a pointer: `/a~1b/0` → `['a/b', '0']`; `''` → `[]`. */
export function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.split('/').slice(1).map(unescapePointerSegment);
}

/** Joins segments into a pointer, escaping each: `pointerOf('a/b', 0)` → `/a~1b/0`. */
export function pointerOf(...segments: (string | number)[]): string {
  return segments.map((s) => '/' + escapePointerSegment(String(s))).join('');
}

/** The pointer of the parent: `/a/b` → `/a`, `/a` → `''`. */
export function parentPointer(pointer: string): string {
  return pointer.replace(/\/[^/]*$/, '');
}

/** Reads the value at a JSON pointer, or undefined. */
export function getAtPointer(value: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return value;
  let current: unknown = value;
  for (const segment of segmentsAt(pointer)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Pointers read so far, split and unescaped: a form reads the same few hundred pointers on every render. */
const segmentsRead = new Map<string, readonly string[]>();

function segmentsAt(pointer: string): readonly string[] {
  let segments = segmentsRead.get(pointer);
  if (!segments) {
    segments = pointer.replace(/^\//, '').split('/').map(unescapePointerSegment);
    // Bounded: pointers into repeat rows are as many as the rows a person adds.
    if (segmentsRead.size >= 5000) segmentsRead.clear();
    segmentsRead.set(pointer, segments);
  }
  return segments;
}
