import type { ReactiveController, ReactiveElement } from 'lit';
import { childrenOf } from '@komek/core';
import type { FormModel, FormNode } from '@komek/core';

/**
 * A long form is drawn a part at a time: the first parts (about a screen) at once, the rest once that is painted, so
 * that the person sees the form's start without waiting for its end. Sizes in form nodes drawn: every form of the
 * catalog (the largest has under 200 nodes) is drawn in two parts; a longer one in parts of `NEXT_PART`, each a task
 * of its own, since every part also costs the browser a style and layout pass of everything drawn so far.
 */
const FIRST_PART = 15;
const NEXT_PART = 400;
const subtreeSizes = new WeakMap<FormNode, number>();

/** Nodes in a node's tree (repeat item trees not counted: a repeat starts with no rows). */
function subtreeSize(node: FormNode): number {
  let n = subtreeSizes.get(node);
  if (n === undefined) {
    n = 1;
    for (const c of childrenOf(node)) n += subtreeSize(c);
    subtreeSizes.set(node, n);
  }
  return n;
}

/** Index after the last top-level node of a part that starts at `from` (at least one node). */
function partEnd(nodes: readonly FormNode[], from: number, budget: number): number {
  let i = from;
  for (let size = 0; i < nodes.length && (i === from || size + subtreeSize(nodes[i]!) <= budget); i++)
    size += subtreeSize(nodes[i]!);
  return i;
}

/**
 * Progressive drawing of `<komek-form>`: which top-level nodes of the form are drawn (`drawn`), the next part after
 * each paint until the whole form is, and the whole form at once before printing.
 */
export class ProgressiveDrawing implements ReactiveController {
  /** How many top-level nodes of the form are drawn (see FIRST_PART). */
  drawn = 0;
  // Members that are not the controller's interface are `#private`: the minifier shortens those names.
  #host: ReactiveElement;
  #model: () => FormModel | undefined;
  #loading: () => boolean;
  #whole: () => void;
  #drawing = false;

  /**
   * @param model the form on screen
   * @param loading whether another form is being loaded (nothing more of this one is drawn meanwhile)
   * @param whole called when the last part has been drawn
   */
  constructor(host: ReactiveElement, model: () => FormModel | undefined, loading: () => boolean, whole: () => void) {
    this.#host = host;
    this.#model = model;
    this.#loading = loading;
    this.#whole = whole;
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('beforeprint', this.#onBeforePrint);
  }

  hostDisconnected(): void {
    removeEventListener('beforeprint', this.#onBeforePrint);
  }

  hostUpdated(): void {
    const model = this.#model();
    if (model && !this.#loading() && !this.complete(model)) this.#drawNextPart(model);
  }

  /** Starts drawing a newly loaded form: its first screen. */
  start(model: FormModel): void {
    this.drawn = partEnd(model.root.children, 0, FIRST_PART);
  }

  /** Whether the whole form is drawn. */
  complete(model: FormModel): boolean {
    return this.drawn >= model.root.children.length;
  }

  /**
   * Draws the next part of a long form: the second after the browser has painted the first (what a person sees at
   * once), the others in the tasks that follow, without waiting a frame each (the browser still paints between
   * them when a frame is due). A hidden page paints nothing (no frames): there every part follows one task apart.
   */
  #drawNextPart(model: FormModel): void {
    if (this.#drawing) return;
    this.#drawing = true;
    const afterPaint = (f: () => void) =>
      document.hidden || this.drawn > partEnd(model.root.children, 0, FIRST_PART)
        ? setTimeout(f)
        : requestAnimationFrame(() => setTimeout(f));
    afterPaint(() => {
      this.#drawing = false;
      if (this.#model() !== model) return;
      this.drawn = partEnd(model.root.children, this.drawn, NEXT_PART);
      this.#host.requestUpdate();
      if (this.drawn === model.root.children.length) this.#whole();
    });
  }

  /** Draws the whole form now (before focusing a field, showing every problem, or printing). */
  drawAll(): void {
    const model = this.#model();
    if (model && this.drawn < model.root.children.length) {
      this.drawn = model.root.children.length;
      this.#host.requestUpdate();
    }
  }

  #onBeforePrint = () => {
    this.drawAll();
    if (this.#host.isUpdatePending) (this.#host as unknown as { performUpdate(): void }).performUpdate();
  };
}
