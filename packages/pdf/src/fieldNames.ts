/**
 * AcroForm field names are the JSON pointers of the data they hold. A PDF splits field names at dots (`a.b` is
 * field `b` inside `a`), so a dot in a pointer is written `%2E` (and `%` itself `%25`).
 */
export function fieldNameOf(pointer: string): string {
  return pointer.replace(/%/g, '%25').replace(/\./g, '%2E');
}

/** The data pointer a field name stands for. */
export function pointerOfFieldName(name: string): string {
  return name.replace(/%2E/gi, '.').replace(/%25/g, '%');
}

/** The field of one option of a multiple choice: `<pointer>=<value>`. */
export function optionFieldName(pointer: string, value: string): string {
  return `${fieldNameOf(pointer)}=${value.replace(/%/g, '%25').replace(/\./g, '%2E').replace(/=/g, '%3D')}`;
}

/** The field holding part `n` (1, 2, …) of a text continued on a continuation sheet. */
export function continuationFieldName(pointer: string, part: number): string {
  return `${fieldNameOf(pointer)}~c${part}`;
}
