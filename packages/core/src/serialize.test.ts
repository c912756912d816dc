import { describe, expect, it } from 'vitest';
import { schemaLoaders } from '@komek/forms';
import {
  buildFormModel,
  childrenOf,
  hydrateModel,
  InvalidModelError,
  isKomekError,
  serializeModel,
  walkNodes,
  type FormNode,
  type SerializedModel,
} from './index.js';

const ID = 'tj-f7-individual-work-plan';

/** What a node says about itself, whatever its kind: the parts `hydrateModel` must give back as built. */
function summary(node: FormNode): unknown {
  return {
    kind: node.kind,
    pointer: node.pointer,
    labelKey: node.labelKey,
    englishLabel: node.englishLabel,
    description: node.description,
    required: node.required,
    number: node.number,
    condition: node.condition,
    widget: node.kind === 'field' || node.kind === 'checklist' ? node.widget : undefined,
    options: node.kind === 'field' ? node.options : undefined,
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

  it('write the serialized keys of their own: label (the key) and text (the English label)', async () => {
    const built = buildFormModel(await schemaLoaders[ID]());
    const json = JSON.parse(JSON.stringify(serializeModel(built))) as SerializedModel;
    expect(json.root.label).toEqual(built.root.labelKey);
    expect(json.root.text).toBe(built.root.englishLabel);
    expect(json.root).not.toHaveProperty('labelKey');
    const leaf = json.root.children.find((c) => c.kind === 'field')!;
    expect(leaf.children).toEqual([]);
  });

  it('refuse a repeat without its item, naming the node', async () => {
    const json = serializeModel(buildFormModel(await schemaLoaders[ID]()));
    const plan = json.root.children.find((c) => c.kind === 'planTable')!;
    const category = plan.children.find((c) => c.kind === 'repeat')!;
    delete category.item;
    expect(() => hydrateModel(json)).toThrow(InvalidModelError);
    try {
      hydrateModel(json);
    } catch (e) {
      expect(isKomekError(e, 'KOMEK_INVALID_MODEL')).toBe(true);
      expect((e as Error).message).toContain(category.pointer);
    }
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
