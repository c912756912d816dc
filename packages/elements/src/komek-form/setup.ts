import type { LitElement } from 'lit';
import type { FormModel, Validator } from '@komek/core';
import { KomekDraftProblemEvent, KomekDraftRestoredEvent } from '../events.js';
import { loadWidgets } from '../registry.js';
import type { Answers } from './answers.js';
import type { Consent } from './consent.js';
import type { Drafts } from './drafts.js';
import type { ProgressiveDrawing } from './drawing.js';
import type { FormAssociation } from './form-association.js';
import type { KeyboardNavigation } from './keyboard.js';
import type { FormLoader } from './loading.js';
import type { Localization } from './localization.js';
import type { PdfExporter } from './pdf-download.js';
import { checking, loadChecking, type Validation } from './validation.js';
import type { FormView } from './view.js';

/** The parts of `<komek-form>` the steps below work with: its controllers and the element itself. */
export interface FormParts<T> {
  host: LitElement & { draftKey: string | undefined; pdfExporter: PdfExporter | undefined };
  loader: FormLoader;
  answers: Answers<T>;
  l10n: Localization;
  consent: Consent;
  validation: Validation;
  drafts: Drafts;
  view: FormView;
  drawing: ProgressiveDrawing;
  keyboard: KeyboardNavigation;
  association: FormAssociation;
}

/** Loads the form's messages in the languages asked for (and a gated form's consent check); then redraws. */
export async function loadLanguages<T>(p: FormParts<T>, model: FormModel, current: () => boolean): Promise<void> {
  // With the case's records given, a gated form names its consent forms: their titles are in their namespaces.
  const consents = p.consent.gated(model) ? model.meta.gatedBy!.consents : [];
  const [loaded] = await Promise.all([
    // A catalog form's model (no schema bundle beside it) has its own messages file in each language.
    p.l10n.load([...model.namespaces, ...consents], current, model.bundle ? undefined : model),
    p.consent.load(model),
  ]);
  // A form being put in place (`prepare`) is reset, validated and drawn there: only a form on screen is redrawn here.
  if (!loaded || p.loader.model !== model) return;
  p.validation.refresh();
  p.view.version++;
  p.host.requestUpdate();
  if (p.validation.validated) updateValidity(p);
}

/**
 * Puts a loaded form in place (`FormLoader.load`): its messages, the code of widgets drawn by chunks of their own
 * and the code that checks answers fetched with its validator; the draft restored; the session started; the first
 * part drawn, then validated once it is.
 */
export async function prepare<T>(
  p: FormParts<T>,
  model: FormModel,
  validating: Promise<Validator | undefined>,
  current: () => boolean,
): Promise<void> {
  const { host, validation, answers, drafts } = p;
  const [validator] = await Promise.all([
    validating,
    loadLanguages(p, model, current),
    loadWidgets(model.root),
    loadChecking(),
  ]);
  if (!current()) return;
  validation.issues = [];
  validation.forget();
  const found = await drafts.restore<T>(model.meta.id, current);
  if (!found) return;
  const draft = found.draft;
  if (draft) answers.current = draft.data;
  answers.session = checking!.sessionFor(model, validator, answers.current, p.l10n);
  p.loader.loaded(model);
  p.view.version++;
  validation.validated = false;
  p.drawing.start(model);
  host.requestUpdate();
  // Nothing is shown of an untouched form's problems: validate after it is drawn, not before.
  validation.later(0);
  const unreadable = drafts.problem.unreadable !== undefined;
  if (draft || unreadable) await host.updateComplete;
  if (draft) host.dispatchEvent(new KomekDraftRestoredEvent(host.draftKey!, draft.savedAt));
  if (unreadable) host.dispatchEvent(new KomekDraftProblemEvent(host.draftKey!, 'unreadable'));
}

/** The host form's validity: the consent a closed form lacks, else the first problem at its control. */
export function updateValidity<T>(p: FormParts<T>): void {
  const first = p.validation.issues[0];
  if (p.consent.closed())
    p.association.setValidity(p.l10n.ui('consentRequired', 'Consent must be recorded before the work can continue.'));
  else if (!first) p.association.setValidity();
  else p.association.setValidity(p.validation.word(first).text, p.keyboard.anchorOf(first.pointer));
}
