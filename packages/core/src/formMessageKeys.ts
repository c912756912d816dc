import type { MessageKey } from './messageKey.js';
import type { FormModel, FormNode } from './model.js';

/**
 * The message keys a form's model uses (labels, descriptions, choices), by namespace (the model's namespaces first,
 * in their order), each list sorted, without `ui` (shared by every form). `pnpm gen` writes them for each catalog
 * form (packages/forms/src/generated/messages/<id>.json); the elements' build writes a form's own messages file in
 * each language in this order, without the keys, and the element reads it back with the keys of the model it shows
 * (`keysOf` in packages/elements/src/localize/form-texts.ts, the same walk, checked against this one).
 */
export function messageKeysOf(model: FormModel): Record<string, string[]> {
  const keys = new Map<string, Set<string>>(model.namespaces.map((ns) => [ns, new Set<string>()]));
  const add = (k: MessageKey) => {
    if (k.ns === 'ui') return;
    const set = keys.get(k.ns);
    if (set) set.add(k.key);
    else keys.set(k.ns, new Set([k.key]));
  };
  // Every node as walkNodes visits them, written out here (rather than walkNodes and optionsOf) so that the
  // element's chunk that reads a form's messages file shares no code with the others.
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
