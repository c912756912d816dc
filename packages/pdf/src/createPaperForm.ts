import type { SchemaBundle } from '@komek/core';
import { InvalidArgumentError } from './errors.js';
import { PaperForm, type PaperFormOptions, type PaperMode } from './PaperForm.js';

/** Options of `createPaperForm`. */
export interface CreatePaperFormOptions extends PaperFormOptions {
  /** The case data; required for `filled` and `final`. */
  data?: unknown;
  /** Defaults to `filled` with data, `blank` without. */
  mode?: PaperMode;
  /** Print invalid data, saying so on page 1, instead of throwing `InvalidFormDataError`. */
  allowInvalid?: boolean;
}

/**
 * The paper equivalent of a form, as PDF bytes: a blank fillable form, a filled one that stays fillable, or a final
 * (flattened) one, with labels in one or two languages.
 *
 * ```ts
 * const pdf = await createPaperForm('kg-3.1-f3-identification-questionnaire', { languages: ['ky', 'ru'], data, mode: 'final' });
 * ```
 */
export async function createPaperForm(
  form: string | SchemaBundle,
  options: CreatePaperFormOptions,
): Promise<Uint8Array> {
  if (options === null || typeof options !== 'object')
    throw new InvalidArgumentError('options', 'an object with `languages`', options);
  const paper = await PaperForm.create(form, options);
  if (options.mode === 'blank' && options.data !== undefined) {
    throw new InvalidArgumentError(
      'mode',
      '"filled" or "final" when data is given (or leave the data out for a blank form)',
      options.mode,
    );
  }
  if (options.data !== undefined) paper.fill(options.data, { allowInvalid: options.allowInvalid === true });
  return paper.save(options.mode === undefined ? {} : { mode: options.mode });
}
