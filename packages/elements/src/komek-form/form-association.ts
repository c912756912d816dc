/**
 * HTML reads a form-associated element's `form` attribute as the id of its form: `form="kz-f1-…"` inside a host
 * `<form>` would cut the element off from it. Inside a form, a `form` attribute that names no form of the page is a
 * form id of the catalog: it moves to `form-id`.
 */
export function adoptFormAttribute(host: HTMLElement & { formId: string | undefined }): void {
  const id = host.getAttribute('form');
  // The tree the element is in: the page, a shadow root, or a tree not in any page yet (parsed HTML).
  const root = host.getRootNode() as ParentNode;
  if (id && host.parentElement?.closest('form') && !root.querySelector(`form#${CSS.escape(id)}`)) {
    host.formId = id;
    host.removeAttribute('form');
  }
}

/**
 * `<komek-form>` as a control of a host `<form>`: its `ElementInternals`, the value and state the host form submits
 * and restores, its validity (the message and the control the browser points at), whether a disabled fieldset
 * disables it, and the host form's submit (which `submitted` is told of). The element's form-associated callbacks
 * hand over to it.
 */
export class FormAssociation {
  readonly internals: ElementInternals;
  /** Whether the host form disables the element (a disabled fieldset around it). */
  disabled = false;
  // Members that are not the class's interface are `#private`: the minifier shortens those names.
  #form: HTMLFormElement | null = null;
  #submitted: () => void;

  constructor(host: HTMLElement, submitted: () => void) {
    this.#submitted = submitted;
    this.internals = host.attachInternals();
    this.internals.setValidity({ customError: true }, 'The form is loading');
  }

  /** The host form, when the element is inside one. */
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  /** The element joined (or left) a host form. */
  associate(form: HTMLFormElement | null): void {
    this.#form?.removeEventListener('submit', this.#onSubmit);
    this.#form = form;
    form?.addEventListener('submit', this.#onSubmit);
  }

  #onSubmit = () => this.#submitted();

  /** The value a host form submits (JSON, hidden answers pruned) and the state it restores; none outside a form. */
  setValue(submitted: unknown, state: unknown): void {
    if (this.internals.form) this.internals.setFormValue(JSON.stringify(submitted), JSON.stringify(state));
  }

  /** Valid (no message), or invalid with the message and the control a browser points at. */
  setValidity(message?: string, anchor?: HTMLElement): void {
    if (message === undefined) this.internals.setValidity({});
    else this.internals.setValidity({ customError: true }, message, anchor);
  }
}
