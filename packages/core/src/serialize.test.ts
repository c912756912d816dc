import { describe, expect, it } from 'vitest';
import { formIds, modelLoaders, schemaLoaders } from '@komek/forms';
import {
  buildFormModel,
  childrenOf,
  hydrateModel,
  InvalidModelError,
  isKomekError,
  serializeModel,
  walkNodes,
  type FormModel,
  type FormNode,
  type JsonSchema,
  type SerializedModel,
} from './index.js';

const ID = 'tj-f7-individual-work-plan';

/** What a node says about itself, whatever its kind: the parts `hydrateModel` must give back as built. */
function summary(node: FormNode): unknown {
  return {
    kind: node.kind,
    pointer: node.pointer,
    labelKey: node.labelKey,
    description: node.description?.key,
    required: node.required,
    number: node.number,
    condition: node.condition,
    widget: node.kind === 'field' || node.kind === 'checklist' ? node.widget : undefined,
    options: node.kind === 'field' ? node.options?.map((o) => [o.value, o.labelKey]) : undefined,
    item: node.kind === 'repeat' ? summary(node.item) : undefined,
    children: childrenOf(node).map(summary),
  };
}

describe('serializeModel and hydrateModel', () => {
  it('give back the tree as built, each node of its kind with its names', async () => {
    const built = buildFormModel(await schemaLoaders[ID]());
    const hydrated = hydrateModel(serializeModel(built));
    expect(summary(hydrated.root)).toEqual(summary(built.root));
    expect([...hydrated.byPointer.keys()]).toEqual([...built.byPointer.keys()]);
    const kinds = new Set([...walkNodes(hydrated.root)].map((n) => n.kind));
    expect([...kinds].sort()).toEqual(['field', 'form', 'group', 'planTable', 'repeat', 'signature']);
  });

  it('write the serialized keys of their own: label (the key), and no English text', async () => {
    const built = buildFormModel(await schemaLoaders[ID]());
    const text = JSON.stringify(serializeModel(built));
    const json = JSON.parse(text) as SerializedModel;
    expect(json.root.label).toBe(built.root.labelKey.key);
    expect(json.root).not.toHaveProperty('labelKey');
    expect(json.root).not.toHaveProperty('text');
    // The English labels, choices and descriptions are @komek/i18n's `en` messages, not the model's.
    const english = [...walkNodes(built.root)].flatMap((n) => [
      n.englishLabel,
      n.description?.english,
      ...(n.kind === 'field' ? (n.options ?? []).map((o) => o.englishLabel) : []),
    ]);
    const worded = english.filter((e): e is string => e !== undefined && e.includes(' '));
    expect(worded.length).toBeGreaterThan(20);
    for (const e of worded) expect(text).not.toContain(JSON.stringify(e).slice(1, -1));
    const hydrated = hydrateModel(json);
    for (const n of walkNodes(hydrated.root)) {
      expect(n.englishLabel).toBeUndefined();
      expect(n.description?.english).toBeUndefined();
      if (n.kind === 'field') for (const o of n.options ?? []) expect(o.englishLabel).toBeUndefined();
    }
    const leaf = json.root.children!.find((c) => c.kind === undefined)!;
    expect(leaf).not.toHaveProperty('children');
    expect(leaf).not.toHaveProperty('pointer');
  });

  it('refuse a repeat without its item, naming the node', async () => {
    const json = serializeModel(buildFormModel(await schemaLoaders[ID]()));
    const plan = json.root.children!.find((c) => c.kind === 'planTable')!;
    const category = plan.children!.find((c) => c.kind === 'repeat')!;
    delete category.item;
    expect(() => hydrateModel(json)).toThrow(InvalidModelError);
    try {
      hydrateModel(json);
    } catch (e) {
      expect(isKomekError(e, 'KOMEK_INVALID_MODEL')).toBe(true);
      expect((e as Error).message).toContain(`/${plan.name}/${category.name}`);
    }
  });
});

/** A node's schema less the sub-schemas the node tree holds and the labels the node holds. */
const SUBTREE = ['properties', 'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', '$defs', 'dependentSchemas'];
const LABELS = ['$comment', 'title', 'description', 'x-komek'];
function ownKeywords(schema: JsonSchema): JsonSchema {
  const out = Object.fromEntries(Object.entries(schema).filter(([k]) => !SUBTREE.includes(k) && !LABELS.includes(k)));
  if (schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items))
    out.items = ownKeywords(schema.items);
  return out;
}

/**
 * A model built from the schemas as a precompiled one holds it: no bundle, no source lines, marks without reasons, no
 * English texts (@komek/i18n's `en` messages hold them; the codegen's tests check that they hold every one).
 */
function asPrecompiled(model: FormModel): Omit<FormModel, 'bundle'> {
  const node = (n: FormNode): FormNode => {
    const { line: _, englishLabel: _english, ...out } = n;
    if (out.description) out.description = { key: out.description.key };
    if (out.kind === 'field' && out.options)
      out.options = out.options.map((o) => ({ value: o.value, labelKey: o.labelKey }));
    if (out.derived !== undefined) out.derived = 'derived';
    if (out.reading !== undefined) out.reading = 'reading';
    out.annotation = Object.fromEntries(
      Object.entries(n.annotation).filter(
        ([k]) => !['number', 'line', 'lines', 'derived', 'reading', 'enumTitles', 'form'].includes(k),
      ),
    );
    out.schema = ownKeywords(n.schema);
    if ('children' in out) out.children = childrenOf(n).map(node);
    if (out.kind === 'repeat') out.item = node(out.item);
    return out;
  };
  const { bundle: _, ...rest } = model;
  return { ...rest, root: node(model.root) as FormModel['root'] };
}

describe('the catalog models `pnpm gen` writes', () => {
  it.each(formIds)('%s: the hydrated model is the model built from the schemas', async (id) => {
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

  it('write what cannot be derived: a pointer or a label key out of its place, a namespace not listed', async () => {
    const built = buildFormModel(await schemaLoaders['kz-f1-initial-application']());
    const [first, second] = built.root.children;
    built.root.children[0] = { ...first!, pointer: '/elsewhere', labelKey: { ns: built.namespaces[0]!, key: 'a:b' } };
    built.root.children[1] = { ...second!, labelKey: { ns: 'ui', key: 'field.x' } };
    const serialized = serializeModel(built);
    expect(serialized.root.children?.[0]).toMatchObject({ pointer: '/elsewhere', label: '0:a:b' });
    expect(serialized.root.children?.[1]).toMatchObject({ label: 'ui:field.x' });
    const back = hydrateModel(serialized).root.children;
    expect(back[0]!.pointer).toBe('/elsewhere');
    expect(back[0]!.labelKey).toEqual({ ns: built.namespaces[0], key: 'a:b' });
    expect(back[1]!.labelKey).toEqual({ ns: 'ui', key: 'field.x' });
  });
});

describe('FormNode', () => {
  it('narrows by kind: a leaf has no children, a group no choices', async () => {
    const model = buildFormModel(await schemaLoaders[ID]());
    for (const node of walkNodes(model.root)) {
      switch (node.kind) {
        case 'field':
          // @ts-expect-error a field is a leaf: it has no children.
          expect(node.children).toBeUndefined();
          expect(typeof node.widget).toBe('string');
          break;
        case 'group':
          // @ts-expect-error a group has no choices.
          expect(node.options).toBeUndefined();
          expect(Array.isArray(node.children)).toBe(true);
          break;
        case 'repeat':
          // @ts-expect-error a repeat's rows are drawn from its item, not children.
          expect(node.children).toBeUndefined();
          expect(node.item.pointer).toBe('');
          break;
        default:
          break;
      }
    }
  });
});
