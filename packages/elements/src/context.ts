import type { FormModel, FormNode, MessageKey } from '@komek/core';
import type { TemplateResult } from 'lit';

/**
 * What a widget renderer is given: the form's state and the operations it may perform. `<komek-form>` implements
 * it; widgets never reach into the element.
 */
export interface FormContext {
  readonly model: FormModel;
  /** Whether answers may be changed (not `readonly`, not disabled by a host form). */
  readonly editable: boolean;
  /** Changes whenever something every widget shows changes (language, shown errors, readonly). */
  readonly version: number;
  /** The value at an absolute data pointer. */
  value(pointer: string): unknown;
  /**
   * Sets the value at an absolute data pointer (`undefined` removes it: unanswered). `commit` marks a finished
   * change (a row added or removed): validated at once and announced with `change`.
   */
  set(pointer: string, value: unknown, commit?: boolean): void;
  /** The label of a node (number, primary language, required mark, secondary language under it). */
  label(node: FormNode): TemplateResult | string;
  /**
   * A message in the primary language only (for `aria-label`s and option texts in tight places); `english` is the
   * model's English where it has it (a model built from a host's schema), else the loaded `en` messages give it.
   */
  text(key: MessageKey, english: string | undefined): string;
  /** A message in the primary language with the secondary under it. */
  bilingual(key: MessageKey, english: string | undefined): TemplateResult | string;
  /** A `ui` namespace string in the primary language, with its English fallback. */
  ui(key: string, english: string): string;
  /** A `ui` namespace string in both languages. */
  uiBilingual(key: string, english: string): TemplateResult | string;
  /** The messages to show next to the field at this pointer (empty when none is shown). */
  errors(pointer: string): readonly string[];
  /** Renders a node by its registered widget; `nothing` when its condition hides it. */
  renderNode(node: FormNode, base: string): unknown;
  /** Moves focus to the control of a pointer once the form has rendered (after adding or removing a row). */
  focus(pointer: string): void;
  /** Whether a node is shown for the current data (its own condition; parents are checked by rendering). */
  isShown(node: FormNode, base: string): boolean;
}
