import {
  childrenOf,
  optionsOf,
  pointerSegments,
  translate,
  type FormNode,
  type JsonSchema,
  type Translator,
} from '@komek/core';
import type { BiText, RenderEnv } from './env.js';

/** Builds a text in each language of the form from one function of the language's translator. */
export function perLanguage(env: RenderEnv, text: (t: Translator) => string): BiText {
  const [first, second] = env.translators;
  const primary = text(first!);
  if (!second) return { primary };
  const secondary = text(second);
  return secondary === primary ? { primary } : { primary, secondary };
}

/** How a condition names a question: by its printed number ("2.1"), else by its label in quotes. */
function fieldRef(t: Translator, node: FormNode): string {
  if (node.number) return node.number;
  const label = translate(t, node.labelKey, node.englishLabel).replace(/[:：]\s*$/, '');
  return t('ui:quoted', '“{{text}}”', { text: label }) ?? `“${label}”`;
}

/** An answer as a condition names it: YES / NO as printed beside the ticks, an option in quotes. */
function answerText(t: Translator, node: FormNode, value: unknown): string {
  if (value === true) return t('ui:yes', 'YES') ?? 'YES';
  if (value === false) return t('ui:no', 'NO') ?? 'NO';
  const option = optionsOf(node)?.find((o) => o.value === String(value));
  const text = option ? translate(t, option.labelKey, option.englishLabel) : String(value);
  return t('ui:quoted', '“{{text}}”', { text }) ?? `“${text}”`;
}

/** The parts of a condition in plain words: "you answered YES to 2.1", "you ticked “Other” in 3.5", "2.4 is filled in". */
function describe(t: Translator, scope: FormNode, schema: JsonSchema): string[] {
  const parts: string[] = [];
  const props = schema.properties ?? {};
  const or = t('ui:pdf.or', ' or ') ?? ' or ';
  for (const [name, sub] of Object.entries(props)) {
    const child = childrenOf(scope).find((c) => c.name === name);
    if (!child) continue;
    if (sub.properties && childrenOf(child).length > 0) {
      parts.push(...describe(t, child, sub));
      continue;
    }
    const field = fieldRef(t, child);
    if ('const' in sub || Array.isArray(sub.enum)) {
      const values = 'const' in sub ? [sub.const] : sub.enum!;
      const answer = values.map((v) => answerText(t, child, v)).join(or);
      parts.push(
        t('ui:condition.answered', 'you answered {{answer}} to {{field}}', { answer, field }) ??
          `you answered ${answer} to ${field}`,
      );
    } else if (sub.contains && 'const' in sub.contains) {
      const answer = answerText(t, child, sub.contains.const);
      parts.push(
        t('ui:condition.ticked', 'you ticked {{answer}} in {{field}}', { answer, field }) ??
          `you ticked ${answer} in ${field}`,
      );
    } else {
      parts.push(t('ui:condition.filled', '{{field}} is filled in', { field }) ?? `${field} is filled in`);
    }
  }
  for (const name of schema.required ?? []) {
    if (name in props) continue;
    const child = childrenOf(scope).find((c) => c.name === name);
    if (child) {
      const field = fieldRef(t, child);
      parts.push(t('ui:condition.filled', '{{field}} is filled in', { field }) ?? `${field} is filled in`);
    }
  }
  return parts;
}

/** Finds the node at a pointer below a root, stepping by child names (works in repeat item trees too). */
export function nodeBelow(root: FormNode, pointer: string): FormNode | undefined {
  if (pointer === '' || pointer === root.pointer) return root;
  const rel = pointer.startsWith(root.pointer + '/') ? pointer.slice(root.pointer.length) : pointer;
  let node: FormNode | undefined = root;
  for (const name of pointerSegments(rel)) {
    node = childrenOf(node).find((c) => c.name === name);
    if (!node) return undefined;
  }
  return node;
}

/**
 * The routing line a blank form prints under a conditional part, in plain words: "Fill in only if you answered YES
 * to 2.1." `root` is the tree the condition's scope is relative to (the form, or a repeat's item).
 */
export function routingText(env: RenderEnv, node: FormNode, root: FormNode): BiText | undefined {
  const condition = node.condition;
  if (!condition) return undefined;
  const scope =
    root === env.model.root
      ? (env.model.byPointer.get(condition.scope) ?? nodeBelow(root, condition.scope))
      : nodeBelow(root, condition.scope);
  if (!scope) return undefined;
  return perLanguage(env, (t) => {
    // A part several conditions require is shown when any of them holds.
    const and = t('ui:pdf.and', ' and ') ?? ' and ';
    const joined = (condition.anyOf ?? [condition.if])
      .map((c) => describe(t, scope, c).join(and))
      .join(t('ui:pdf.or', ' or ') ?? ' or ');
    return (
      t('ui:condition.fillInIf', 'Fill in only if {{condition}}.', { condition: joined }) ??
      `Fill in only if ${joined}.`
    );
  });
}
