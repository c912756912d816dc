import {
  NOT_APPLICABLE,
  widgetOf,
  resolveWidget,
  walkNodes,
  type FormNode,
  type NodePredicate,
  type Tester,
  type WidgetKind,
} from '@komek/core';
import type { nothing, TemplateResult } from 'lit';
import type { FormContext } from './context.js';

/**
 * Draws one kind of node, `N` (a `GroupNode`, a `FieldNode`…; see `forNodes`). `base` is the pointer prefix of a
 * repeat row (`''` outside repeats).
 */
export type WidgetRender<N extends FormNode = FormNode> = (ctx: FormContext, node: N, base: string) => unknown;

/** What a bare control in a table cell is given: its place, its value and the ids that name and describe it. */
export interface CellPlace {
  /** The absolute data pointer of the answer. */
  pointer: string;
  /** The control's id (the field's). */
  id: string;
  value: unknown;
  /** Ids of the row and column headers that name the control. */
  labelledBy: string;
  /** Id of the shown message, when there is one. */
  describedBy: string | undefined;
  /** `aria-invalid` of the control (`nothing` while no message is shown). */
  invalid: 'true' | typeof nothing;
}

/** Draws the bare control of a widget in a table cell (the cell shows the messages). */
export type CellRender<N extends FormNode = FormNode> = (ctx: FormContext, node: N, place: CellPlace) => TemplateResult;

/**
 * When a widget is drawn again:
 * - `answer`: it shows nothing but its own answer and messages — only when that answer or the form's `version`
 *   changes;
 * - `subtree`: it draws the nodes under it — only when the data under its pointer or the `version` changes;
 * - `always`: on every render of its parent.
 */
export type Redraw = 'answer' | 'subtree' | 'always';

/**
 * A registered widget: what it is (declared once, here, beside its ranked tester) and how it draws. `N` is the node
 * type it draws; the registry holds `WidgetRenderer<FormNode>`s, which `forNodes` makes of narrower ones.
 */
export interface WidgetRenderer<N extends FormNode = FormNode> {
  name: string;
  tester: Tester;
  render: WidgetRender<N>;
  /** When it is drawn again (default `always`). */
  redraw?: Redraw;
  /**
   * Its control shows the typed answer itself (a text box): typing into it redraws nothing unless a condition
   * reads the answer.
   */
  echoesInput?: boolean;
  /** Its bare control in a table cell; without one a cell holds the whole widget. */
  cell?: CellRender<N>;
  /**
   * Fetches code the widget draws with that is kept out of `komek.js` (a chunk of its own: a rarely used widget, a
   * custom element). `<komek-form>` awaits it, with the form's model, validator and messages, before drawing a form
   * that has a node of this widget (`loadWidgets`).
   */
  load?: () => Promise<unknown>;
}

/** What a widget is, without how it draws: the part of a lazily drawn widget that is in `komek.js`. */
export type WidgetDeclaration = Omit<WidgetRenderer, 'render' | 'cell' | 'load'>;

/**
 * A renderer of the nodes a type guard admits, as the registry holds it: `forNodes(kindIs('group'), { … })` draws
 * `GroupNode`s, so its `render` reads `node.children` (a field widget's, `node.options`) without asking the kind.
 * Its tester is asked only about nodes the guard admits, so the registry never hands it another.
 */
export function forNodes<N extends FormNode>(
  admits: (node: FormNode) => node is N,
  widget: WidgetRenderer<N>,
): WidgetRenderer {
  const { tester, render, cell, ...rest } = widget;
  return {
    ...rest,
    tester: (node) => (admits(node) ? tester(node) : NOT_APPLICABLE),
    // Called only for nodes the tester ranked: nodes `admits` holds for.
    render: render as WidgetRender,
    ...(cell ? { cell: cell as CellRender } : {}),
  };
}

/**
 * A widget declared in `komek.js` (name, tester, when it redraws) and drawn by code in a chunk of its own: `load`
 * fetches it and puts its `render` (and `cell`) in place. Until then it draws nothing, which `loadWidgets` makes
 * sure a form never shows.
 */
export function lazyWidget(
  declared: WidgetDeclaration,
  drawing: () => Promise<Pick<WidgetRenderer, 'render' | 'cell'>>,
): WidgetRenderer {
  let loading: Promise<void> | undefined;
  const widget: WidgetRenderer = {
    ...declared,
    render: () => '',
    load: () =>
      (loading ??= drawing().then(
        ({ render, cell }) => {
          widget.render = render;
          if (cell) widget.cell = cell;
        },
        (e: unknown) => {
          // A failed fetch (offline) may be retried by loading the form again.
          loading = undefined;
          throw e;
        },
      )),
  };
  return widget;
}

/** Loads the code of every lazily drawn widget that a form (or a node's subtree, repeat rows included) uses. */
export async function loadWidgets(root: FormNode): Promise<void> {
  const loads = new Set<() => Promise<unknown>>();
  for (const node of walkNodes(root)) {
    const load = rendererFor(node)?.load;
    if (load) loads.add(load);
  }
  await Promise.all([...loads].map((load) => load()));
}

/** The node's field widget, as the core's ranked testers resolved it (`text`, `date`, `yesno`, …). */
export const widgetNamed =
  (name: WidgetKind): NodePredicate =>
  (node) =>
    widgetOf(node) === name;

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
  best = resolveWidget(
    registry.map((r) => ({ widget: r, tester: r.tester })),
    node,
  );
  if (best) chosen.set(node, best);
  return best;
}
