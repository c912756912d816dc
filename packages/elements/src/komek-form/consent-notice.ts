import { html } from 'lit';
import type { ConsentDecision } from '@komek/core';
import { formatDate } from '../localize/messages.js';
import type { Localization } from './localization.js';

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
