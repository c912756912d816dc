const ids = new Map<string, string>();

/** A DOM id for a data pointer, unique within the form's shadow root and valid as a CSS identifier. */
export function idOf(pointer: string): string {
  let id = ids.get(pointer);
  if (id === undefined) {
    // Pointers are a form's own (and its rows'): the cache stays small, but is bounded all the same.
    if (ids.size >= 20_000) ids.clear();
    id = 'k' + pointer.replace(/[^A-Za-z0-9_-]/g, (c) => (c === '/' ? '--' : `_${c.charCodeAt(0).toString(16)}_`));
    ids.set(pointer, id);
  }
  return id;
}
