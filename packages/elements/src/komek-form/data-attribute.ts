import type { ComplexAttributeConverter } from 'lit';

/**
 * The `data` attribute of `<komek-form>`: JSON answers (`data='{"fullName":"Aigerim"}'`), for plain HTML and
 * server-rendered pages. Anything else is refused with a console error that names the fix, never read as an empty
 * form: a framework that renders before `komek.js` has defined the element (Vue's `:data`, Preact's `data=`) finds
 * no `data` property yet and writes the object as the attribute `"[object Object]"`.
 *
 * The answers themselves are better given as the `data` property; set before the element is defined, the property
 * is taken over when it upgrades (Lit keeps such pending instance properties for every declared property).
 */
export const dataAttribute: ComplexAttributeConverter<Record<string, unknown> | undefined> = {
  fromAttribute(value: string | null): Record<string, unknown> | undefined {
    if (value === null || value.trim() === '') return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = undefined;
    }
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
    // The long explanation is a chunk of its own: only a page that gets this wrong fetches it.
    void import('./data-refusal.js').then((m) => console.error(m.refusal(value)));
    return undefined;
  },
};
