import type { ReactiveController, ReactiveElement } from 'lit';
import type { FormSession, ValidationIssue } from '@komek/core';
import type { LocalizedIssue } from '../events.js';
import { idOf } from '../ids.js';
import { addStyles } from './lazy-styles.js';
import type * as CheckingModule from './checking.js';

type CheckingCode = typeof CheckingModule;
/** The form session's code and the error summary (checking.ts), once loaded. */
export let checking: CheckingCode | undefined;
/** Fetches the code that checks answers: with a form's validator, before the form is shown. */
export const loadChecking = (): Promise<CheckingCode> =>
  // Once loaded, a resolved promise: a form whose parts are all loaded is then drawn without waiting a task.
  checking
    ? Promise.resolve(checking)
    : import('./checking.js').then((m) => {
        addStyles(m.summaryStyles);
        return (checking = m);
      });

const VALIDATE_DELAY = 300;

/** What validation is told of and asks of its element. */
export interface ValidationHooks {
  /** The form session of the form on screen. */
  session(): FormSession<unknown> | undefined;
  /** Whether the element is in a host form (whose validity follows every change). */
  inForm(): boolean;
  /**
   * The data were validated (and the messages shown updated): the host form's value (`pruned`, the answers without
   * hidden ones) and validity follow.
   */
  validated(pruned: unknown): void;
  /** Something every widget shows has changed (the messages next to fields). */
  changed(): void;
  /** An interface string in the primary language. */
  ui(key: string, english: string): string;
  /** Draws the whole form (before every problem is shown). */
  drawAll(): void;
}

/**
 * Validation of `<komek-form>` as a person sees it: the form is validated after a pause in typing (when the outcome
 * shows), when a field is left or a change committed, and on submit; a field's messages show once the person has
 * changed it and left it, or all of them after a submit, with the summary above the form.
 */
export class Validation implements ReactiveController {
  /** The problems of the data, in form order. */
  issues: readonly ValidationIssue[] = [];
  /** The messages shown next to fields, by pointer. */
  shown = new Map<string, string[]>();
  /** A submit was tried: every problem shows. */
  submitted = false;
  /** The problems listed above the form after a submit. */
  summary: LocalizedIssue[] | undefined;
  /** Whether the current model's data has been validated once (`ready` waits for it). */
  validated = false;
  /** Answers changed since the last validation (see `typed`). */
  stale = false;
  /** What the live region says to screen readers. */
  announcement = '';
  // Members that are not the controller's interface are `#private`: the minifier shortens those names.
  #host: ReactiveElement;
  #hooks: ValidationHooks;
  /** Ids of fields (and their groups) the person has changed: their messages show once they are left. */
  #edited = new Set<string>();
  /** Ids of changed fields the person has left: their messages show. */
  #touched = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #listening = false;

  constructor(host: ReactiveElement, hooks: ValidationHooks) {
    this.#host = host;
    this.#hooks = hooks;
    host.addController(this);
  }

  hostConnected(): void {
    if (this.#listening) return;
    this.#listening = true;
    this.#host.renderRoot.addEventListener('focusout', (e) => this.#onFocusOut(e as FocusEvent));
  }

  /** Nothing shown: a new form, or the answers reset. */
  forget(): void {
    this.submitted = false;
    this.summary = undefined;
    this.#touched.clear();
    this.#edited.clear();
  }

  /** The answer at a pointer was changed by the person: validated after the typing pause when that shows. */
  typed(pointer: string): void {
    for (let p = pointer; p !== ''; p = p.replace(/\/[^/]*$/, '')) this.#edited.add(idOf(p));
    clearTimeout(this.#timer);
    this.stale = true;
    // Validated after the typing pause when its outcome shows: a host form's validity, the messages on screen or the
    // summary. Otherwise leaving the field validates (and `validationIssues` does when read).
    if (this.#hooks.inForm() || this.submitted || this.shown.size > 0) this.later(VALIDATE_DELAY);
  }

  /** Validates after `delay` ms (instead of any validation waiting). */
  later(delay: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.run(), delay);
  }

  /** Validates now (instead of any validation waiting). */
  now(): void {
    clearTimeout(this.#timer);
    this.run();
  }

  /** Validates the data (hidden branches pruned) and updates the host form's value and validity. */
  run(): void {
    const session = this.#hooks.session();
    if (!session) return;
    this.stale = false;
    if (!this.validated) {
      this.validated = true;
      this.#host.requestUpdate();
    }
    this.issues = session.rawIssues;
    this.refresh();
    this.#hooks.validated(session.value);
  }

  /** An issue worded in the languages on screen. */
  word(issue: ValidationIssue): LocalizedIssue {
    return this.#hooks.session()!.word(issue);
  }

  /** The issues worded in the languages on screen. */
  worded(): LocalizedIssue[] {
    return this.issues.map((i) => this.word(i));
  }

  /** Recomputes the messages shown next to fields: touched ones, or all after a submit. */
  refresh(): void {
    const next = new Map<string, string[]>();
    for (const issue of this.issues) {
      if (!this.submitted && !this.#touched.has(idOf(issue.pointer))) continue;
      const list = next.get(issue.pointer) ?? [];
      list.push(this.word(issue).text);
      next.set(issue.pointer, list);
    }
    const key = (m: Map<string, string[]>) => JSON.stringify([...m]);
    if (key(next) !== key(this.shown)) {
      this.shown = next;
      this.#hooks.changed();
    }
    if (this.summary) this.summary = this.issues.length > 0 ? this.worded() : undefined;
  }

  /**
   * A submit: validates now; the problems when there are any (all then shown, with the summary), else none (and
   * the summary is gone).
   */
  submit(): LocalizedIssue[] | undefined {
    this.now();
    if (this.issues.length > 0) {
      this.showAll(true);
      return this.summary;
    }
    this.summary = undefined;
    this.submitted = false;
    this.#host.requestUpdate();
    return undefined;
  }

  /** Says a text to screen readers (emptied first, so that the same words are said again). */
  announce(text: string): void {
    this.announcement = '';
    this.#host.requestUpdate();
    requestAnimationFrame(() => {
      this.announcement = text;
      this.#host.requestUpdate();
    });
  }

  /** After a submit attempt (or the host form's validation): every problem next to its field, and the summary. */
  showAll(focusSummary: boolean): void {
    this.#hooks.drawAll();
    this.submitted = true;
    this.summary = this.worded();
    this.refresh();
    this.#hooks.changed();
    if (focusSummary) {
      this.announce(this.#hooks.ui('errorSummary', 'Please correct the following'));
      void this.#host.updateComplete.then(() => this.#host.renderRoot.querySelector<HTMLElement>('.summary')?.focus());
    }
  }

  /** Leaving a changed field shows its messages (not before: tabbing through a form must not fill it with errors). */
  #onFocusOut(e: FocusEvent): void {
    const target = e.target as HTMLElement & { name?: string };
    const ids = [target.name ?? ''];
    for (let el: HTMLElement | null = target; el; el = el.parentElement) ids.push(el.id);
    for (const id of ids) if (id && this.#edited.has(id)) this.#touched.add(id);
    const before = this.shown;
    this.now();
    // Announce a message that has just appeared for the field being left.
    const fresh = [...this.shown].find(([p]) => !before.has(p) && ids.includes(idOf(p)));
    if (fresh) this.announce(fresh[1].map((m) => `${this.#hooks.ui('errorPrefix', 'Error:')} ${m}`).join(' '));
  }
}
