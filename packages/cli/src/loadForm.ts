import { buildFormModel, type FormModel } from '@komek/core';
import { catalog, formIds, schemaLoaders, validatorLoaders, type FormId } from '@komek/forms';
import type { FormValidator } from '@komek/forms';

/** Thrown for a form id that is not in the catalog; names the close matches. */
export class UnknownFormError extends Error {
  constructor(readonly formId: string) {
    const close = formIds.filter((id) => id.includes(formId) || formId.includes(id.split('-').slice(0, 2).join('-')));
    super(`Unknown form "${formId}".${close.length ? ` Did you mean: ${close.join(', ')}?` : ''} Run "komek forms" for the list.`);
    this.name = 'UnknownFormError';
  }
}

/** Whether a string is a form id of the catalog. */
export function isFormId(id: string): id is FormId {
  return (formIds as readonly string[]).includes(id);
}

/** Loads a form's model and validator by id. */
export async function loadForm(id: string): Promise<{ model: FormModel; validate: FormValidator<unknown> }> {
  if (!isFormId(id)) throw new UnknownFormError(id);
  const [bundle, validate] = await Promise.all([schemaLoaders[id](), validatorLoaders[id]()]);
  return { model: buildFormModel(bundle), validate };
}

export { catalog };
