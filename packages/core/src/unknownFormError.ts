import { KomekError } from './komekError.js';

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
