import type { FormModel, FormNode, SerializedModel } from './model.js';
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

function slimNode(node: FormNode): FormNode {
  const annotation = Object.fromEntries(Object.entries(node.annotation).filter(([k]) => !NODE_ANNOTATIONS.has(k)));
  const out: FormNode = { ...node, schema: slimSchema(node.schema), annotation, children: node.children.map(slimNode) };
  if (node.item) out.item = slimNode(node.item);
  return out;
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
    root: slimNode(model.root),
  };
}

/** A model from its serialized form (see `serializeModel`): the same tree, with `byPointer` rebuilt. */
export function hydrateModel(serialized: SerializedModel): FormModel {
  const byPointer = new Map<string, FormNode>();
  // Registered as buildFormModel does: children before their parent, repeat item trees not at all.
  const visit = (n: FormNode) => {
    for (const c of n.children) visit(c);
    byPointer.set(n.pointer, n);
  };
  visit(serialized.root);
  return {
    meta: serialized.meta,
    namespaces: serialized.namespaces,
    ...(serialized.related ? { related: serialized.related } : {}),
    root: serialized.root,
    byPointer,
  };
}
