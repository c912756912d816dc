import type { ReactiveElement, TemplateResult } from 'lit';
import type { CaseRecord, ConsentDecision, ConsentGate, FormModel } from '@komek/core';
import type { Localization } from './localization.js';
import type * as GateModule from './consent-notice.js';
import { addStyles } from './lazy-styles.js';
import { catalogModel } from './loading.js';

type GateCode = typeof GateModule;
let gate: GateCode | undefined;
let loading: Promise<GateCode> | undefined;
/** The gate's decision, its notice and their styles: a chunk loaded only by gated forms given a case's records. */
const loadGate = () =>
  (loading ??= import('./consent-notice.js').then(
    (m) => {
      addStyles(m.consentStyles);
      return (gate = m);
    },
    (e: unknown) => {
      loading = undefined;
      throw e;
    },
  ));

/** Each gated form's gate, once its consent and refusal forms' models are loaded. */
const gates = new WeakMap<FormModel, ConsentGate>();

/** What the consent check needs of its element: the case's records (`caseRecords`). */
export type ConsentHost = ReactiveElement & { caseRecords: readonly CaseRecord[] | undefined };

/**
 * The consent a gated form needs before it is shown (`caseRecords`; the form's model names its consent and refusal
 * forms in `meta.gatedBy`). Its code and the gate are fetched with such a form, before the form is shown (`load`).
 */
export class Consent {
  #host: ConsentHost;
  #model: () => FormModel | undefined;

  /** @param model the form on screen */
  constructor(host: ConsentHost, model: () => FormModel | undefined) {
    this.#host = host;
    this.#model = model;
  }

  /** Whether the element decides consent for this form: the host gave the case's records and the form is gated. */
  gated(model: FormModel): boolean {
    return model.meta.gatedBy !== undefined && this.#host.caseRecords !== undefined;
  }

  /**
   * Fetches the gate's code and the models of the consent and refusal forms (which say where their dates are) when
   * the form needs them; the element updates once they are there.
   */
  async load(model: FormModel): Promise<void> {
    if (gates.has(model) || !this.gated(model)) return;
    const code = await loadGate();
    gates.set(model, await code.gateOf(model, catalogModel));
    this.#host.requestUpdate();
  }

  /**
   * The decision for the form on screen: none when it is not gated, `pending` while the gate's code is fetched
   * (the form stays closed meanwhile).
   */
  decision(): ConsentDecision | 'pending' | undefined {
    const model = this.#model();
    if (!model || !this.gated(model)) return undefined;
    const found = gates.get(model);
    if (!gate || !found) {
      void this.load(model);
      return 'pending';
    }
    return gate.decide(found, this.#host.caseRecords!);
  }

  /** Whether the form stays closed: no consent on record (or its decision still being fetched). */
  closed(): boolean {
    const d = this.decision();
    return d === 'pending' || d?.allowed === false;
  }

  /** What a closed form shows instead of its questions. */
  notice(l10n: Localization, model: FormModel): TemplateResult | string {
    const d = this.decision();
    if (!gate || d === undefined || d === 'pending' || d.allowed) return l10n.ui('loading', 'Loading…');
    return gate.consentNotice(d, l10n, model.related ?? {});
  }
}
