import { childrenOf, type FormNode } from './model.js';

/** Visits every node depth-first, parents before children, repeat item trees included. */
export function* walkNodes(node: FormNode): Generator<FormNode> {
  yield node;
  for (const c of childrenOf(node)) yield* walkNodes(c);
  if (node.kind === 'repeat') yield* walkNodes(node.item);
}

/** Nodes that hold an answer (fields, checklist items, signatures). */
export function isInputNode(node: FormNode): boolean {
  return node.kind === 'field' || node.kind === 'checklist' || node.kind === 'signature';
}
