import type { FormMeta, JsonSchema, KomekAnnotation, SchemaBundle } from './schema.js';
import type { MessageKey } from './messageKey.js';
import type { WidgetKind } from './widgets.js';

/** One choice of a single- or multiple-choice field. */
export interface ChoiceOption {
  value: string;
  /** The message key of the choice's label (`x-komek.enumTitles`, or `ui:enum.<value>`). */
  labelKey: MessageKey;
  /**
   * The choice's label in English as the schema writes it (the value when it has none), in a model built from the
   * schemas (`buildFormModel`); absent from a catalog model `pnpm gen` precompiled (`hydrateModel`), whose English is
   * in @komek/i18n's `en` messages like any other language's. Translate with `translate(t, o.labelKey, o.englishLabel)`.
   */
  englishLabel?: string;
}

/**
 * A node's description: its message key and, in a model built from the schemas, its English text (absent from a
 * precompiled catalog model: see `NodeBase.englishLabel`).
 */
export interface NodeDescription {
  key: MessageKey;
  english?: string;
}

/** The condition that shows a conditional node: the `if` of its parent and where that parent sits. */
export interface Condition {
  /** Pointer of the object whose data the `if` is evaluated against. */
  scope: string;
  if: JsonSchema;
  /**
   * Every `if` whose `then` names the node, when there is more than one (`if` is the first): the node is shown
   * while any of them holds. Evaluate with `conditionHolds`.
   */
  anyOf?: JsonSchema[];
}

/** What every node has, whatever its kind. Pointers are JSON pointers into the form's data. */
export interface NodeBase {
  /** Data property name ('' for the form and for the item of a repeat). */
  name: string;
  /** JSON pointer of this node's data, e.g. `/passport/number`. Nodes of a repeat's item are relative to the item. */
  pointer: string;
  /**
   * The message key of the node's label (where the schema's `title` is written; `ui:field.<name>` without one) —
   * a key to translate, not the label: `translate(t, node.labelKey, node.englishLabel)`.
   */
  labelKey: MessageKey;
  /**
   * The label in English as the schema writes it (`title`; the property name without one), in a model built from the
   * schemas (`buildFormModel`, e.g. a host's own schema, which has no messages files). Absent from a catalog model
   * `pnpm gen` precompiled (`hydrateModel`): its English is in @komek/i18n's `en` messages (`locales/en/<ns>.json`,
   * generated from the schemas) like any other language's, and a translator with them loaded finds it.
   */
  englishLabel?: string;
  description?: NodeDescription;
  /** The printed numbering of the item, e.g. `3.2` (`x-komek.number`). */
  number?: string;
  /**
   * The line of the guidelines' text the item is printed on (`x-komek.line`, or `lines` for this country); absent
   * from a model precompiled by `pnpm gen`.
   */
  line?: number;
  /**
   * Not on the printed form at all: why it exists (`x-komek.derived`); `'derived'` in a model precompiled by
   * `pnpm gen`, which keeps the mark, not the reason.
   */
  derived?: string;
  /**
   * On the printed form, asked as the page does not draw it: the reading (`x-komek.reading`); `'reading'` in a model
   * precompiled by `pnpm gen`.
   */
  reading?: string;
  required: boolean;
  condition?: Condition;
  /** The effective schema of the node, `$ref`s merged with the sibling keywords of the place. */
  schema: JsonSchema;
  annotation: KomekAnnotation;
}

/** A node that holds other nodes, one per property of its object schema, in schema order. */
interface ContainerBase extends NodeBase {
  children: FormNode[];
}

/** The whole form: the root of the tree (the form's object schema). */
export interface FormRootNode extends ContainerBase {
  kind: 'form';
}
/** A section or a group of questions (an object schema without a kind of its own). */
export interface GroupNode extends ContainerBase {
  kind: 'group';
}
/** A list of indicators of vulnerability, each a yes/no question (`x-komek.kind: indicators`). */
export interface IndicatorsNode extends ContainerBase {
  kind: 'indicators';
}
/** A signature block: the signature and what is signed with it, e.g. the date (`x-komek.kind: signature`). */
export interface SignatureNode extends ContainerBase {
  kind: 'signature';
}
/** A table of needs, one row per need (`x-komek.kind: needsTable`). */
export interface NeedsTableNode extends ContainerBase {
  kind: 'needsTable';
}
/** One row of a needs table: its cells are its children (`x-komek.kind: needRow`). */
export interface NeedRowNode extends ContainerBase {
  kind: 'needRow';
}
/** An assistance plan: one category per child, each a repeat of measures (`x-komek.kind: planTable`). */
export interface PlanTableNode extends ContainerBase {
  kind: 'planTable';
}

/** A list of like items (an array of objects): its rows are drawn from `item`. */
export interface RepeatNode extends NodeBase {
  kind: 'repeat';
  /** The node tree of one item, with pointers relative to the item (`''` is the item itself). */
  item: FormNode;
}

/** A question with an answer: what it is drawn as is `widget`, resolved by the ranked testers. */
export interface FieldNode extends NodeBase {
  kind: 'field';
  /** The widget kind resolved by the ranked testers (`defaultWidgets`, and kinds added by declaration merging). */
  widget: WidgetKind;
  /** The choices of a single or multiple choice (the schema's `enum`, or its items' `enum`). */
  options?: ChoiceOption[];
}

/** A guidance item the specialist confirms (a tick, `x-komek.widget: checklist`). */
export interface ChecklistNode extends NodeBase {
  kind: 'checklist';
  /** The widget kind resolved by the ranked testers: `checklist` unless a registration outranks it. */
  widget: WidgetKind;
}

/** Printed text with no answer (`x-komek.kind: static`): its label is the text. */
export interface StaticNode extends NodeBase {
  kind: 'static';
}

/**
 * One node of the form model, a discriminated union by `kind`: `switch (node.kind)` narrows to the properties that
 * kind has (`children` on containers, `item` on a repeat, `widget` and `options` on a field). The node kinds are the
 * structure the schema walk (`buildFormModel`) finds and are closed; what a field is drawn as is its `widget`, an open
 * set (`WidgetKinds`, extended by declaration merging — see CONTRIBUTING.md, "Adding a widget kind").
 */
export type FormNode =
  | FormRootNode
  | GroupNode
  | IndicatorsNode
  | SignatureNode
  | NeedsTableNode
  | NeedRowNode
  | PlanTableNode
  | RepeatNode
  | FieldNode
  | ChecklistNode
  | StaticNode;

/** The kinds of node a form is made of. */
export type NodeKind = FormNode['kind'];

/** The node of one kind: `NodeOfKind<'repeat'>` is `RepeatNode`. */
export type NodeOfKind<K extends NodeKind> = Extract<FormNode, { kind: K }>;

/** The nodes that hold other nodes as `children`. */
export type ContainerNode = Extract<FormNode, { children: FormNode[] }>;

/** The nodes a ranked tester resolves a widget kind for. */
export type WidgetNode = FieldNode | ChecklistNode;

/** The node holds children (form, group, indicators, signature, tables and their rows). */
export function isContainer(node: FormNode): node is ContainerNode {
  return 'children' in node;
}

/**
 * The node's children, or none (a leaf, a repeat — its `item` is not a child —, or no node at all): for walking the
 * tree without asking each kind.
 */
export function childrenOf(node: FormNode | undefined): readonly FormNode[] {
  return node !== undefined && 'children' in node ? node.children : [];
}

/** The node's widget kind: a field's or a checklist item's; `undefined` for any other node, or no node. */
export function widgetOf(node: FormNode | undefined): WidgetKind | undefined {
  return node !== undefined && 'widget' in node ? node.widget : undefined;
}

/** The node's choices: a choice field's (`options`); `undefined` for any other node, or no node. */
export function optionsOf(node: FormNode | undefined): readonly ChoiceOption[] | undefined {
  return node?.kind === 'field' ? node.options : undefined;
}

/** The item tree of a repeat; `undefined` for any other node, or no node. */
export function itemOf(node: FormNode | undefined): FormNode | undefined {
  return node?.kind === 'repeat' ? node.item : undefined;
}

/** The whole form: its metadata and the node tree. */
export interface FormModel {
  meta: FormMeta;
  /** The schema bundle the model was built from (absent from a model precompiled by `pnpm gen`). */
  bundle?: SchemaBundle;
  /** Message namespaces of the form's labels: its own and those of the shared schemas it uses. */
  namespaces: string[];
  /**
   * English titles of the other forms this one refers to by id (the consent and refusal forms that gate it, see
   * `x-komek.form.gatedBy`); their translations are the `title` of each form's own namespace.
   */
  related?: Record<string, string>;
  root: FormRootNode;
  /** Every node by data pointer. */
  byPointer: Map<string, FormNode>;
}

/**
 * A model as `pnpm gen` writes it (plain JSON, loaded instead of building the model from the schemas at run time):
 * node schemas keep their own keywords only, not the sub-schemas the node tree already holds. Its nodes have keys of
 * their own and leave out what can be derived (`SerializedNode`); `serializeModel` and `hydrateModel`
 * (serialize.ts) map them to and from `FormNode`.
 */
export interface SerializedModel {
  meta: FormMeta;
  namespaces: string[];
  related?: Record<string, string>;
  root: SerializedNode;
}

/**
 * A node as the serialized model writes it: one compact shape for every kind, with keys of its own — `label` is the
 * label's message key (`FormNode.labelKey`), `description` the description's. No English text: a catalog form's English
 * is in @komek/i18n's `en` messages, as every other language's is in its own. A message key is written `key` in the form's own namespace (the first of `namespaces`),
 * `<index>:key` in another of them, `ns:key` in any other (`ui`). The mapping is `toSerialized` / `fromSerialized`
 * in serialize.ts, the only place that knows these keys.
 */
export interface SerializedNode {
  /** Absent for `'field'`. */
  kind?: NodeKind;
  name: string;
  /** Absent when it is the parent's pointer and the name (the item of a repeat: `''`). */
  pointer?: string;
  /** Absent when it is the parent's key in its place: `<parent's key less .title>.<name>.title`. */
  label?: string;
  /** Absent when false. */
  required?: 1;
  schema: JsonSchema;
  /** Absent when empty. */
  annotation?: KomekAnnotation;
  /** Absent when empty. */
  children?: SerializedNode[];
  /** The description's message key. */
  description?: string;
  number?: string;
  /** The node is derived (the reason stays in the schema). */
  derived?: 1;
  /** The node is a reading of a printed line (the reading stays in the schema). */
  reading?: 1;
  condition?: Condition;
  /**
   * Each choice: `value` (its key the field's `<key less .title>.enum.<value>`) or `[value, key]`.
   */
  options?: (string | [string, string])[];
  item?: SerializedNode;
  widget?: WidgetKind;
}
