import { pointerSegments, translate, type FormNode, type JsonSchema, type Translator } from '@komek/core';
import type { BiText, RenderEnv } from './env.js';

/** Builds a text in each language of the form from one function of the language's translator. */
export function perLanguage(env: RenderEnv, text: (t: Translator) => string): BiText {
  const [first, second] = env.translators;
  const primary = text(first!);
  if (!second) return { primary };
  const secondary = text(second);
  return secondary === primary ? { primary } : { primary, secondary };
}

function nodeLabel(t: Translator, node: FormNode): string {
  const label = translate(t, node.label, node.text).replace(/[:：]\s*$/, '');
  return node.number ? `${node.number} ${label}` : label;
}

function valueText(t: Translator, node: FormNode, value: unknown): string {
  if (value === true) return t('ui:yes', 'YES') ?? 'YES';
  if (value === false) return t('ui:no', 'NO') ?? 'NO';
  const option = node.options?.find((o) => o.value === String(value));
  return option ? translate(t, option.label, option.text) : String(value);
}

function describe(t: Translator, scope: FormNode, schema: JsonSchema): string[] {
  const parts: string[] = [];
  const props = schema.properties ?? {};
  for (const [name, sub] of Object.entries(props)) {
    const child = scope.children.find((c) => c.name === name);
    if (!child) continue;
    if (sub.properties && child.children.length > 0) {
      parts.push(...describe(t, child, sub));
      continue;
    }
    let value: string | undefined;
    if ('const' in sub) value = valueText(t, child, sub.const);
    else if (Array.isArray(sub.enum)) value = sub.enum.map((v) => valueText(t, child, v)).join(' / ');
    else if (sub.contains && 'const' in sub.contains) value = valueText(t, child, sub.contains.const);
    parts.push(value === undefined ? nodeLabel(t, child) : `${nodeLabel(t, child)} = ${value}`);
  }
  for (const name of schema.required ?? []) {
    if (name in props) continue;
    const child = scope.children.find((c) => c.name === name);
    if (child) parts.push(`${nodeLabel(t, child)}: ${t('ui:pdf.answered', 'answered') ?? 'answered'}`);
  }
  return parts;
}

/** Finds the node at a pointer below a root, stepping by child names (works in repeat item trees too). */
export function nodeBelow(root: FormNode, pointer: string): FormNode | undefined {
  if (pointer === '' || pointer === root.pointer) return root;
  const rel = pointer.startsWith(root.pointer + '/') ? pointer.slice(root.pointer.length) : pointer;
  let node: FormNode | undefined = root;
  for (const name of pointerSegments(rel)) {
    node = node?.children.find((c) => c.name === name);
    if (!node) return undefined;
  }
  return node;
}

/**
 * The routing line a blank form prints beside a conditional part: "only if: 3.5 other (…) = YES". `root` is the
 * tree the condition's scope is relative to (the form, or a repeat's item).
 */
export function routingText(env: RenderEnv, node: FormNode, root: FormNode): BiText | undefined {
  const condition = node.condition;
  if (!condition) return undefined;
  const scope =
    root === env.model.root ? (env.model.byPointer.get(condition.scope) ?? nodeBelow(root, condition.scope)) : nodeBelow(root, condition.scope);
  if (!scope) return undefined;
  return perLanguage(env, (t) => {
    // A part several conditions require is shown when any of them holds.
    const and = t('ui:pdf.and', ' and ') ?? ' and ';
    const joined = (condition.anyOf ?? [condition.if]).map((c) => describe(t, scope, c).join(and)).join(t('ui:pdf.or', ' or ') ?? ' or ');
    return t('ui:pdf.onlyIf', 'only if: {{condition}}', { condition: joined }) ?? `only if: ${joined}`;
  });
}
