import type { ReactiveController, ReactiveElement } from 'lit';
import type { FormModel, FormSession } from '@komek/core';

/** What the answers tell their element of, and ask of it. */
export interface AnswersHooks {
  /** The form on screen. */
  model(): FormModel | undefined;
  /** Whether a new answer at a pointer changes what is drawn (see `FormView.showsChange`). */
  showsChange(pointer: string): boolean;
  /** The person changed the answer at a pointer (the draft and the validation follow). */
  typed(pointer: string): void;
  /** A finished change: validated at once. */
  committed(): void;
  /** Every answer replaced: every control is drawn again, and validated when a form is on screen. */
  replaced(reset: boolean): void;
}

/**
 * The answers of `<komek-form>`: as typed (`current`, kept in the form session once a form is loaded), what the host
 * set (a reset returns to it), and the changes the person makes, each announced with `input` (and `change` when
 * finished). The host's own `input` and `change` events stand for those of its inner controls.
 */
export class Answers<T> implements ReactiveController {
  /** The answers, validation and visibility of the loaded form (core's form session, whose code comes with it). */
  session: FormSession<T> | undefined;
  // Members that are not the controller's interface are `#private`: the minifier shortens those names.
  #answers = {} as T;
  #initial = {} as T;
  #host: ReactiveElement;
  #hooks: AnswersHooks;
  #listening = false;

  constructor(host: ReactiveElement, hooks: AnswersHooks) {
    this.#host = host;
    this.#hooks = hooks;
    host.addController(this);
  }

  hostConnected(): void {
    if (this.#listening) return;
    this.#listening = true;
    const root = this.#host.renderRoot;
    // Inner controls' `input` events are composed and would leak out as if the host were the control: the host
    // fires its own, once per change, instead. `change` does not cross the shadow boundary; re-fire it.
    root.addEventListener('input', (e) => e.stopPropagation());
    root.addEventListener('change', (e) => {
      const t = e.target as HTMLInputElement;
      if (t.dataset?.yesno !== undefined) this.set(t.closest('fieldset')!.dataset.pointer!, t.value === 'yes');
      this.commit();
    });
  }

  /** The answers as typed (the session's once a form is loaded). */
  get current(): T {
    return this.#answers;
  }
  set current(value: T) {
    this.#answers = value;
    if (this.session) this.session.data = value;
  }

  /** The data as submitted: hidden questions' answers left out. */
  get value(): T {
    return this.session ? this.session.value : this.#answers;
  }

  /** The host sets the answers: also what a reset returns to. */
  replace(value: T): void {
    this.current = this.#initial = value;
    this.#hooks.replaced(false);
  }

  /** Back to the answers the host set. */
  reset(): void {
    this.current = this.#initial;
    this.#hooks.replaced(true);
  }

  /** The answers a browser restores (a host form's state, as JSON). */
  restore(state: unknown): void {
    if (typeof state !== 'string') return;
    try {
      this.current = JSON.parse(state) as T;
    } catch {
      return;
    }
    this.#hooks.replaced(false);
  }

  /** Sets an answer the person gave; `commit` marks a finished change (validated at once, `change` fired). */
  set(pointer: string, value: unknown, commit = false): void {
    const session = this.session;
    if (session) {
      session.setAnswer(pointer, value);
      this.#answers = session.data;
      if (this.#hooks.showsChange(pointer)) this.#host.requestUpdate();
      this.#host.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      this.#hooks.typed(pointer);
    }
    if (commit) this.commit();
  }

  commit(): void {
    this.#hooks.committed();
    this.#host.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }
}
