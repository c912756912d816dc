import type { Options } from 'ajv';

/** See `VALIDATOR_OPTIONS`: the largest form's validator is smallest with refs of up to 4 keywords inlined. */
export const INLINE_REFS_UP_TO = 4;

/**
 * ajv's options for the form validators `pnpm gen` writes, less standalone code output (`makeAjv` in generate.ts adds
 * it). Whatever compiles the same schemas at run time to compare with the generated validators (the fixture test,
 * the validation benchmark) takes its options from here, so that it compiles what the generator compiles.
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
