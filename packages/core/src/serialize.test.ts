import { describe, expect, it } from 'vitest';
import { formIds, modelLoaders, schemaLoaders } from '@komek/forms';
import { buildFormModel } from './buildFormModel.js';
import { hydrateModel, serializeModel, type FormModel, type FormNode, type JsonSchema } from './index.js';

/** A node's schema less the sub-schemas the node tree holds and the labels the node holds. */
const SUBTREE = ['properties', 'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', '$defs', 'dependentSchemas'];
const LABELS = ['$comment', 'title', 'description', 'x-komek'];
function ownKeywords(schema: JsonSchema): JsonSchema {
  const out = Object.fromEntries(Object.entries(schema).filter(([k]) => !SUBTREE.includes(k) && !LABELS.includes(k)));
  if (schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items))
    out.items = ownKeywords(schema.items);
  return out;
}

/** A model built from the schemas as a precompiled one holds it: no bundle, no source lines, marks without reasons. */
function asPrecompiled(model: FormModel): Omit<FormModel, 'bundle'> {
  const node = (n: FormNode): FormNode => {
    const { line: _, ...out } = n;
    if (out.derived !== undefined) out.derived = 'derived';
    if (out.reading !== undefined) out.reading = 'reading';
    out.annotation = Object.fromEntries(
      Object.entries(n.annotation).filter(
        ([k]) => !['number', 'line', 'lines', 'derived', 'reading', 'enumTitles', 'form'].includes(k),
      ),
    );
    out.schema = ownKeywords(n.schema);
    out.children = n.children.map(node);
    if (n.item) out.item = node(n.item);
    return out;
  };
  const { bundle: _, ...rest } = model;
  return { ...rest, root: node(model.root) };
}

describe('serializeModel / hydrateModel', () => {
  it.each(formIds)('%s: the precompiled model is the model built from the schemas', async (id) => {
    const built = buildFormModel(await schemaLoaders[id]());
    const hydrated = hydrateModel(await modelLoaders[id]());
    const want = asPrecompiled(built);
    // Node by node first, for a readable failure; then the whole model with every node by pointer.
    expect(hydrated.root).toEqual(want.root);
    // `pnpm gen` adds the English titles of the forms that gate this one.
    const gate = built.meta.gatedBy;
    expect(Object.keys(hydrated.related ?? {}).sort()).toEqual(gate ? [...gate.consents, ...gate.refusals].sort() : []);
    const related = hydrated.related ? { related: hydrated.related } : {};
    expect(hydrated).toEqual({ ...want, ...related, root: hydrated.root, byPointer: hydrated.byPointer });
    expect([...hydrated.byPointer.keys()]).toEqual([...built.byPointer.keys()]);
    for (const [pointer, node] of hydrated.byPointer) expect(node.pointer).toBe(pointer);
  });

  it('writes what it cannot derive: a pointer or a label key out of its place', async () => {
    const built = buildFormModel(await schemaLoaders['kz-f1-initial-application']());
    const child = built.root.children[0]!;
    built.root.children[0] = { ...child, pointer: '/elsewhere', label: { ns: built.namespaces[0]!, key: 'odd.key' } };
    const serialized = serializeModel(built);
    expect(serialized.root.children?.[0]).toMatchObject({ pointer: '/elsewhere', label: 'odd.key' });
    const back = hydrateModel(serialized).root.children[0]!;
    expect(back.pointer).toBe('/elsewhere');
    expect(back.label).toEqual({ ns: built.namespaces[0], key: 'odd.key' });
  });

  it('refuses a label in a namespace the model does not list', async () => {
    const built = buildFormModel(await schemaLoaders['kz-f1-initial-application']());
    built.root.children[0] = { ...built.root.children[0]!, label: { ns: 'nowhere', key: 'x.title' } };
    expect(() => serializeModel(built)).toThrow(/"nowhere"/);
  });
});
