import { getAtPointer } from './pointer.js';

/**
 * Consent before processing. The guidelines allow no collection, use or transfer of personal data without the
 * migrant's written, informed consent, and no referral without it (source lines 2358–2374; KG 3.2 6.1; TJ 4.3,
 * 6.1). Which forms are gated, by which consent and refusal forms, and where those record their dates, is declared
 * in the schemas (`x-komek.form.gatedBy`, `x-komek.form.consentRecord`) and emitted by `pnpm gen` into the catalog
 * (`consentGates` of @komek/forms); this module only decides.
 */

/** A consent or refusal form as a gate reads it: which form, and where its data holds its dates. */
export interface ConsentRecordForm {
  formId: string;
  /** Pointers of the date it was signed on, the first present one counting (the applicant's signature first). */
  signedOn: readonly string[];
  /** Pointers of the date it stopped counting (a withdrawal, help refused later); empty for a refusal. */
  endedOn: readonly string[];
}

/** The consent forms that open a gated form and the refusal forms that close it. */
export interface ConsentGate {
  consents: readonly ConsentRecordForm[];
  refusals: readonly ConsentRecordForm[];
}

/** A saved form of a case: which form, and its data. */
export interface CaseRecord {
  formId: string;
  data: unknown;
}

/** Whether a form may be opened for a case, and why not. */
export type ConsentDecision =
  | { allowed: true; consent?: CaseRecord; since?: string }
  | { allowed: false; reason: 'missing' | 'withdrawn' | 'refused'; requires: readonly string[]; since?: string };

/** The first date found at these pointers. */
function dateAt(data: unknown, pointers: readonly string[]): string | undefined {
  for (const p of pointers) {
    const d = getAtPointer(data, p);
    if (typeof d === 'string') return d;
  }
  return undefined;
}

/**
 * Decides whether a form may be filled for a case, from its gate (`consentGates[formId]` of @komek/forms) and the
 * case's records: the latest signed consent or refusal wins (a TJ refusal does not bar a later identification, TJ
 * Form 2), and a withdrawn consent counts as none. A form without a gate is always allowed; its own signature lines
 * record consent.
 */
export function checkConsent(gate: ConsentGate | undefined, records: readonly CaseRecord[]): ConsentDecision {
  if (!gate) return { allowed: true };
  const requires = gate.consents.map((c) => c.formId);
  const formOf = (id: string) =>
    gate.consents.find((c) => c.formId === id) ?? gate.refusals.find((r) => r.formId === id);
  const signed = records
    .map((r) => ({ r, form: formOf(r.formId) }))
    .filter((x): x is { r: CaseRecord; form: ConsentRecordForm } => x.form !== undefined)
    .map((x) => ({ ...x, on: dateAt(x.r.data, x.form.signedOn) }))
    .filter((x): x is { r: CaseRecord; form: ConsentRecordForm; on: string } => x.on !== undefined)
    .sort((a, b) => a.on.localeCompare(b.on));
  const latest = signed[signed.length - 1];
  if (!latest) return { allowed: false, reason: 'missing', requires };
  if (gate.refusals.includes(latest.form)) return { allowed: false, reason: 'refused', requires, since: latest.on };
  const ended = dateAt(latest.r.data, latest.form.endedOn);
  if (ended !== undefined) return { allowed: false, reason: 'withdrawn', requires, since: ended };
  return { allowed: true, consent: latest.r, since: latest.on };
}
