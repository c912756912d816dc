import { KomekError } from './komekError.js';
import type { MessageKey } from './messageKey.js';
import {
  childrenOf,
  type ContainerNode,
  type FieldNode,
  type FormModel,
  type FormNode,
  type NodeBase,
  type SerializedModel,
  type SerializedNode,
} from './model.js';
import { escapePointerSegment } from './pointer.js';
import type { JsonSchema } from './schema.js';

/** Keywords a node's schema drops when serialized: sub-schemas the node tree holds, labels the node holds. */
const SUBTREE_KEYWORDS = new Set([
  'properties',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  '$defs',
  'dependentSchemas',
  '$comment',
  'title',
  'description',
  'x-komek',
]);

function slimSchema(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (SUBTREE_KEYWORDS.has(k)) continue;
    (out as Record<string, unknown>)[k] =
      k === 'items' && v !== null && typeof v === 'object' && !Array.isArray(v) ? slimSchema(v as JsonSchema) : v;
  }
  return out;
}

/** Annotations a node already holds as its own fields (number, line, derived, reading, options, the form's meta). */
const NODE_ANNOTATIONS = new Set(['number', 'line', 'lines', 'derived', 'reading', 'enumTitles', 'form']);

/** The label key a child has when its label is written in its parent's place: `<parent>.<name>.title`. */
function childKey(parent: MessageKey, name: string): MessageKey {
  return { ns: parent.ns, key: `${parent.key === 'title' ? '' : parent.key.replace(/\.title$/, '.')}${name}.title` };
}

/** The label key of a choice written in its field's place: `<field>.enum.<value>`. */
function optionKey(field: MessageKey, value: string): MessageKey {
  return { ns: field.ns, key: `${field.key.replace(/\.title$/, '')}.enum.${value}` };
}

const sameKey = (a: MessageKey, b: MessageKey) => a.ns === b.ns && a.key === b.key;

/*
 * The mapping between the in-memory node (`FormNode`, a union by kind with names that say what they hold) and the
 * serialized node (`SerializedNode`, one compact shape with its own keys): `toSerialized` writes, `fromSerialized`
 * reads. These two functions are the only place that knows the serialized keys; the key order below is the order
 * the generated models are written in.
 */

/** A message key as written: `key` in the form's own namespace, `<index>:key` in another of the model's, else `ns:key`. */
function keyWriter(namespaces: readonly string[]): (k: MessageKey) => string {
  return (k) => {
    const i = namespaces.indexOf(k.ns);
    if (i === 0 && !k.key.includes(':')) return k.key;
    if (i < 0 && (/^\d*$/.test(k.ns) || k.ns.includes(':')))
      throw new InvalidModelError('', `a message namespace that cannot be written ("${k.ns}")`);
    return `${i < 0 ? k.ns : i}:${k.key}`;
  };
}

function keyReader(namespaces: readonly string[]): (text: string) => MessageKey {
  return (text) => {
    const colon = text.indexOf(':');
    if (colon < 0) return { ns: namespaces[0]!, key: text };
    const ns = text.slice(0, colon);
    return { ns: /^\d+$/.test(ns) ? namespaces[+ns]! : ns, key: text.slice(colon + 1) };
  };
}

/** The serialized node of a node, its schema and annotations slimmed (see `slimSchema`), what is derivable left out. */
function toSerialized(
  node: FormNode,
  parent: FormNode | undefined,
  pointer: string,
  key: (k: MessageKey) => string,
): SerializedNode {
  const out: SerializedNode = { name: node.name, schema: slimSchema(node.schema) };
  if (node.kind !== 'field') out.kind = node.kind;
  if (node.pointer !== pointer) out.pointer = node.pointer;
  if (!parent || !sameKey(node.labelKey, childKey(parent.labelKey, node.name))) out.label = key(node.labelKey);
  if (node.required) out.required = 1;
  const annotation = Object.entries(node.annotation).filter(([k]) => !NODE_ANNOTATIONS.has(k));
  if (annotation.length > 0) out.annotation = Object.fromEntries(annotation);
  const children = childrenOf(node);
  if (children.length > 0)
    out.children = children.map((c) => toSerialized(c, node, `${node.pointer}/${escapePointerSegment(c.name)}`, key));
  if (node.description) out.description = key(node.description.key);
  if (node.number !== undefined) out.number = node.number;
  if (node.derived !== undefined) out.derived = 1;
  if (node.reading !== undefined) out.reading = 1;
  if (node.condition) out.condition = node.condition;
  if (node.kind === 'field' && node.options) {
    out.options = node.options.map((o) =>
      sameKey(o.labelKey, optionKey(node.labelKey, o.value)) ? o.value : [o.value, key(o.labelKey)],
    );
  }
  if (node.kind === 'repeat') out.item = toSerialized(node.item, undefined, '', key);
  if (node.kind === 'field' || node.kind === 'checklist') out.widget = node.widget;
  return out;
}

/** A model's node from its serialized node; throws `InvalidModelError` where the kind lacks what it needs. */
function fromSerialized(
  n: SerializedNode,
  parent: FormNode | undefined,
  pointer: string,
  key: (text: string) => MessageKey,
): FormNode {
  const base: NodeBase = {
    name: n.name,
    pointer: n.pointer ?? pointer,
    labelKey: n.label !== undefined ? key(n.label) : childKey(parent!.labelKey, n.name),
    required: n.required === 1,
    schema: n.schema,
    annotation: n.annotation ?? {},
  };
  if (n.description !== undefined) base.description = { key: key(n.description) };
  if (n.number !== undefined) base.number = n.number;
  if (n.derived) base.derived = 'derived';
  if (n.reading) base.reading = 'reading';
  if (n.condition) base.condition = n.condition;
  const kind = n.kind ?? 'field';
  const children = (node: FormNode) =>
    (n.children ?? []).map((c) => fromSerialized(c, node, `${node.pointer}/${escapePointerSegment(c.name)}`, key));
  switch (kind) {
    case 'field': {
      const field: FieldNode = { ...base, kind: 'field', widget: n.widget ?? 'unknown' };
      if (n.options)
        field.options = n.options.map((o) => {
          const [value, label] = typeof o === 'string' ? [o] : o;
          return { value, labelKey: label !== undefined ? key(label) : optionKey(base.labelKey, value) };
        });
      return field;
    }
    case 'checklist':
      return { ...base, kind: 'checklist', widget: n.widget ?? 'checklist' };
    case 'static':
      return { ...base, kind: 'static' };
    case 'repeat':
      if (!n.item) throw new InvalidModelError(base.pointer, 'a repeat without its item');
      return { ...base, kind: 'repeat', item: fromSerialized(n.item, undefined, '', key) };
    case 'form':
    case 'group':
    case 'indicators':
    case 'signature':
    case 'needsTable':
    case 'needRow':
    case 'planTable': {
      const node: ContainerNode = { ...base, kind, children: [] };
      node.children = children(node);
      return node;
    }
  }
}

/** Thrown when a serialized model is not one `serializeModel` writes (a hand-edited or foreign file). */
export class InvalidModelError extends KomekError {
  constructor(
    readonly pointer: string,
    readonly problem: string,
  ) {
    super('KOMEK_INVALID_MODEL', `Serialized form model: the node at "${pointer}" is ${problem}`);
    this.name = 'InvalidModelError';
  }
}

/**
 * The model as compact JSON, for `pnpm gen` to write beside the validators so that a renderer need not build it at
 * run time (`hydrateModel` reads it back). What can be derived is left out: a node's pointer (its parent's and its
 * name), `kind: 'field'`, `required: false`, empty annotations and children, a label key written in its parent's
 * place, a choice's key written in its field's place and its English label when it is its value; a namespace is
 * its index in `namespaces` (`"2:$defs.signature.date.title"`; the form's own, the first, is not written). Left out
 * as well, as no renderer, paper form or server reads them: each node's source line and the reason behind a
 * `derived` or `reading` node (`hydrateModel` gives `'derived'` and `'reading'`), and every English text (labels,
 * choices, descriptions: `englishLabel`, `english`), which @komek/i18n's `en` messages hold, generated from the same
 * schemas, so that a page in another language does not fetch them; a model built from the schemas (`buildFormModel`)
 * has them. Node schemas keep their own keywords (type, format, enum, lengths, limits), not
 * sub-schemas.
 */
export function serializeModel(model: FormModel): SerializedModel {
  return {
    meta: model.meta,
    namespaces: model.namespaces,
    ...(model.related ? { related: model.related } : {}),
    root: toSerialized(model.root, undefined, '', keyWriter(model.namespaces)),
  };
}

/** A model from its serialized form (see `serializeModel`): the same tree, with `byPointer` rebuilt. */
export function hydrateModel(serialized: SerializedModel): FormModel {
  const root = fromSerialized(serialized.root, undefined, '', keyReader(serialized.namespaces));
  if (root.kind !== 'form') throw new InvalidModelError(root.pointer, `a ${root.kind}, not the form`);
  const byPointer = new Map<string, FormNode>();
  // Registered as buildFormModel does: children before their parent, repeat item trees not at all.
  const visit = (n: FormNode) => {
    for (const c of childrenOf(n)) visit(c);
    byPointer.set(n.pointer, n);
  };
  visit(root);
  return {
    meta: serialized.meta,
    namespaces: serialized.namespaces,
    ...(serialized.related ? { related: serialized.related } : {}),
    root,
    byPointer,
  };
}
