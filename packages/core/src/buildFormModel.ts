import { KomekError } from './komekError.js';
import type {
  ChecklistNode,
  ChoiceOption,
  Condition,
  FieldNode,
  FormModel,
  FormNode,
  NodeBase,
  NodeKind,
} from './model.js';
import type { MessageKey } from './messageKey.js';
import { messageKeyAt } from './schemaMessageKey.js';
import { escapePointerSegment, getAtPointer } from './pointer.js';
import { resolveRef, type SchemaLocation } from './resolveRef.js';
import type { JsonSchema, KomekAnnotation, SchemaBundle } from './schema.js';
import { defaultWidgets } from './defaultWidgets.js';
import { resolveWidget, type WidgetEntry } from './widgets.js';
import { namespaceOf } from './schemaMessageKey.js';

/** A property of an object schema and where its schema is written. */
interface PropertyAt {
  name: string;
  schema: JsonSchema;
  at: SchemaLocation;
}

/** A schema with its `$ref`s and composing `allOf`s merged, and where each label-bearing keyword came from. */
export interface EffectiveSchema {
  schema: JsonSchema;
  annotation: KomekAnnotation;
  titleAt?: SchemaLocation;
  descriptionAt?: SchemaLocation;
  enumTitlesAt?: SchemaLocation;
  properties: PropertyAt[];
  itemsAt?: { schema: JsonSchema; at: SchemaLocation };
  conditions: JsonSchema[];
}

const child = (at: SchemaLocation, ...segments: string[]): SchemaLocation => ({
  file: at.file,
  pointer: at.pointer + segments.map((s) => '/' + escapePointerSegment(s)).join(''),
});

/**
 * Merges a schema written at `at` with what its `$ref` points to (the place's own keywords win) and with the
 * `allOf` entries that compose it (those without `if`); `allOf` entries with `if` are kept as conditions.
 */
export function effectiveSchema(
  bundle: SchemaBundle,
  schema: JsonSchema,
  at: SchemaLocation,
  depth = 0,
): EffectiveSchema {
  // The same shared definition is merged for every place that uses it: once per bundle and location is enough
  // (bundles are treated as immutable once loaded).
  let cache = effectiveCache.get(bundle);
  if (!cache) effectiveCache.set(bundle, (cache = new Map<string, { source: JsonSchema; result: EffectiveSchema }>()));
  const id = `${at.file}#${at.pointer}`;
  const hit = cache.get(id);
  if (hit && hit.source === schema) return hit.result;
  const result = mergeSchema(bundle, schema, at, depth);
  cache.set(id, { source: schema, result });
  return result;
}

const effectiveCache = new WeakMap<SchemaBundle, Map<string, { source: JsonSchema; result: EffectiveSchema }>>();

function mergeSchema(bundle: SchemaBundle, schema: JsonSchema, at: SchemaLocation, depth: number): EffectiveSchema {
  if (depth > 32) throw new RefCycleError(at);
  let base: EffectiveSchema = { schema: {}, annotation: {}, properties: [], conditions: [] };
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(bundle, schema.$ref, at);
    base = effectiveSchema(bundle, target.schema, target.at, depth + 1);
  }
  const own: JsonSchema = { ...schema };
  delete own.$ref;
  const merged: EffectiveSchema = {
    schema: { ...base.schema, ...own },
    annotation: { ...base.annotation, ...(schema['x-komek'] ?? {}) },
    properties: [...base.properties],
    conditions: [...base.conditions],
  };
  const setIf = <K extends 'titleAt' | 'descriptionAt' | 'enumTitlesAt' | 'itemsAt'>(k: K, v: EffectiveSchema[K]) => {
    if (v !== undefined) merged[k] = v;
  };
  setIf('titleAt', schema.title !== undefined ? child(at, 'title') : base.titleAt);
  setIf('descriptionAt', schema.description !== undefined ? child(at, 'description') : base.descriptionAt);
  setIf(
    'enumTitlesAt',
    schema['x-komek']?.enumTitles !== undefined ? child(at, 'x-komek', 'enumTitles') : base.enumTitlesAt,
  );
  setIf('itemsAt', schema.items !== undefined ? { schema: schema.items, at: child(at, 'items') } : base.itemsAt);
  const required = new Set([...(base.schema.required ?? []), ...(schema.required ?? [])]);

  const addProperty = (p: PropertyAt) => {
    const i = merged.properties.findIndex((q) => q.name === p.name);
    if (i >= 0) merged.properties[i] = p;
    else merged.properties.push(p);
  };
  for (const [name, s] of Object.entries(schema.properties ?? {}))
    addProperty({ name, schema: s, at: child(at, 'properties', name) });

  (schema.allOf ?? []).forEach((entry, i) => {
    if (entry.if !== undefined) {
      merged.conditions.push(entry);
      return;
    }
    const part = effectiveSchema(bundle, entry, child(at, 'allOf', String(i)), depth + 1);
    part.properties.forEach(addProperty);
    (part.schema.required ?? []).forEach((r) => required.add(r));
    merged.conditions.push(...part.conditions);
    merged.annotation = { ...part.annotation, ...merged.annotation };
    if (merged.titleAt === undefined && part.titleAt !== undefined) merged.titleAt = part.titleAt;
  });
  delete merged.schema.allOf;
  if (required.size > 0) merged.schema.required = [...required];
  if (merged.properties.length > 0) {
    merged.schema.properties = Object.fromEntries(merged.properties.map((p) => [p.name, p.schema]));
  }
  return merged;
}

/** Reads a string at a location of the bundle. */
function textAt(bundle: SchemaBundle, at: SchemaLocation | undefined): string | undefined {
  if (at === undefined) return undefined;
  const v = getAtPointer(bundle.schemas[at.file], at.pointer);
  return typeof v === 'string' ? v : undefined;
}

function kindOf(eff: EffectiveSchema): NodeKind {
  const a = eff.annotation;
  const s = eff.schema;
  if (a.kind === 'static') return 'static';
  if (a.kind === 'signature') return 'signature';
  if (a.kind === 'indicators') return 'indicators';
  if (a.kind === 'needsTable') return 'needsTable';
  if (a.kind === 'needRow') return 'needRow';
  if (a.kind === 'planTable') return 'planTable';
  if (a.widget === 'checklist') return 'checklist';
  if (s.type === 'object') return 'group';
  if (
    s.type === 'array' &&
    (eff.itemsAt?.schema.type === 'object' || eff.itemsAt?.schema.$ref !== undefined) &&
    !Array.isArray(s.items?.enum)
  ) {
    return 'repeat';
  }
  return 'field';
}

/**
 * Conditions of an object's children: child name → the `if` that shows it, for names only a `then` requires. A name
 * several `then`s require is shown while any of their `if`s holds.
 */
function conditionsOf(eff: EffectiveSchema, scope: string): Map<string, Condition> {
  const out = new Map<string, Condition>();
  const always = new Set(eff.schema.required ?? []);
  for (const c of eff.conditions) {
    if (c.if === undefined || c.then === undefined) continue;
    const named = [...(c.then.required ?? []), ...Object.keys(c.then.properties ?? {})];
    for (const name of named) {
      if (always.has(name)) continue;
      const seen = out.get(name);
      if (!seen) out.set(name, { scope, if: c.if });
      else if (!(seen.anyOf ?? [seen.if]).includes(c.if)) seen.anyOf = [...(seen.anyOf ?? [seen.if]), c.if];
    }
  }
  return out;
}

function thenRequired(eff: EffectiveSchema): Set<string> {
  const out = new Set<string>();
  for (const c of eff.conditions) for (const r of c.then?.required ?? []) out.add(r);
  return out;
}

function choicesOf(eff: EffectiveSchema): ChoiceOption[] | undefined {
  const values = eff.schema.enum ?? eff.itemsAt?.schema.enum;
  if (!Array.isArray(values)) return undefined;
  const titles = eff.annotation.enumTitles ?? {};
  return values.map((v) => {
    const value = String(v);
    const labelKey: MessageKey = eff.enumTitlesAt
      ? messageKeyAt(eff.enumTitlesAt.file, `${eff.enumTitlesAt.pointer}/${escapePointerSegment(value)}`)
      : { ns: 'ui', key: `enum.${value}` };
    return { value, labelKey, englishLabel: titles[value] ?? value };
  });
}

interface BuildContext {
  bundle: SchemaBundle;
  country: string;
  widgets: readonly WidgetEntry[];
  byPointer: Map<string, FormNode>;
}

function buildNode(
  ctx: BuildContext,
  name: string,
  schema: JsonSchema,
  at: SchemaLocation,
  pointer: string,
  required: boolean,
  condition: Condition | undefined,
  register: boolean,
  asForm = false,
): FormNode {
  const eff = effectiveSchema(ctx.bundle, schema, at);
  const kind: NodeKind = asForm ? 'form' : kindOf(eff);
  const base: NodeBase = {
    name,
    pointer,
    labelKey: eff.titleAt ? messageKeyAt(eff.titleAt.file, eff.titleAt.pointer) : { ns: 'ui', key: `field.${name}` },
    englishLabel: textAt(ctx.bundle, eff.titleAt) ?? name,
    required,
    schema: eff.schema,
    annotation: eff.annotation,
  };
  const description = textAt(ctx.bundle, eff.descriptionAt);
  if (description !== undefined && eff.descriptionAt) {
    base.description = { key: messageKeyAt(eff.descriptionAt.file, eff.descriptionAt.pointer), english: description };
  }
  if (eff.annotation.number !== undefined) base.number = eff.annotation.number;
  // A node of a shared base records its line per country (`lines: { KZ, KG, TJ }`).
  const lines = eff.annotation.lines as Record<string, number> | undefined;
  const line = eff.annotation.line ?? lines?.[ctx.country];
  if (line !== undefined) base.line = line;
  if (eff.annotation.derived !== undefined && eff.annotation.derived !== false) {
    base.derived = eff.annotation.derived === true ? 'derived' : eff.annotation.derived;
  }
  if (typeof eff.annotation.reading === 'string' && base.derived === undefined) base.reading = eff.annotation.reading;
  if (condition) base.condition = condition;

  // Built only for a node that holds children (see the switch below); not `childrenOf` of model.ts, which reads them.
  const buildChildren = (): FormNode[] => {
    const children: FormNode[] = [];
    const req = new Set(eff.schema.required ?? []);
    const conds = conditionsOf(eff, pointer);
    const whenShown = thenRequired(eff);
    for (const p of eff.properties) {
      const c = conds.get(p.name);
      children.push(
        buildNode(
          ctx,
          p.name,
          p.schema,
          p.at,
          `${pointer}/${escapePointerSegment(p.name)}`,
          req.has(p.name) || (c !== undefined && whenShown.has(p.name)),
          c,
          register,
        ),
      );
    }
    return children;
  };

  let node: FormNode;
  switch (kind) {
    case 'field': {
      // Testers see the node before its widget is resolved: `unknown` until then.
      const field: FieldNode = { ...base, kind, widget: 'unknown' };
      const options = choicesOf(eff);
      if (options) field.options = options;
      field.widget = resolveWidget(ctx.widgets, field) ?? 'unknown';
      node = field;
      break;
    }
    case 'checklist': {
      const item: ChecklistNode = { ...base, kind, widget: 'unknown' };
      item.widget = resolveWidget(ctx.widgets, item) ?? 'unknown';
      node = item;
      break;
    }
    case 'static':
      node = { ...base, kind };
      break;
    case 'repeat': {
      // kindOf finds a repeat only where the array's items are an object schema.
      const items = eff.itemsAt ?? { schema: {}, at };
      node = { ...base, kind, item: buildNode(ctx, '', items.schema, items.at, '', true, undefined, false) };
      break;
    }
    default:
      node = { ...base, kind, children: buildChildren() };
  }
  if (register) ctx.byPointer.set(pointer, node);
  return node;
}

/** Thrown when `$ref`s lead back to where they started. */
export class RefCycleError extends KomekError {
  constructor(readonly at: SchemaLocation) {
    super('KOMEK_REF_CYCLE', `$ref cycle at ${at.file}#${at.pointer}: a schema refers to itself through its $refs`);
    this.name = 'RefCycleError';
  }
}

/** Thrown when a bundle's root schema is not a Komek form. */
export class NotAFormError extends KomekError {
  constructor(readonly schemaId: string) {
    super('KOMEK_NOT_A_FORM', `Schema ${schemaId} has no x-komek.form metadata: it is not a form`);
    this.name = 'NotAFormError';
  }
}

/** Walks a form's schema bundle into the node tree every renderer uses. */
export function buildFormModel(bundle: SchemaBundle, widgets: readonly WidgetEntry[] = defaultWidgets): FormModel {
  const rootSchema = bundle.schemas[bundle.root];
  const meta = rootSchema?.['x-komek']?.form;
  if (rootSchema === undefined || meta === undefined) throw new NotAFormError(bundle.root);
  const ctx: BuildContext = { bundle, country: meta.country, widgets, byPointer: new Map() };
  const root = buildNode(ctx, '', rootSchema, { file: bundle.root, pointer: '' }, '', true, undefined, true, true);
  if (root.kind !== 'form') throw new NotAFormError(bundle.root);
  return { meta, bundle, namespaces: Object.keys(bundle.schemas).map(namespaceOf), root, byPointer: ctx.byPointer };
}
