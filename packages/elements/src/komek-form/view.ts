import { nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import {
  formatMessageKey,
  getAtPointer,
  isReadByConditions,
  unworded,
  type FormModel,
  type FormNode,
} from '@komek/core';
import type { FormContext } from '../context.js';
import { rendererFor } from '../registry.js';
import type { KeyboardNavigation } from './keyboard.js';
import type { Localization } from './localization.js';
import type { ProgressiveDrawing } from './drawing.js';
import type { Validation } from './validation.js';

/** Every property optional, all the way down: the data while a form is being filled in. */
export type Partially<T> = T extends (infer U)[]
  ? Partially<U>[]
  : T extends object
    ? { [K in keyof T]?: Partially<T[K]> }
    : T;

const EMPTY: readonly string[] = Object.freeze([]);

/** What the view of a form draws from: the element's parts. */
export interface ViewParts {
  model(): FormModel | undefined;
  /** The answers as typed. */
  answers(): unknown;
  /** Whether a node's own condition holds (the form session's `isShown`). */
  isShown(node: FormNode, base: string): boolean;
  editable(): boolean;
  set(pointer: string, value: unknown, commit?: boolean): void;
  l10n: Localization;
  validation: Validation;
  keyboard: KeyboardNavigation;
  drawing: ProgressiveDrawing;
  /** Waits for the element's pending update. */
  updated(): Promise<unknown>;
}

/**
 * How `<komek-form>` draws its nodes: the context its widgets are given (`ctx`), and each node by its registered
 * widget, drawn again only when what it shows may have changed (`redraw`, `version`).
 */
export class FormView {
  readonly ctx: { -readonly [K in keyof FormContext]: FormContext[K] };
  #parts: ViewParts;

  /** Bumped when something every widget shows changes: containers re-render only then or when their data does. */
  get version(): number {
    return this.ctx.version;
  }
  set version(value: number) {
    this.ctx.version = value;
  }

  constructor(parts: ViewParts) {
    this.#parts = parts;
    const { l10n } = parts;
    this.ctx = {
      get model() {
        return parts.model()!;
      },
      get editable() {
        return parts.editable();
      },
      version: 0,
      value: (pointer) => getAtPointer(parts.answers(), pointer),
      set: (pointer, value, commit) => parts.set(pointer, value, commit),
      label: (node) => l10n.label(node, node === parts.model()?.root),
      text: (key, english) => l10n.localizer.t(formatMessageKey(key), english ?? unworded(key)),
      bilingual: (key, english) => l10n.bilingual(formatMessageKey(key), english ?? unworded(key)),
      ui: (key, english) => l10n.ui(key, english),
      uiBilingual: (key, english) => l10n.bilingual(`ui:${key}`, english),
      errors: (pointer) => parts.validation.shown.get(pointer) ?? EMPTY,
      renderNode: (node, base) => this.node(node, base),
      isShown: (node, base) => parts.isShown(node, base),
      focus: (pointer) => {
        parts.drawing.drawAll();
        void parts.updated().then(() => parts.keyboard.focus(pointer));
      },
    };
  }

  /** A node drawn by its widget; `nothing` when its condition hides it. */
  node(node: FormNode, base: string): unknown {
    if (!this.#parts.isShown(node, base)) return nothing;
    const renderer = rendererFor(node);
    if (!renderer) return nothing;
    const draw = () => renderer.render(this.ctx, node, base);
    const { redraw } = renderer;
    if (redraw !== 'answer' && redraw !== 'subtree') return draw();
    const pointer = base + node.pointer;
    const deps = [getAtPointer(this.#parts.answers(), pointer), this.version];
    return guard(redraw === 'answer' ? [pointer, ...deps] : deps, draw);
  }

  /**
   * Whether a new answer at `pointer` changes what is drawn. Typing into a text, number or date field changes only
   * that control, which already shows it, unless a condition reads the answer (a question shown or hidden by it);
   * messages follow with the validation after the typing pause.
   */
  showsChange(pointer: string): boolean {
    const model = this.#parts.model();
    const node = model?.byPointer.get(pointer);
    if (!node || !rendererFor(node)?.echoesInput) return true;
    return isReadByConditions(model!, pointer);
  }
}
