import { KomekError } from '@komek/core';

export { UnknownFormError } from '@komek/core';
export { UnsupportedLanguageError } from '@komek/i18n';

/** An argument of the paper-form API has the wrong type or value; the message says what is expected. */
export class InvalidArgumentError extends KomekError {
  constructor(
    readonly argument: string,
    expected: string,
    received: unknown,
  ) {
    super('KOMEK_INVALID_ARGUMENT', `${argument} must be ${expected}; received ${describe(received)}`);
    this.name = 'InvalidArgumentError';
  }
}

/** One validator issue in plain terms: where in the data, and what is wrong. */
export interface DataIssue {
  pointer: string;
  keyword: string;
  message: string;
}

/** Data that fails the form's validator; `issues` lists every problem. Pass `allowInvalid: true` to print anyway. */
export class InvalidFormDataError extends KomekError {
  constructor(
    readonly formId: string,
    readonly issues: DataIssue[],
  ) {
    const list = issues.slice(0, 20).map((i) => `  ${i.pointer || '/'}: ${i.message}`);
    if (issues.length > 20) list.push(`  … and ${issues.length - 20} more`);
    super(
      'KOMEK_INVALID_FORM_DATA',
      `The data is not valid for form ${formId} (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${list.join('\n')}\n` +
        'Correct the data, or pass { allowInvalid: true } to print a PDF that says on its first page that the data is not valid.',
    );
    this.name = 'InvalidFormDataError';
  }
}

/** A PDF that was not made by Komek, or whose form can no longer be read. */
export class NotAPaperFormError extends KomekError {
  constructor(
    readonly reason: string,
    code: 'KOMEK_NOT_A_PAPER_FORM' | 'KOMEK_PAPER_PACK' = 'KOMEK_NOT_A_PAPER_FORM',
  ) {
    super(code, `Not a readable Komek paper form: ${reason}`);
    this.name = 'NotAPaperFormError';
  }
}

/**
 * `readPaperForm` was given a pack of several forms (made by `createPaperPack` or `mergePaperForms`), which it cannot
 * read as one form: `readPaperPack` reads each of them. `formIds` lists the pack's forms in order.
 */
export class PaperPackError extends NotAPaperFormError {
  constructor(readonly formIds: readonly string[]) {
    super(
      `it is a pack of ${formIds.length} form${formIds.length === 1 ? '' : 's'} (${formIds.join(', ')}); read it with readPaperPack(), which returns the content of each form in order`,
      'KOMEK_PAPER_PACK',
    );
    this.name = 'PaperPackError';
  }
}

/** Font bytes could not be loaded or parsed. */
export class FontLoadError extends KomekError {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(
      'KOMEK_FONT_LOAD',
      `Cannot load the fonts of the paper forms: ${reason}. Pass the bytes of DejaVu Sans and DejaVu Sans Bold with { fonts: { regular, bold } } or set a loader with setFontLoader().`,
      options,
    );
    this.name = 'FontLoadError';
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? v.slice(0, 57) + '…' : v);
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return `${typeof v} ${String(v)}`;
  return typeof v;
}

/** A drawn signature that passed the structural checks but that the PNG decoder could not read. */
export class ImageError extends KomekError {
  constructor(
    readonly pointer: string,
    reason: string,
  ) {
    super(
      'KOMEK_BAD_IMAGE',
      `The drawn signature at ${pointer} cannot be printed: the PNG image cannot be decoded (${reason}).`,
    );
    this.name = 'ImageError';
  }
}
