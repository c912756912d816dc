import type { ChoiceOption, FormModel, FormNode, SerializedModel, SerializedNode } from './model.js';
import type { MessageKey } from './messageKey.js';
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

/** The label key of an option written in its field's place: `<field>.enum.<value>`. */
function optionKey(field: MessageKey, value: string): MessageKey {
  return { ns: field.ns, key: `${field.key.replace(/\.title$/, '')}.enum.${value}` };
}

const sameKey = (a: MessageKey, b: MessageKey) => a.ns === b.ns && a.key === b.key;

/**
 * The model as compact JSON, for `pnpm gen` to write beside the validators so that a renderer need not build it at
 * run time (`hydrateModel` reads it back). What can be derived is left out: a node's pointer (its parent's and its
 * name), `kind: 'field'`, `required: false`, empty annotations and children, a label key written in its parent's
 * place, an option's key written in its field's place and its English text when it is its value. Namespaces are
 * written as their index in `namespaces` (`"2:$defs.signature.date.title"`; the form's own has none). Left out as
 * well, as no renderer, paper form or server reads them: the source line of each node and the reason behind a
 * `derived` or `reading` node (`hydrateModel` gives `'derived'` and `'reading'`); a model built from the schemas
 * (`buildFormModel`) has them. Node schemas keep their own keywords (type, format, enum, lengths, limits), not
 * sub-schemas.
 */
export function serializeModel(model: FormModel): SerializedModel {
  const namespaces = model.namespaces;
  const keyText = (k: MessageKey) => {
    const i = namespaces.indexOf(k.ns);
    if (i < 0) throw new Error(`message namespace "${k.ns}" is not among the model's namespaces`);
    return i === 0 ? k.key : `${i}:${k.key}`;
  };
  const slim = (node: FormNode, parent: FormNode | undefined, pointer: string): SerializedNode => {
    const out: SerializedNode = { name: node.name, text: node.text, schema: slimSchema(node.schema) };
    if (node.kind !== 'field') out.kind = node.kind;
    if (node.pointer !== pointer) out.pointer = node.pointer;
    if (!parent || !sameKey(node.label, childKey(parent.label, node.name))) out.label = keyText(node.label);
    if (node.description) out.description = { key: keyText(node.description.key), text: node.description.text };
    if (node.number !== undefined) out.number = node.number;
    if (node.derived !== undefined) out.derived = 1;
    if (node.reading !== undefined) out.reading = 1;
    if (node.required) out.required = 1;
    if (node.widget !== undefined) out.widget = node.widget;
    if (node.options)
      out.options = node.options.map((o) =>
        sameKey(o.label, optionKey(node.label, o.value))
          ? o.text === o.value
            ? o.value
            : [o.value, o.text]
          : [o.value, o.text, keyText(o.label)],
      );
    if (node.condition) out.condition = node.condition;
    const annotation = Object.entries(node.annotation).filter(([k]) => !NODE_ANNOTATIONS.has(k));
    if (annotation.length > 0) out.annotation = Object.fromEntries(annotation);
    if (node.children.length > 0)
      out.children = node.children.map((c) => slim(c, node, `${node.pointer}/${escapePointerSegment(c.name)}`));
    if (node.item) out.item = slim(node.item, undefined, '');
    return out;
  };
  return {
    meta: model.meta,
    namespaces,
    ...(model.related ? { related: model.related } : {}),
    root: slim(model.root, undefined, ''),
  };
}

/** A model from its serialized form (see `serializeModel`): the same tree, with `byPointer` rebuilt. */
export function hydrateModel(serialized: SerializedModel): FormModel {
  const namespaces = serialized.namespaces;
  const byPointer = new Map<string, FormNode>();
  const key = (text: string): MessageKey => {
    const m = /^(\d+):/.exec(text);
    return m ? { ns: namespaces[+m[1]!]!, key: text.slice(m[0].length) } : { ns: namespaces[0]!, key: text };
  };
  // Registered as buildFormModel does: children before their parent, repeat item trees not at all.
  const node = (s: SerializedNode, parent: FormNode | undefined, pointer: string, register: boolean): FormNode => {
    const n: FormNode = {
      kind: s.kind ?? 'field',
      name: s.name,
      pointer: s.pointer ?? pointer,
      label: s.label !== undefined ? key(s.label) : childKey(parent!.label, s.name),
      text: s.text,
      required: s.required === 1,
      schema: s.schema,
      annotation: s.annotation ?? {},
      children: [],
    };
    if (s.description) n.description = { key: key(s.description.key), text: s.description.text };
    if (s.number !== undefined) n.number = s.number;
    if (s.derived) n.derived = 'derived';
    if (s.reading) n.reading = 'reading';
    if (s.widget !== undefined) n.widget = s.widget;
    if (s.options)
      n.options = s.options.map((o): ChoiceOption => {
        const [value, text = value, label] = typeof o === 'string' ? [o] : o;
        return { value, label: label !== undefined ? key(label) : optionKey(n.label, value), text };
      });
    if (s.condition) n.condition = s.condition;
    n.children = (s.children ?? []).map((c) => node(c, n, `${n.pointer}/${escapePointerSegment(c.name)}`, register));
    if (s.item) n.item = node(s.item, undefined, '', false);
    if (register) byPointer.set(n.pointer, n);
    return n;
  };
  const root = node(serialized.root, undefined, '', true);
  return {
    meta: serialized.meta,
    namespaces,
    ...(serialized.related ? { related: serialized.related } : {}),
    root,
    byPointer,
  };
}
