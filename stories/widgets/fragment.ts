import type { SchemaBundle, ValidatorError } from '@komek/core';
import { schemaLoaders, validatorLoaders, type FormId } from '@komek/forms';
import type { Validator } from '@komek/elements';

/** A catalog form cut down to some of its top-level questions, and a validator that only judges those. */
export interface FormFragment {
  schema: SchemaBundle;
  validator: Validator;
}

/** Whether a validator error is about one of the kept properties. */
function concerns(e: ValidatorError, kept: readonly string[]): boolean {
  if (e.instancePath === '') {
    const name = e.params.missingProperty ?? e.params.additionalProperty;
    return typeof name === 'string' && kept.includes(name);
  }
  return kept.some((p) => e.instancePath === `/${p}` || e.instancePath.startsWith(`/${p}/`));
}

/**
 * A real form with only the given top-level properties: labels, options and messages stay the form's own, so the
 * widget shows in every language as it does in the form. Root conditions (`allOf`) are left out: pick properties
 * that do not depend on others.
 */
export async function formFragment(id: FormId, kept: readonly string[]): Promise<FormFragment> {
  const [bundle, full] = await Promise.all([schemaLoaders[id](), validatorLoaders[id]()]);
  const root = bundle.schemas[bundle.root]!;
  for (const p of kept) if (!root.properties?.[p]) throw new Error(`${id} has no top-level property "${p}"`);
  const { allOf: _conditions, ...rest } = root;
  const fragmentRoot = {
    ...rest,
    properties: Object.fromEntries(kept.map((p) => [p, root.properties![p]!])),
    required: (root.required ?? []).filter((r) => kept.includes(r)),
  };
  const validator: Validator = (data) => {
    full(data);
    const errors = (full.errors ?? []).filter((e) => concerns(e, kept));
    validator.errors = errors.length > 0 ? errors : null;
    return errors.length === 0;
  };
  return { schema: { root: bundle.root, schemas: { ...bundle.schemas, [bundle.root]: fragmentRoot } }, validator };
}
