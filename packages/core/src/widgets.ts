import type { FormNode, NodeKind, NodeOfKind } from './model.js';

/**
 * The widget kinds a field can be drawn as, by name. A package adding a kind declares it here by declaration merging
 * (`declare module '@komek/core' { interface WidgetKinds { phone: true } }`), registers its tester in
 * `defaultWidgets` (defaultWidgets.ts) and a renderer per output (see CONTRIBUTING.md, "Adding a widget kind").
 */
export interface WidgetKinds {
  /** Anything no other kind fits: a plain text box of the value. */
  unknown: true;
  /** One line of text. */
  text: true;
  /** Several lines of text. */
  textarea: true;
  /** A calendar date (`format: date`). */
  date: true;
  /** An integer or a number. */
  number: true;
  /** One of an `enum`. */
  choice: true;
  /** Several of an `enum` (an array of enum values). */
  multichoice: true;
  /** A tick box (a boolean). */
  checkbox: true;
  /** A YES / NO question (`x-komek.widget: yesno`). */
  yesno: true;
  /** A confirmation of a guidance checklist (`x-komek.widget: checklist`). */
  checklist: true;
  /** A drawn signature (`x-komek.widget: signaturePad`). */
  signaturePad: true;
}

/** The name of a widget kind. */
export type WidgetKind = keyof WidgetKinds;

/** Decides how well a renderer fits a node: a rank, or -1 for "not applicable". */
export type Tester = (node: FormNode) => number;
/** A predicate over nodes, combined into testers. */
export type NodePredicate = (node: FormNode) => boolean;

/** The rank for "not applicable". */
export const NOT_APPLICABLE = -1;

/** A tester that gives `rank` where the predicate holds. */
export function rankWith(rank: number, predicate: NodePredicate): Tester {
  return (node) => (predicate(node) ? rank : NOT_APPLICABLE);
}

/** All predicates hold. */
export function and(...predicates: NodePredicate[]): NodePredicate {
  return (node) => predicates.every((p) => p(node));
}

/** Any predicate holds. */
export function or(...predicates: NodePredicate[]): NodePredicate {
  return (node) => predicates.some((p) => p(node));
}

/** The node is of this kind (a type guard: `nodes.filter(kindIs('field'))` are `FieldNode`s). */
export const kindIs =
  <K extends NodeKind>(kind: K) =>
  (node: FormNode): node is NodeOfKind<K> =>
    node.kind === kind;
/** A registered widget: its name and tester. */
export interface WidgetEntry<T = WidgetKind> {
  tester: Tester;
  widget: T;
}

/** The entry with the highest rank for a node; ties go to the later registration. */
export function resolveWidget<T>(registry: readonly WidgetEntry<T>[], node: FormNode): T | undefined {
  let best: WidgetEntry<T> | undefined;
  let bestRank = NOT_APPLICABLE;
  for (const entry of registry) {
    const rank = entry.tester(node);
    if (rank > NOT_APPLICABLE && rank >= bestRank) {
      best = entry;
      bestRank = rank;
    }
  }
  return best?.widget;
}
