/** A DOM id for a data pointer, unique within the form's shadow root and valid as a CSS identifier. */
export function idOf(pointer: string): string {
  return 'k' + pointer.replace(/[^A-Za-z0-9_-]/g, (c) => (c === '/' ? '--' : `_${c.charCodeAt(0).toString(16)}_`));
}
