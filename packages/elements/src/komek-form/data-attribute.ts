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
    console.error(refusal(value));
    return undefined;
  },
};

/** The console error for a `data` attribute that is not a JSON object. Shows the start of the value, not the data. */
export function refusal(value: string): string {
  const shown = value.startsWith('[object ') ? `"${value}"` : 'a value that is not a JSON object';
  return (
    `<komek-form>: the data attribute holds ${shown}, so the form starts empty. The answers were most likely set as ` +
    `an attribute because the page rendered <komek-form> before komek.js defined it. Set the data property instead: ` +
    `Vue :data.prop="answers" (or .data), Lit .data=\${answers}, Preact or React el.data = answers in a ref, plain ` +
    `JavaScript element.data = answers — or load komek.js before the app renders. The attribute itself takes JSON text.`
  );
}
