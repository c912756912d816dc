import type { ReactiveController, ReactiveElement } from 'lit';
import { idOf } from '../ids.js';

/** The controls focus may land on. */
export const FOCUSABLE = 'input, select, textarea, button, komek-signature-pad';

/**
 * Keyboard navigation of `<komek-form>`: Y / N (or + / −) answer a YES / NO question and move on to the next one;
 * ↑ / ↓ move between questions; Delete (or Backspace) clears a radio group's answer.
 */
export class KeyboardNavigation implements ReactiveController {
  // Members that are not the controller's interface are `#private`: the minifier shortens those names.
  #host: ReactiveElement;
  #editable: () => boolean;
  #clear: (pointer: string) => void;
  #listening = false;

  /**
   * @param editable whether answers may be changed now
   * @param clear removes the answer at a pointer (a finished change)
   */
  constructor(host: ReactiveElement, editable: () => boolean, clear: (pointer: string) => void) {
    this.#host = host;
    this.#editable = editable;
    this.#clear = clear;
    host.addController(this);
  }

  hostConnected(): void {
    if (this.#listening) return;
    this.#listening = true;
    this.#host.renderRoot.addEventListener('keydown', (e) => this.#onKeyDown(e as KeyboardEvent));
  }

  #onKeyDown(e: KeyboardEvent): void {
    const t = e.target as HTMLInputElement;
    if (t.type !== 'radio' || e.altKey || e.ctrlKey || e.metaKey) return;
    const group = t.closest('fieldset');
    if (!group) return;
    if ((e.key === 'Delete' || e.key === 'Backspace') && group.dataset.pointer && this.#editable()) {
      e.preventDefault();
      this.#clear(group.dataset.pointer);
      return;
    }
    if (t.dataset.yesno === undefined) return;
    const yes = e.code === 'KeyY' || e.key === '+' || e.key.toLowerCase() === 'y';
    const no = e.code === 'KeyN' || e.key === '-' || e.key.toLowerCase() === 'n';
    if ((yes || no) && this.#editable()) {
      e.preventDefault();
      group.querySelector<HTMLInputElement>(`input[value=${yes ? 'yes' : 'no'}]`)?.click();
      void this.#host.updateComplete.then(() => this.#moveFrom(group, 1, false));
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      this.#moveFrom(group, e.key === 'ArrowDown' ? 1 : -1, true);
    }
  }

  /** Moves focus to the next (or previous) control after a radio group; only to YES / NO questions with `yesNoOnly`. */
  #moveFrom(group: HTMLElement, step: 1 | -1, yesNoOnly: boolean): void {
    const stops = this.#tabStops();
    let i = stops.findIndex((el) => group.contains(el));
    for (i += step; i >= 0 && i < stops.length; i += step) {
      const el = stops[i]!;
      if (group.contains(el)) continue;
      if (!yesNoOnly || el.dataset.yesno !== undefined) {
        el.focus();
        return;
      }
    }
  }

  /** The controls Tab visits, in order: one per radio group (its checked radio, else its first). */
  #tabStops(): HTMLElement[] {
    const seen = new Set<string>();
    const all = [...this.#host.renderRoot.querySelectorAll<HTMLInputElement>(FOCUSABLE)].filter(
      (el) => !el.disabled && el.getClientRects().length > 0,
    );
    return all.filter((el) => {
      if (el.type !== 'radio') return true;
      if (seen.has(el.name)) return false;
      const checked = all.find((r) => r.name === el.name && r.checked);
      if (checked && checked !== el) return false;
      seen.add(el.name);
      return true;
    });
  }

  /** The element that stands for a pointer: its control, or the nearest rendered ancestor's. */
  anchorOf(pointer: string): HTMLElement | undefined {
    const root = this.#host.renderRoot as ShadowRoot;
    for (let p = pointer; ; p = p.replace(/\/[^/]*$/, '')) {
      const el = root.getElementById(idOf(p));
      if (el) {
        if (el.matches(FOCUSABLE)) return el;
        const inside = el.querySelector<HTMLElement>(`input:checked, ${FOCUSABLE}`);
        if (inside) return inside;
      }
      if (p === '') return undefined;
    }
  }

  /** Moves focus to the control that stands for a pointer. */
  focus(pointer: string): void {
    this.anchorOf(pointer)?.focus();
  }
}
