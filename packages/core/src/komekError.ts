/**
 * The stable codes of Komek's errors, one per error class. Match errors by class (`instanceof`) or by `code` (which
 * survives bundling, minification and serialization), never by `name` or message.
 */
export type KomekErrorCode =
  | 'KOMEK_UNKNOWN_FORM'
  | 'KOMEK_NOT_A_FORM'
  | 'KOMEK_UNRESOLVED_REF'
  | 'KOMEK_REF_CYCLE'
  | 'KOMEK_UNSUPPORTED_CONDITION'
  | 'KOMEK_INVALID_ARGUMENT'
  | 'KOMEK_UNSUPPORTED_LANGUAGE'
  | 'KOMEK_INVALID_FORM_DATA'
  | 'KOMEK_NOT_A_PAPER_FORM'
  | 'KOMEK_PAPER_PACK'
  | 'KOMEK_FONT_LOAD'
  | 'KOMEK_DUPLICATE_FIELD'
  | 'KOMEK_MESSAGES_LOAD'
  | 'KOMEK_SCHEMA'
  | 'KOMEK_USAGE'
  | 'KOMEK_IMPORT_REFUSED'
  | 'KOMEK_FILE_FORMAT'
  | 'KOMEK_CANNOT_READ'
  | 'KOMEK_CANNOT_WRITE'
  | 'KOMEK_UNPRINTABLE'
  | 'KOMEK_BAD_IMAGE'
  | 'KOMEK_INVALID_MODEL';

/**
 * The base class of every error Komek throws on purpose: a stable `code`, a `name` naming the class (set
 * explicitly, so that it survives minification) and a message saying what is wrong and what would do.
 */
export class KomekError extends Error {
  constructor(
    /** What went wrong, as a stable code. */
    readonly code: KomekErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'KomekError';
  }
}

/** Whether a value is a Komek error, optionally of one code. */
export function isKomekError(e: unknown, code?: KomekErrorCode): e is KomekError {
  return e instanceof KomekError && (code === undefined || e.code === code);
}
