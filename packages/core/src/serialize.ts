import { KomekError } from './komekError.js';
import {
  childrenOf,
  type FieldNode,
  type FormModel,
  type FormNode,
  type NodeBase,
  type SerializedModel,
  type SerializedNode,
} from './model.js';
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

/*
 * The mapping between the in-memory node (`FormNode`, a union by kind with names that say what they hold) and the
 * serialized node (`SerializedNode`, one shape with its own keys): `toSerialized` writes, `fromSerialized` reads.
 * These two functions are the only place that knows the serialized keys; the key order below is the order the
 * generated models are written in.
 */

/** The serialized node of a node, its schema and annotations slimmed (see `slimSchema`). */
function toSerialized(node: FormNode): SerializedNode {
  const annotation = Object.fromEntries(Object.entries(node.annotation).filter(([k]) => !NODE_ANNOTATIONS.has(k)));
  const out: SerializedNode = {
    kind: node.kind,
    name: node.name,
    pointer: node.pointer,
    label: node.labelKey,
    text: node.englishLabel,
    required: node.required,
    schema: slimSchema(node.schema),
    annotation,
    children: childrenOf(node).map(toSerialized),
  };
  if (node.description) out.description = { key: node.description.key, text: node.description.english };
  if (node.number !== undefined) out.number = node.number;
  if (node.line !== undefined) out.line = node.line;
  if (node.derived !== undefined) out.derived = node.derived;
  if (node.reading !== undefined) out.reading = node.reading;
  if (node.condition) out.condition = node.condition;
  if (node.kind === 'field' && node.options) {
    out.options = node.options.map((o) => ({ value: o.value, label: o.labelKey, text: o.englishLabel }));
  }
  if (node.kind === 'repeat') out.item = toSerialized(node.item);
  if (node.kind === 'field' || node.kind === 'checklist') out.widget = node.widget;
  return out;
}

/** A model's node from its serialized node; throws `InvalidModelError` where the kind lacks what it needs. */
function fromSerialized(n: SerializedNode): FormNode {
  const base: NodeBase = {
    name: n.name,
    pointer: n.pointer,
    labelKey: n.label,
    englishLabel: n.text,
    required: n.required,
    schema: n.schema,
    annotation: n.annotation,
  };
  if (n.description) base.description = { key: n.description.key, english: n.description.text };
  if (n.number !== undefined) base.number = n.number;
  if (n.line !== undefined) base.line = n.line;
  if (n.derived !== undefined) base.derived = n.derived;
  if (n.reading !== undefined) base.reading = n.reading;
  if (n.condition) base.condition = n.condition;
  switch (n.kind) {
    case 'field': {
      const field: FieldNode = { ...base, kind: 'field', widget: n.widget ?? 'unknown' };
      if (n.options)
        field.options = n.options.map((o) => ({ value: o.value, labelKey: o.label, englishLabel: o.text }));
      return field;
    }
    case 'checklist':
      return { ...base, kind: 'checklist', widget: n.widget ?? 'checklist' };
    case 'static':
      return { ...base, kind: 'static' };
    case 'repeat':
      if (!n.item) throw new InvalidModelError(n.pointer, 'a repeat without its item');
      return { ...base, kind: 'repeat', item: fromSerialized(n.item) };
    case 'form':
    case 'group':
    case 'indicators':
    case 'signature':
    case 'needsTable':
    case 'needRow':
    case 'planTable':
      return { ...base, kind: n.kind, children: n.children.map(fromSerialized) };
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
 * The model as plain JSON, for `pnpm gen` to write beside the validators so that a renderer need not build it at
 * run time. Node schemas keep their own keywords (type, format, enum, lengths, limits), not sub-schemas.
 */
export function serializeModel(model: FormModel): SerializedModel {
  return {
    meta: model.meta,
    namespaces: model.namespaces,
    ...(model.related ? { related: model.related } : {}),
    root: toSerialized(model.root),
  };
}

/** A model from its serialized form (see `serializeModel`): the same tree, with `byPointer` rebuilt. */
export function hydrateModel(serialized: SerializedModel): FormModel {
  const root = fromSerialized(serialized.root);
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
