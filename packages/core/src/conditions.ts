import { KomekError } from './komekError.js';
import { childrenOf, type Condition, type FormModel, type FormNode } from './model.js';
import { getAtPointer, parentPointer, pointerSegments } from './pointer.js';
import type { JsonSchema } from './schema.js';

/** Thrown when an `if` uses more than the subset the model evaluates without a validator. */
export class UnsupportedConditionError extends KomekError {
  constructor(
    readonly keyword: string,
    readonly where: string,
  ) {
    super(
      'KOMEK_UNSUPPORTED_CONDITION',
      `Condition keyword "${keyword}" at ${where} is not supported: use properties with const, enum or contains, and required`,
    );
    this.name = 'UnsupportedConditionError';
  }
}

const SUPPORTED = new Set(['properties', 'required', 'const', 'enum', 'contains', '$comment', 'type']);

/** Checks that an `if` schema stays in the evaluated subset; returns the first unsupported keyword's pointer. */
export function findUnsupportedCondition(
  schema: JsonSchema,
  pointer = '',
): { keyword: string; pointer: string } | undefined {
  for (const [k, v] of Object.entries(schema)) {
    if (!SUPPORTED.has(k)) return { keyword: k, pointer: `${pointer}/${k}` };
    if (k === 'properties') {
      for (const [name, sub] of Object.entries(v as Record<string, JsonSchema>)) {
        const found = findUnsupportedCondition(sub, `${pointer}/properties/${name}`);
        if (found) return found;
      }
    }
    if (k === 'contains') {
      const found = findUnsupportedCondition(v as JsonSchema, `${pointer}/contains`);
      if (found) return found;
    }
  }
  return undefined;
}

function typeMatches(type: string | string[], value: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) =>
    t === 'array'
      ? Array.isArray(value)
      : t === 'object'
        ? value !== null && typeof value === 'object' && !Array.isArray(value)
        : t === 'integer'
          ? Number.isInteger(value)
          : t === 'null'
            ? value === null
            : typeof value === t,
  );
}

/** Evaluates an `if` schema of the supported subset against a value, as JSON Schema would. */
export function matchesCondition(schema: JsonSchema, value: unknown): boolean {
  if (!supported.has(schema)) {
    const bad = findUnsupportedCondition(schema);
    if (bad) throw new UnsupportedConditionError(bad.keyword, bad.pointer);
    supported.add(schema);
  }
  return matches(schema, value);
}

/** Condition schemas already found to be in the evaluated subset (schemas are not changed once a model is built). */
const supported = new WeakSet<JsonSchema>();

function matches(schema: JsonSchema, value: unknown): boolean {
  if (schema.type !== undefined && !typeMatches(schema.type, value)) return false;
  if ('const' in schema && !deepEqual(schema.const, value)) return false;
  if (schema.enum !== undefined && !schema.enum.some((e) => deepEqual(e, value))) return false;
  if (schema.contains !== undefined) {
    if (Array.isArray(value) && !value.some((v) => matches(schema.contains!, v))) return false;
  }
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  if (isObject) {
    const obj = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in obj)) return false;
    for (const [k, sub] of Object.entries(schema.properties ?? {})) {
      if (k in obj && !matches(sub, obj[k])) return false;
    }
  }
  return true;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** Whether a node's condition holds for the data of its scope: its `if`, or any of its `anyOf`. */
export function conditionHolds(condition: Condition, scopeValue: unknown): boolean {
  return (condition.anyOf ?? [condition.if]).some((c) => matchesCondition(c, scopeValue));
}

/**
 * Whether a node is shown for this data: its own condition holds and so do its ancestors'. `base` is the pointer
 * prefix of a repeat row when the node belongs to a row's item tree.
 */
export function isVisible(model: FormModel, node: FormNode, data: unknown, base = ''): boolean {
  if (node.condition && !conditionHolds(node.condition, getAtPointer(data, base + node.condition.scope) ?? {}))
    return false;
  if (node.pointer === '') return true;
  const parent = model.byPointer.get(parentPointer(node.pointer));
  return parent ? isVisible(model, parent, data, base) : true;
}

/**
 * A copy of the data without the values of hidden nodes: what is submitted and printed as answered. Only the
 * objects and arrays on the way to a pruned value are copied; the rest is shared with `data`, which is not changed.
 */
export function pruneHidden<T>(model: FormModel, data: T): T {
  if (data === null || typeof data !== 'object') return data;
  const copy = (Array.isArray(data) ? [...data] : { ...data }) as T;
  /** Containers of `copy` that are already copies (safe to change). */
  const own = new WeakSet<object>([copy as object]);
  // `base` is the pointer of the repeat row whose item tree is walked ('' for the form itself).
  const walk = (node: FormNode, base: string) => {
    if (node.condition && !conditionHolds(node.condition, getAtPointer(data, base + node.condition.scope) ?? {})) {
      deleteAtPointer(copy, base + node.pointer, own);
      return;
    }
    childrenOf(node).forEach((c) => walk(c, base));
    if (node.kind === 'repeat') {
      const { item } = node;
      const rows = getAtPointer(data, base + node.pointer);
      if (Array.isArray(rows)) rows.forEach((_, i) => walk(item, `${base}${node.pointer}/${i}`));
    }
  };
  walk(model.root, '');
  return copy;
}

/** Deletes the value at a pointer from `root`, copying each shared container on the way (and only when it is there). */
function deleteAtPointer(root: unknown, pointer: string, own: WeakSet<object>): void {
  const segs = pointerSegments(pointer);
  const last = segs.pop();
  if (last === undefined) return;
  // Find the path first: nothing is copied when the value is not there.
  const path: Record<string, unknown>[] = [root as Record<string, unknown>];
  for (const s of segs) {
    const next = path[path.length - 1]![s];
    if (next === null || typeof next !== 'object') return;
    path.push(next as Record<string, unknown>);
  }
  if (!(last in path[path.length - 1]!)) return;
  let parent = path[0]!;
  for (let i = 0; i < segs.length; i++) {
    let child = path[i + 1]!;
    if (!own.has(child)) {
      child = (Array.isArray(child) ? [...child] : { ...child }) as Record<string, unknown>;
      own.add(child);
      parent[segs[i]!] = child;
    }
    parent = child;
  }
  delete parent[last];
}
