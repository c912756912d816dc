import { UnknownFormError } from '@komek/core';

/** The error of a form id the catalog does not have: a chunk of its own, fetched only then (loading.ts). */
export { UnknownFormError };

/**
 * Why a catalog form's part beside `komek.js` was not fetched (`error`): a form the catalog does not have, said so
 * with the ids it has (read from `index`, `forms/index.json`), or the network (`error` again). A validator of a
 * form the catalog does not have is none (undefined).
 */
export async function notFetched(
  id: string,
  part: 'model' | 'validator',
  error: unknown,
  index: string,
): Promise<undefined> {
  const ids = await fetch(index)
    .then((r) => (r.ok ? (r.json() as Promise<string[]>) : undefined))
    .catch(() => undefined);
  if (!ids || ids.includes(id)) throw error;
  if (part === 'model') throw new UnknownFormError(id, ids);
  return undefined;
}
