import type { FormModel, FormNode, MessageKey } from '@komek/core';

/**
 * `messageKeysOf` and `messageKeysDigest` of @komek/core, written out again here: imported, they would pull the
 * model's helpers out of komek.js into a chunk of their own that every page fetches (rolldown's chunking), a larger
 * renderer. form-texts.test.ts checks that both give the same keys and digest for every catalog form.
 */
export function keysOf(model: FormModel): Record<string, string[]> {
  const keys = new Map<string, Set<string>>(model.namespaces.map((ns) => [ns, new Set<string>()]));
  const add = (k: MessageKey) => {
    if (k.ns === 'ui') return;
    const set = keys.get(k.ns);
    if (set) set.add(k.key);
    else keys.set(k.ns, new Set([k.key]));
  };
  const visit = (node: FormNode) => {
    add(node.labelKey);
    if (node.description) add(node.description.key);
    if (node.kind === 'field') for (const o of node.options ?? []) add(o.labelKey);
    if ('children' in node) node.children.forEach(visit);
    if (node.kind === 'repeat') visit(node.item);
  };
  visit(model.root);
  return Object.fromEntries([...keys].map(([ns, set]) => [ns, [...set].sort()]));
}

/** See `keysOf`. */
export function digestOf(keys: Record<string, readonly string[]>): string {
  const text = JSON.stringify(keys);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A form's messages in one language, by namespace. */
type FormTexts = Record<string, Record<string, unknown>>;

/**
 * A form's own messages file as the elements' build writes it (`packFormTexts` in vite.config.ts): the texts of each
 * namespace in the order of the form's keys, which the model gives (`messageKeysOf`), `keys` their digest.
 */
interface PackedFormTexts {
  keys: string;
  texts: Record<string, (string | null)[]>;
  more?: FormTexts;
}

/** The texts of a packed file by key, given the form's model; undefined when it was written for other keys. */
export function unpackFormTexts(file: unknown, model: FormModel): FormTexts | undefined {
  const keys = keysOf(model);
  const packed = file as Partial<PackedFormTexts> | null;
  if (!packed?.texts || packed.keys !== digestOf(keys)) return undefined;
  const out: FormTexts = {};
  for (const [ns, list] of Object.entries(keys)) {
    const texts = packed.texts[ns] ?? [];
    const own: Record<string, unknown> = { ...packed.more?.[ns] };
    list.forEach((k, i) => (own[k] = texts[i]));
    out[ns] = own;
  }
  return out;
}
