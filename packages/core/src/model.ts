import type { FormMeta, JsonSchema, KomekAnnotation, SchemaBundle } from './schema.js';
import type { MessageKey } from './messageKey.js';
import type { WidgetKind } from './widgets.js';

/** The kinds of node a form is made of. */
export type NodeKind =
  | 'form'
  | 'group'
  | 'indicators'
  | 'field'
  | 'signature'
  | 'static'
  | 'checklist'
  | 'needsTable'
  | 'needRow'
  | 'planTable'
  | 'repeat';

/** One choice of a single- or multiple-choice field. */
export interface ChoiceOption {
  value: string;
  label: MessageKey;
  /** English text from the schema, the fallback of every language. */
  text: string;
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

/** One node of the form model. Pointers are JSON pointers into the form's data. */
export interface FormNode {
  kind: NodeKind;
  /** Data property name ('' for the form). */
  name: string;
  /** JSON pointer of this node's data, e.g. `/passport/number`. Rows of a repeat use `/-` as placeholder. */
  pointer: string;
  label: MessageKey;
  /** English label from the schema. */
  text: string;
  description?: { key: MessageKey; text: string };
  number?: string;
  /** Line of the guidelines' text the node comes from (absent from a model precompiled by `pnpm gen`). */
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
  /** The widget kind resolved by the ranked testers (fields only). */
  widget?: WidgetKind;
  options?: ChoiceOption[];
  condition?: Condition;
  /** The effective schema of the node, `$ref`s merged with the sibling keywords of the place. */
  schema: JsonSchema;
  annotation: KomekAnnotation;
  children: FormNode[];
  /** For a repeat: the node tree of one item, with pointers relative to the item. */
  item?: FormNode;
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
  root: FormNode;
  /** Every node by data pointer. */
  byPointer: Map<string, FormNode>;
}

/**
 * A model as `pnpm gen` writes it (plain JSON, loaded instead of building the model from the schemas at run time;
 * read it with `hydrateModel`): node schemas keep their own keywords only, not the sub-schemas the node tree
 * already holds, and nodes leave out what can be derived (see `serializeModel`).
 */
export interface SerializedModel {
  meta: FormMeta;
  namespaces: string[];
  related?: Record<string, string>;
  root: SerializedNode;
}

/**
 * A node of a `SerializedModel`. A message key is `"<index in namespaces>:<key>"`, or the key alone in the form's
 * own namespace (the first).
 */
export interface SerializedNode {
  /** Absent for `'field'`. */
  kind?: NodeKind;
  name: string;
  /** Absent when it is the parent's pointer and the name (always, for models written by `pnpm gen`). */
  pointer?: string;
  /** Absent when it is the parent's key in its place: `<parent key less .title>.<name>.title`. */
  label?: string;
  text: string;
  description?: { key: string; text: string };
  number?: string;
  derived?: 1;
  reading?: 1;
  required?: 1;
  widget?: WidgetKind;
  /**
   * `value` (its key is the field's `<key less .title>.enum.<value>` and its English text the value itself),
   * `[value, text]` (the same key), or `[value, text, key]`.
   */
  options?: (string | [string, string] | [string, string, string])[];
  condition?: Condition;
  schema: JsonSchema;
  /** Absent when empty. */
  annotation?: KomekAnnotation;
  /** Absent when empty. */
  children?: SerializedNode[];
  item?: SerializedNode;
}
