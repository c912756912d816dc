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
