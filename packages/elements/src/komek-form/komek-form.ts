import { CSSResult, LitElement, html, nothing, type PropertyValues } from 'lit';
import type { CaseRecord, FormNode, SchemaBundle, Validator } from '@komek/core';
import { Answers } from './answers.js';
import { dataAttribute } from './data-attribute.js';
import { KomekInvalidEvent, KomekSubmitEvent, type LocalizedIssue } from '../events.js';
import { postFrom } from './posting.js';
import type { PdfExporter } from './pdf-download.js';
import { Consent } from './consent.js';
import { Drafts } from './drafts.js';
import { FormAssociation, adoptFormAttribute } from './form-association.js';
import { ProgressiveDrawing } from './drawing.js';
import { KeyboardNavigation } from './keyboard.js';
import { FormLoader } from './loading.js';
import { LazyStyles } from './lazy-styles.js';
import { Validation, checking } from './validation.js';
import { loadLanguages, prepare, updateValidity, type FormParts } from './setup.js';
import { Localization } from './localization.js';
import { marksLegend } from './marks-legend.js';
import { FormView, type Partially } from './view.js';
import { registry } from '../registry.js';
import { defaultRenderers } from '../widgets/index.js';
import { styles } from './komek-form.styles.js';

if (registry.length === 0) registry.push(...defaultRenderers);

/** A validator as the generated ones are: a predicate whose last errors are on `.errors` (core's `Validator`). */
export type { Validator, Partially };
export type { PdfExporter, PdfRequest } from './pdf-download.js';

/**
 * Renders a Komek form from the catalog (or any schema bundle) as an accessible, bilingual, form-associated web
 * component: fields, YES / NO indicator tables, needs and plan tables, checklists and signatures, with validation
 * messages in the person's language, conditional questions and encrypted drafts.
 *
 * @fires {Event} input - Whenever an answer changes; read `data`.
 * @fires {Event} change - When an answer is committed (a field left, a choice made, a row added or removed).
 * @fires {KomekSubmitEvent} komek-submit - Valid data was submitted (`event.data`, hidden branches pruned). Cancelable: cancelling keeps the draft.
 * @fires {KomekInvalidEvent} komek-invalid - A submit found problems (`event.issues`, localized, in form order).
 * @fires {KomekDraftRestoredEvent} komek-draft-restored - A saved draft was put back into the form.
 * @fires {CustomEvent} komek-posted - With `action`: the server's answer to the post (`event.detail`: `{ok, status, body}`); the draft is cleared only when stored.
 * @fires {KomekDraftProblemEvent} komek-draft-problem - A saved draft does not open (kept aside), or answers could not be saved; the person is told too.
 *
 * @csspart form - The whole form.
 * @csspart title - The form's title.
 * @csspart marks - The line above the form that explains the marks: * must be answered, † not on the printed form.
 * @csspart notice - The "draft restored" notice, and the draft problems (also part `draft-problem`).
 * @csspart summary - The list of problems shown after a submit.
 * @csspart section - A numbered top-level section (also has part `group`).
 * @csspart group - A fieldset grouping questions.
 * @csspart legend - The legend of a group.
 * @csspart field - One question with its label, control and message.
 * @csspart label - A question's label.
 * @csspart secondary - The label in the secondary language.
 * @csspart input - A text, number, date or list control.
 * @csspart textarea - A multi-line text control.
 * @csspart checkbox - A tick box.
 * @csspart indicator-table - A YES / NO indicator group.
 * @csspart indicator - One YES / NO row of an indicator table.
 * @csspart needs-table - The table of a needs assessment.
 * @csspart plan-table - The table of an individual plan.
 * @csspart category - A category row heading in a table.
 * @csspart static - A printed sentence (consent wording).
 * @csspart description - Help text under a label.
 * @csspart error - A validation message next to a field.
 * @csspart button - Every button.
 * @csspart submit - The submit button.
 * @csspart signature-pad - The drawing surface of a signature.
 *
 * @cssprop [--komek-font='Noto Sans', 'DejaVu Sans', system-ui, sans-serif] - Font family (the host page loads the font; both named draw all six languages).
 * @cssprop [--komek-font-size=1rem] - Base font size.
 * @cssprop [--komek-font-size-title=1.75em] - The form's title (type scale, ratio 1.25).
 * @cssprop [--komek-font-size-section=1.375em] - Section headings.
 * @cssprop [--komek-font-size-small=0.875em] - The second language and the marks legend.
 * @cssprop [--komek-target-size=2.75rem] - Least height of controls, buttons and answer labels (44 px touch targets).
 * @cssprop [--komek-color-text=#1a1a1a] - Text colour.
 * @cssprop [--komek-color-muted=#595959] - Secondary language and help text (4.5:1 on white at least).
 * @cssprop [--komek-color-bg=#ffffff] - Background.
 * @cssprop [--komek-color-input-bg=#ffffff] - Background of controls.
 * @cssprop [--komek-color-border=#6b6b6b] - Borders of controls (3:1 at least).
 * @cssprop [--komek-color-accent=#0b5cad] - Buttons and headings.
 * @cssprop [--komek-color-accent-text=#ffffff] - Text on the accent colour.
 * @cssprop [--komek-color-error=#b3261e] - Validation messages.
 * @cssprop [--komek-color-focus=#1a5fb4] - The focus ring.
 * @cssprop [--komek-color-stripe=#f4f6f8] - Alternate rows of indicator tables.
 * @cssprop [--komek-radius=4px] - Corner radius.
 * @cssprop [--komek-space=1rem] - Base spacing.
 * @cssprop [--komek-content-visibility=auto] - `content-visibility` of sections: `auto` skips laying out sections far off screen; `visible` lays out everything (e.g. for tools that measure every element).
 */
export class KomekForm<T extends object = Record<string, unknown>> extends LitElement {
  static formAssociated = true;
  static override styles = styles;
  static override properties = {
    form: {},
    formId: { attribute: 'form-id' },
    schema: { attribute: false },
    validator: { attribute: false },
    lang: { reflect: true },
    secondaryLang: { attribute: 'secondary-lang' },
    data: { noAccessor: true, converter: dataAttribute },
    readonly: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
    name: { reflect: true },
    draftKey: { attribute: 'draft-key' },
    noSubmit: { type: Boolean, attribute: 'no-submit' },
    pdfExporter: { attribute: false },
    caseRecords: { attribute: false },
    action: {},
    token: { attribute: false },
  };

  /** Catalog id of the form to render (e.g. `kz-f1-initial-application`). Inside a host `<form>` use `form-id`. */
  declare form: string | undefined;
  /** Same as `form`, for use inside a host `<form>` (where HTML reserves the `form` attribute for its id). */
  declare formId: string | undefined;
  /** A schema bundle to render instead of a catalog form. */
  declare schema: SchemaBundle | undefined;
  /** A validator for `schema` (catalog forms load their precompiled one). */
  declare validator: Validator | undefined;
  /** Primary language (`en`, `ru`, `kk`, `ky`, `tg`, `uz`); defaults to the page's `lang`, else English. */
  declare lang: string;
  /** Optional second language shown under every label. */
  declare secondaryLang: string | undefined;
  /** Shows the answers without letting them change. */
  declare readonly: boolean;
  /** Disables the form (also set by a disabled host fieldset). */
  declare disabled: boolean;
  /** Name under which the data (JSON) is in the host form's `FormData`. */
  declare name: string | undefined;
  /** Saves an encrypted draft under this key as the person types, and restores it on load. */
  declare draftKey: string | undefined;
  /** Hides the built-in submit button (a host form's own button submits). */
  declare noSubmit: boolean;
  /** Shows "Download PDF" and calls this to make it. */
  declare pdfExporter: PdfExporter | undefined;
  /**
   * The case's saved forms (`{ formId, data }`), for the consent the guidelines require before identification,
   * assessment and planning (`consentGates` of @komek/forms, declared in the schemas). Given, a gated form is not shown until a signed consent
   * is among them, and a later refusal or a withdrawn consent closes it again; a notice names the form to complete.
   * Left unset, the host is responsible for consent.
   */
  declare caseRecords: readonly CaseRecord[] | undefined;
  /**
   * A Komek server's submissions URL (`…/api/cases/<case id>/submissions`): a valid submit is posted there with a new
   * idempotency key, retried with the same key on network failure or 5xx, and `komek-posted` tells the outcome.
   */
  declare action: string | undefined;
  /** An API token for `action` (sent as a Bearer token); without it the page's own cookies go with the post. */
  declare token: string | undefined;

  /** The form's model and validator, `ready`, the load error. */
  readonly #loader: FormLoader = new FormLoader(
    this,
    (model) => this.#drawing.complete(model) && this.#validation.validated,
    (current) => this.#l10n.load([], current),
  );
  /** The answers and the form session that holds them once a form is loaded. */
  readonly #answers: Answers<Partially<T>> = new Answers(this, {
    model: () => this.#loader.model,
    showsChange: (pointer) => this.#view.showsChange(pointer),
    typed: (pointer) => {
      this.#drafts.changed();
      this.#validation.typed(pointer);
    },
    committed: () => this.#validation.now(),
    replaced: (reset) => {
      // Every control redrawn: one typed into may show an answer no render has seen (see `showsChange`).
      this.#view.version++;
      if (reset) {
        this.#validation.forget();
        this.#drafts.notice = undefined;
      }
      this.requestUpdate();
      if (this.#loader.model) this.#validation.run();
    },
  });
  /** The element as a control of a host form. */
  readonly #association = new FormAssociation(this, () => {
    if (this.draftKey) void this.clearDraft(false);
  });
  /** The encrypted draft and its notices. */
  readonly #drafts = new Drafts(
    this,
    () => this.#loader.model?.meta.id,
    () => this.#answers.current,
  );
  /** The languages on screen and their messages. */
  readonly #l10n = new Localization(this);
  /** The consent a gated form needs (`caseRecords`). */
  readonly #consent = new Consent(this, () => this.#loader.model);
  /** Which part of a long form is drawn. */
  readonly #drawing: ProgressiveDrawing = new ProgressiveDrawing(
    this,
    () => this.#loader.model,
    () => this.#loader.loading || this.#loader.error !== undefined,
    () => {
      // The control the host form's validity points at may only now exist.
      if (this.#validation.validated) void this.updateComplete.then(() => updateValidity(this.#parts));
    },
  );
  /** Keyboard answers and moves; where focus goes for a pointer. */
  readonly #keyboard = new KeyboardNavigation(
    this,
    () => this.#editable,
    (pointer) => this.#answers.set(pointer, undefined, true),
  );
  /** Which problems show, where and when. */
  readonly #validation: Validation = new Validation(this, {
    session: () => this.#answers.session,
    inForm: () => this.#association.form !== null,
    validated: (pruned) => {
      this.#association.setValue(pruned, this.#answers.current);
      // Validity now, so a host reading it at once sees it; the anchor once the fields it points at are rendered.
      updateValidity(this.#parts);
      if (this.isUpdatePending) void this.updateComplete.then(() => updateValidity(this.#parts));
    },
    changed: () => this.#bump(),
    ui: (key, english) => this.#l10n.ui(key, english),
    drawAll: () => this.#drawing.drawAll(),
  });
  /** The widgets' context and each node drawn by its widget. */
  readonly #view = new FormView({
    model: () => this.#loader.model,
    answers: () => this.#answers.current,
    isShown: (node: FormNode, base: string) => this.#answers.session?.isShown(node, base) ?? true,
    editable: () => this.#editable,
    set: (pointer, value, commit) => this.#answers.set(pointer, value, commit),
    l10n: this.#l10n,
    validation: this.#validation,
    keyboard: this.#keyboard,
    drawing: this.#drawing,
    updated: () => this.updateComplete,
  });

  constructor() {
    super();
    this.readonly = false;
    this.disabled = false;
    this.noSubmit = false;
    new LazyStyles(this);
    // `invalid` comes both from a host form's submit (the browser then focuses our anchor) and from a script's
    // silent `checkValidity()`: show every message only in the first case.
    this.addEventListener('invalid', () =>
      requestAnimationFrame(() => this.matches(':focus-within') && this.#validation.showAll(false)),
    );
  }

  /**
   * The answers as typed, including those of questions now hidden (kept so that showing the question again brings
   * them back). Setting it replaces the answers; the value set is also what a form reset returns to.
   */
  get data(): Partially<T> {
    return this.#answers.current;
  }
  set data(value: Partially<T> | undefined) {
    const old = this.#answers.current;
    this.#answers.replace((value ?? {}) as Partially<T>);
    this.requestUpdate('data', old);
  }

  /** The data as submitted: hidden questions' answers left out. */
  get value(): Partially<T> {
    return this.#answers.value;
  }

  get #editable(): boolean {
    return !this.readonly && !this.disabled && !this.#association.disabled;
  }

  /** The problems of the current data, localized (empty when valid or before the form has loaded). */
  get validationIssues(): LocalizedIssue[] {
    if (this.#validation.stale) this.#validation.run();
    return this.#validation.worded();
  }

  /**
   * Resolves once the form (model, validator, messages, draft) is loaded, validated and wholly drawn (a long form is
   * drawn once its first screen is painted), or once the element shows why it could not load it. Changing
   * `form` (or `schema`) starts a new `ready`.
   */
  get ready(): Promise<void> {
    return this.#loader.ready;
  }

  /** The host form, when the element is inside one. */
  get hostFormElement(): HTMLFormElement | null {
    return this.#association.form;
  }

  /** Validates as a submit would, shows the problems, and fires `komek-submit` or `komek-invalid`. */
  async submit(): Promise<boolean> {
    this.#drawing.drawAll();
    await this.updateComplete;
    const model = this.#loader.model;
    if (!model || this.#consent.closed()) return false;
    const problems = this.#validation.submit();
    if (problems) {
      this.dispatchEvent(new KomekInvalidEvent(model.meta.id, problems));
      return false;
    }
    const event = new KomekSubmitEvent<T>(model.meta.id, this.value as T);
    if (!this.dispatchEvent(event)) return true;
    const { action, token } = this;
    if (action && !(await postFrom(this, { action, token, formId: event.formId, data: event.data }))) return false;
    await this.clearDraft(false);
    return true;
  }

  /** Deletes the saved draft; with `reset` (the default) also empties the form back to the data the host set. */
  async clearDraft(reset = true): Promise<void> {
    this.#drafts.cancel();
    if (reset) this.#answers.reset();
    await this.#drafts.delete();
    this.requestUpdate();
  }

  /** Saves the draft now instead of after the typing pause. */
  async saveDraftNow(): Promise<void> {
    await this.#drafts.save();
  }

  // ——— form-associated callbacks ———

  /** @internal */
  formAssociatedCallback(form: HTMLFormElement | null): void {
    this.#association.associate(form);
    const session = this.#answers.session;
    if (form && session) this.#association.setValue(session.value, session.data);
    this.requestUpdate();
  }

  /** @internal */
  formResetCallback(): void {
    this.#answers.reset();
    if (this.draftKey) void this.clearDraft(false);
  }

  /** @internal */
  formDisabledCallback(disabled: boolean): void {
    this.#association.disabled = disabled;
    this.#bump();
  }

  /** @internal */
  formStateRestoreCallback(state: unknown): void {
    this.#answers.restore(state);
  }

  // ——— lifecycle ———

  override connectedCallback(): void {
    super.connectedCallback();
    adoptFormAttribute(this);
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'form') adoptFormAttribute(this);
  }

  protected override willUpdate(changed: PropertyValues): void {
    const model = this.#loader.model;
    // Guarded sections re-render when `version` changes: whether answers can be changed is part of what they show.
    if (changed.has('readonly') || changed.has('disabled')) this.#view.version++;
    if (changed.has('form') || changed.has('formId') || changed.has('schema') || changed.has('validator')) this.#load();
    else if ((changed.has('lang') || changed.has('secondaryLang') || changed.has('caseRecords')) && model)
      void loadLanguages(this.#parts, model, this.#loader.current());
    if (changed.has('caseRecords') && model && this.#validation.validated) updateValidity(this.#parts);
  }

  /** Loads the form asked for, with its messages, and the draft; then validates it once it is drawn. */
  #load(): void {
    const source = { id: this.formId || this.form, schema: this.schema, validator: this.validator };
    void this.#loader.load(source, (model, validating, current) => prepare(this.#parts, model, validating, current));
  }

  /** The last "Download PDF" failed (its code not fetched, or the host's exporter threw): the person is told. */
  #pdfFailed = false;

  /** "Download PDF": the download's code is a chunk of its own, fetched on the first click. */
  async #downloadPdf(): Promise<void> {
    this.#pdfFailed = false;
    this.requestUpdate();
    try {
      await (await import('./pdf-download.js')).makePdf(this.#parts);
    } catch {
      this.#pdfFailed = true;
      this.requestUpdate();
    }
  }

  #bump(): void {
    this.#view.version++;
    this.requestUpdate();
  }

  /** The element's parts, for the steps of setup.ts. */
  get #parts(): FormParts<Partially<T>> {
    return {
      host: this,
      loader: this.#loader,
      answers: this.#answers,
      l10n: this.#l10n,
      consent: this.#consent,
      validation: this.#validation,
      drafts: this.#drafts,
      view: this.#view,
      drawing: this.#drawing,
      keyboard: this.#keyboard,
      association: this.#association,
    };
  }

  // ——— rendering ———

  override render() {
    const model = this.#loader.model;
    const l10n = this.#l10n;
    const failure = this.#loader.failure;
    if (failure)
      return html`<p class="load-error" part="error" role="alert">
        ${
          failure === 'failed'
            ? l10n.ui('formLoadFailed', 'The form could not be loaded: check the connection and reload the page.')
            : `${l10n.ui('formUnknown', 'There is no such form:')} ${failure.unknown}`
        }
      </p>`;
    if (!model) return html`<p class="loading" aria-busy="true">${l10n.ui('loading', 'Loading…')}</p>`;
    if (this.#consent.closed()) {
      return html`<div class="form" part="form" lang=${l10n.localizer.primary}>
        <h1 part="title">${l10n.label(model.root, true)}</h1>
        ${this.#consent.notice(l10n, model)}
      </div>`;
    }
    const summary = this.#validation.summary;
    return html`<div class="form" part="form" lang=${l10n.localizer.primary}>
      <h1 part="title">${l10n.label(model.root, true)}</h1>
      ${marksLegend(model, (key, english) => l10n.ui(key, english))}${this.#drafts.notices(l10n, () => void this.clearDraft())}${
        summary?.length
          ? checking!.errorSummary(summary, l10n.bilingual('ui:errorSummary', 'Please correct the following'), (p) =>
              this.#keyboard.focus(p),
            )
          : nothing
      }
      <div class="body">${model.root.children.slice(0, this.#drawing.drawn).map((c) => this.#view.node(c, ''))}</div>
      <div class="actions">
        ${
          this.#editable && !this.noSubmit && !this.#association.form
            ? html`<button type="button" class="primary" part="button submit" @click=${() => this.submit()}>
                ${l10n.ui('submit', 'Submit')}
              </button>`
            : nothing
        }
        ${
          this.pdfExporter
            ? html`<button type="button" part="button pdf" @click=${() => this.#downloadPdf()}>
                ${l10n.ui('downloadPdf', 'Download PDF')}
              </button>`
            : nothing
        }
      </div>
      ${
        this.#pdfFailed
          ? html`<p class="load-error" part="error" role="alert">
              ${l10n.ui('pdfFailed', 'The PDF could not be made. Press "Download PDF" again; if it fails again, tell whoever runs this site.')}
            </p>`
          : nothing
      }
      <div class="visually-hidden" aria-live="polite">${this.#validation.announcement}</div>
    </div>`;
  }
}

if (!customElements.get('komek-form')) {
  customElements.define('komek-form', KomekForm);
  // The stylesheet is parsed now, as the module loads (as a page's own <link> stylesheet is with the page), rather
  // than when the first form is put on the page: showing a form then only adopts it.
  for (const style of KomekForm.elementStyles) if (style instanceof CSSResult) void style.styleSheet;
}

declare global {
  interface HTMLElementTagNameMap {
    'komek-form': KomekForm;
  }
}
