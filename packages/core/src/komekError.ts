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

/** Edit distance (insertions, deletions, substitutions) between two strings. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let k = 1; k <= b.length; k++)
      row[k] = Math.min(previous[k]! + 1, row[k - 1]! + 1, previous[k - 1]! + (a[i - 1] === b[k - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * Known ids close to a wrong one, compared without case and with `_` or spaces read as `-`: the nearest when a few
 * typed characters are wrong; otherwise those it is a part of, or that share its country and number (`kz-f1`).
 */
function closeIds(formId: string, known: readonly string[]): string[] {
  const wanted = formId
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  if (!wanted) return [];
  const scored = known.map((id) => ({ id, d: distance(wanted, id) }));
  const best = Math.min(...scored.map((s) => s.d));
  if (best <= Math.max(2, Math.floor(wanted.length / 5))) return scored.filter((s) => s.d === best).map((s) => s.id);
  return known.filter((id) => id.includes(wanted) || wanted.includes(id.split('-').slice(0, 2).join('-')));
}

/** A form id that is not in the catalog; the message names close matches. */
export class UnknownFormError extends KomekError {
  constructor(
    readonly formId: string,
    /** The ids that are known (the catalog's `formIds`), to suggest close ones. */
    known: readonly string[] = [],
  ) {
    const close = closeIds(formId, known);
    super(
      'KOMEK_UNKNOWN_FORM',
      `Unknown form "${formId}".${close.length ? ` Did you mean: ${close.join(', ')}?` : ''}` +
        (known.length
          ? ` ${known.length} forms are known: see the catalog of @komek/forms, or run "komek forms".`
          : ''),
    );
    this.name = 'UnknownFormError';
  }
}
