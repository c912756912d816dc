import { css, html } from 'lit';
import {
  checkConsent,
  type CaseRecord,
  type ConsentDecision,
  type ConsentGate,
  type ConsentRecordForm,
  type FormModel,
} from '@komek/core';
import { formatDate } from '../localize/messages.js';
import type { Localization } from './localization.js';

/**
 * The consent gate of `<komek-form>` (consent.ts): a chunk of its own, fetched only by gated forms given a case's
 * records: the gate, the decision, the notice and its styles.
 */

/**
 * A gated form's gate, as the catalog's `consentGates` holds it, from the models: the form's `meta.gatedBy` names its
 * consent and refusal forms, whose own models say where they record their dates (`meta.consentRecord`).
 */
export async function gateOf(model: FormModel, load: (id: string) => Promise<FormModel>): Promise<ConsentGate> {
  const forms = (ids: readonly string[] = []) =>
    Promise.all(
      ids.map(async (formId): Promise<ConsentRecordForm> => {
        const record = (await load(formId)).meta.consentRecord;
        return { formId, signedOn: record?.signedOn ?? [], endedOn: record?.endedOn ?? [] };
      }),
    );
  const [consents, refusals] = await Promise.all([
    forms(model.meta.gatedBy?.consents),
    forms(model.meta.gatedBy?.refusals),
  ]);
  return { consents, refusals };
}

/** Whether a form may be filled for a case. */
export function decide(gate: ConsentGate, records: readonly CaseRecord[]): ConsentDecision {
  return checkConsent(gate, records);
}

export const consentStyles = css`
  .consent {
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    padding: 0.75rem 1rem;
    background: #eef4fb;
  }
  .consent p {
    margin: 0 0 0.5rem;
  }
  .consent ul {
    margin: 0;
    padding-left: 1.25rem;
  }
`;

/**
 * What a gated form shows instead of its questions while the case has no consent for it (missing, refused or
 * withdrawn; see `caseRecords`): why, and the consent forms to complete, by title (`related`: the form's English
 * titles of the forms it names).
 */
export function consentNotice(
  decision: ConsentDecision & { allowed: false },
  l10n: Localization,
  related: Readonly<Record<string, string>>,
) {
  const date = decision.since ? formatDate(decision.since, l10n.localizer.primary) : '';
  const english = {
    missing: 'No signed consent is on record. Complete and sign first:',
    refused: 'The person refused on {{date}}. This form cannot be filled until they give consent in:',
    withdrawn: 'The consent was withdrawn on {{date}}. A new consent is needed:',
  }[decision.reason];
  return html`<div class="consent" part="notice consent" role="alert">
    <p>
      <strong>${l10n.bilingual('ui:consentRequired', 'Consent must be recorded before the work can continue.')}</strong>
    </p>
    <p>${l10n.ui(`consent.${decision.reason}`, english).replace('{{date}}', date)}</p>
    <ul>
      ${decision.requires.map((id) => html`<li>${l10n.bilingual(`${id}:title`, related[id] ?? id)}</li>`)}
    </ul>
  </div>`;
}
