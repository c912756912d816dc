import Ajv2020Module from 'ajv/dist/2020.js';
import { _, str, type KeywordDefinition, type Name, type Options, type ValidateFunction } from 'ajv';
import type { SchemaBundle } from '@komek/core';
// The same date check the generated validators import at run time.
import { formats as runtimeFormats } from '../../forms/src/runtime.js';

const Ajv2020 = (Ajv2020Module as unknown as { default: typeof Ajv2020Module }).default ?? Ajv2020Module;

/** See `VALIDATOR_OPTIONS`: the largest form's validator is smallest with refs of up to 4 keywords inlined. */
export const INLINE_REFS_UP_TO = 4;

/**
 * ajv's options for the form validators `pnpm gen` writes, less standalone code output (`makeAjv` in generate.ts adds
 * it). Whatever compiles the same schemas at run time to compare with the generated validators (the fixture test,
 * the validation benchmark) uses `compileAtRunTime`, so that it compiles what the generator compiles: these options,
 * the same date format and the `dateOrder` keyword.
 */
export const VALIDATOR_OPTIONS = {
  allErrors: true,
  strict: true,
  strictTypes: false,
  strictRequired: false,
  // Komek words every message itself from the keyword and params (@komek/i18n, core's FormSession): ajv's
  // English sentences would only add weight to every validator.
  messages: false,
  // A shared definition of more than a few keywords (a signature, a person) is compiled once as a function of
  // its own rather than copied into every place that refers to it; small ones (a text, a date) stay inline.
  inlineRefs: INLINE_REFS_UP_TO,
} as const satisfies Options;

/**
 * A copy of a schema without the annotations a validator does not need (labels, comments, x-komek). The one
 * annotation a validator checks, `x-komek.dateOrder`, becomes the `dateOrder` keyword (see DATE_ORDER).
 */
export function validationOnly(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(validationOnly);
  const out: Record<string, unknown> = {};
  for (const [k, sub] of Object.entries(v)) {
    if (k === 'x-komek' && (sub as { dateOrder?: unknown }).dateOrder !== undefined)
      out.dateOrder = (sub as { dateOrder: unknown }).dateOrder;
    if (k === 'title' || k === 'description' || k === '$comment' || k === 'x-komek' || k === 'examples') continue;
    out[k] =
      k === 'properties' || k === '$defs'
        ? Object.fromEntries(Object.entries(sub as object).map(([n, s]) => [n, validationOnly(s)]))
        : validationOnly(sub);
  }
  return out;
}

/**
 * `x-komek.dateOrder: [["/issueDate", "/expiryDate"], …]` on an object: each pair's second date (a pointer from the
 * object) may not be earlier than its first. Checked only when both are ISO dates (`format: date` reports the
 * rest). The error is the object's, with `params: { earlier, later }`; core's mapErrors puts it on the later field.
 */
const DATE_ORDER: KeywordDefinition = {
  keyword: 'dateOrder',
  type: 'object',
  schemaType: 'array',
  error: {
    message: ({ params }) => str`must not be earlier than ${params.earlier}`,
    params: ({ params }) => _`{earlier: ${params.earlier}, later: ${params.later}}`,
  },
  code(cxt) {
    const { gen, data } = cxt;
    const at = (pointer: string) => {
      const v = gen.let('v', data);
      for (const seg of pointer.split('/').slice(1))
        gen.assign(v, _`${v} && typeof ${v} == "object" ? ${v}[${seg}] : undefined`);
      return v;
    };
    for (const [earlier, later] of cxt.schema as [string, string][]) {
      const a = at(earlier);
      const b = at(later);
      const iso = (x: Name) => _`typeof ${x} == "string" && ${x}.length == 10 && ${x}[4] == "-" && ${x}[7] == "-"`;
      gen.if(_`${iso(a)} && ${iso(b)} && ${b} < ${a}`, () => {
        cxt.setParams({ earlier: str`${earlier}`, later: str`${later}` });
        cxt.error(true);
      });
    }
  },
};

/**
 * An ajv with the generator's options (and `extra`, e.g. standalone code output), the runtime's date format, `x-komek`
 * as an annotation and the `dateOrder` keyword: the one setup `pnpm gen` compiles with and `compileAtRunTime` repeats.
 */
export function validatorAjv(extra: Options = {}): InstanceType<typeof Ajv2020> {
  const ajv = new Ajv2020({ ...extra, ...VALIDATOR_OPTIONS });
  ajv.addFormat('date', runtimeFormats.date);
  ajv.addKeyword({ keyword: 'x-komek', schemaType: 'object' });
  ajv.addKeyword(DATE_ORDER);
  return ajv;
}

/**
 * A form's schema bundle compiled by ajv at run time exactly as `pnpm gen` compiles it (options, date format, the
 * `dateOrder` keyword from `x-komek.dateOrder`), without standalone code: the reference the generated validators are
 * compared with, error for error.
 */
export function compileAtRunTime(bundle: SchemaBundle): ValidateFunction {
  const ajv = validatorAjv();
  for (const [id, schema] of Object.entries(bundle.schemas)) ajv.addSchema(validationOnly(schema) as object, id);
  const validate = ajv.getSchema(bundle.root);
  if (!validate) throw new Error(`the bundle has no schema ${bundle.root}`);
  return validate;
}
