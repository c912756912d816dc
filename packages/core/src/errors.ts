import { childrenOf, type FormModel, type FormNode } from './model.js';
import { formatMessageKey } from './messageKey.js';
import { escapePointerSegment, parentPointer, pointerSegments } from './pointer.js';

/** The shape of a validator error (ajv's `ErrorObject`), kept minimal so the core needs no validator. */
export interface ValidatorError {
  instancePath: string;
  schemaPath?: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** A validation error placed on the form: the data pointer it concerns, and the node there (when there is one). */
export interface ValidationIssue {
  pointer: string;
  keyword: string;
  params: Record<string, unknown>;
  /** The validator's own English message, the last fallback. */
  message: string;
  node?: FormNode;
  /** Message keys to try in order: the field's own, then the generic one. */
  messageKeys: string[];
}

/** Keywords whose errors only repeat the errors of their sub-schemas. */
const WRAPPERS = new Set(['if', 'allOf', 'anyOf', 'oneOf']);

/** Finds the node for a data pointer, stepping through repeat rows (`/plan/legal/0/measures`). */
export function findNode(model: FormModel, pointer: string): FormNode | undefined {
  const direct = model.byPointer.get(pointer);
  if (direct) return direct;
  let node: FormNode | undefined = model.root;
  const segs = pointerSegments(pointer);
  for (let i = 0; i < segs.length && node; i++) {
    const seg = segs[i]!;
    if (node.kind === 'repeat') {
      if (!/^\d+$/.test(seg)) return undefined;
      node = node.item;
      continue;
    }
    node = childrenOf(node).find((c) => c.name === seg);
  }
  return node;
}

/** Turns validator errors into issues placed on nodes, with the message keys to look up. */
export function mapErrors(model: FormModel, errors: readonly ValidatorError[] | null | undefined): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    if (WRAPPERS.has(e.keyword)) continue;
    let pointer = e.instancePath;
    if (e.keyword === 'required' && typeof e.params.missingProperty === 'string') {
      pointer += '/' + escapePointerSegment(e.params.missingProperty);
    } else if (e.keyword === 'dependentRequired' && typeof e.params.missingProperty === 'string') {
      pointer += '/' + escapePointerSegment(e.params.missingProperty);
    } else if (e.keyword === 'additionalProperties' && typeof e.params.additionalProperty === 'string') {
      pointer += '/' + escapePointerSegment(e.params.additionalProperty);
    }
    let params = e.params;
    if (e.keyword === 'dateOrder' && typeof e.params.later === 'string' && typeof e.params.earlier === 'string') {
      // An order the schema declares (`x-komek.dateOrder`): the later date is the one to correct; the message names
      // the earlier one by its label (`earlierLabelKey`, a message key, with `earlierEnglishLabel`, its English where
      // the model has it: one built from the schemas).
      const earlier = findNode(model, pointer + e.params.earlier);
      pointer += e.params.later;
      if (earlier)
        params = {
          ...params,
          earlierLabelKey: formatMessageKey(earlier.labelKey),
          ...(earlier.englishLabel !== undefined ? { earlierEnglishLabel: earlier.englishLabel } : {}),
        };
    }
    const id = `${pointer}|${e.keyword}`;
    if (seen.has(id)) continue;
    seen.add(id);
    // An error on data the form has no field for (an unknown property) belongs to the nearest field that holds it.
    let node = findNode(model, pointer);
    for (let up = pointer; node === undefined && up !== '';) {
      up = parentPointer(up);
      node = findNode(model, up);
    }
    const messageKeys: string[] = [];
    if (node) {
      const base = node.labelKey.key.replace(/\.title$/, '');
      messageKeys.push(formatMessageKey({ ns: node.labelKey.ns, key: `${base}.error.${e.keyword}` }));
    }
    messageKeys.push(`ui:error.${e.keyword}`);
    const issue: ValidationIssue = {
      pointer,
      keyword: e.keyword,
      params,
      message: e.message ?? e.keyword,
      messageKeys,
    };
    if (node) issue.node = node;
    out.push(issue);
  }
  return out;
}
