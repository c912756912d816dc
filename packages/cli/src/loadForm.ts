import { buildFormModel, UnknownFormError, type FormModel, type Validator } from '@komek/core';
import { catalog, formIds, schemaLoaders, validatorLoaders, type FormId } from '@komek/forms';

/** Whether a string is a form id of the catalog. */
export function isFormId(id: string): id is FormId {
  return (formIds as readonly string[]).includes(id);
}

/** Loads a form's model and validator by id; an id not in the catalog throws `UnknownFormError`. */
export async function loadForm(id: string): Promise<{ model: FormModel; validate: Validator }> {
  if (!isFormId(id)) throw new UnknownFormError(id, formIds);
  const [bundle, validate] = await Promise.all([schemaLoaders[id](), validatorLoaders[id]()]);
  return { model: buildFormModel(bundle), validate };
}

export { catalog };
