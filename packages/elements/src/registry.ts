import { resolveWidget, type FormNode, type NodePredicate, type Tester } from '@komek/core';
import type { FormContext } from './context.js';

/** Draws one kind of node. `base` is the pointer prefix of a repeat row (`''` outside repeats). */
export type WidgetRender = (ctx: FormContext, node: FormNode, base: string) => unknown;

/** A registered widget: a name, a ranked tester and how it draws. */
export interface WidgetRenderer {
  name: string;
  tester: Tester;
  render: WidgetRender;
}

/** The node's field widget, as the core's ranked testers resolved it (`text`, `date`, `yesno`, …). */
export const widgetNamed =
  (name: string): NodePredicate =>
  (node) =>
    node.widget === name;

/**
 * The widget registry: every renderer `<komek-form>` knows, highest rank wins, ties go to the later entry.
 * Adding a widget is one file exporting a `WidgetRenderer` and one `registerWidget` call (or one line in
 * `widgets/index.ts`).
 */
export const registry: WidgetRenderer[] = [];
const chosen = new WeakMap<FormNode, WidgetRenderer>();

/** Adds a renderer to the registry. Models built earlier keep their choices; call before rendering a form. */
export function registerWidget(renderer: WidgetRenderer): void {
  registry.push(renderer);
}

/** The renderer with the highest rank for a node (cached per node), ranked as the core ranks widgets. */
export function rendererFor(node: FormNode): WidgetRenderer | undefined {
  let best = chosen.get(node);
  if (best) return best;
  best = resolveWidget(registry.map((r) => ({ widget: r, tester: r.tester })), node);
  if (best) chosen.set(node, best);
  return best;
}
