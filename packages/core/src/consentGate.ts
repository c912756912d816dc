/**
 * Consent before processing. The guidelines allow no collection, use or transfer of personal data without the
 * migrant's written, informed consent, and no referral without it (source lines 2358–2374; KG 3.2 6.1; TJ 4.3,
 * 6.1). Each gated form lists the consent forms that open it and the refusal forms that close it.
 */
export const consentGates: Readonly<Record<string, { consents: readonly string[]; refusals: readonly string[] }>> = {
  'kz-f5-identification-application': { consents: ['kz-f4-interview-consent'], refusals: ['kz-f4-interview-refusal'] },
  'kz-needs-assessment': { consents: ['kz-f4-interview-consent'], refusals: ['kz-f4-interview-refusal'] },
  'kz-individual-aid-plan': { consents: ['kz-f4-interview-consent'], refusals: ['kz-f4-interview-refusal'] },
  'kg-3.1-f3-identification-questionnaire': { consents: ['kg-3.1-f1-identification-consent'], refusals: ['kg-3.1-f2-identification-refusal'] },
  'kg-3.1-f4-family-questionnaire': { consents: ['kg-3.1-f1-identification-consent'], refusals: ['kg-3.1-f2-identification-refusal'] },
  'kg-3.2-f2-needs-assessment': { consents: ['kg-3.2-f1-help-consent'], refusals: [] },
  'kg-3.2-f3-individual-work-plan': { consents: ['kg-3.2-f1-help-consent'], refusals: [] },
  'kg-3.2-child-protection-plan': { consents: ['kg-3.2-f1-help-consent'], refusals: [] },
  'tj-f3-identification-questionnaire': { consents: ['tj-f1-identification-consent'], refusals: ['tj-f2-identification-refusal'] },
  'tj-f4-family-questionnaire': { consents: ['tj-f1-identification-consent'], refusals: ['tj-f2-identification-refusal'] },
  'tj-f6-needs-assessment': { consents: ['tj-f5-help-consent'], refusals: [] },
  'tj-f7-individual-work-plan': { consents: ['tj-f5-help-consent'], refusals: [] },
};

/** A saved form of a case: which form, and its data. */
export interface CaseRecord {
  formId: string;
  data: unknown;
}

/** Whether a form may be opened for a case, and why not. */
export type ConsentDecision =
  | { allowed: true; consent?: CaseRecord; since?: string }
  | { allowed: false; reason: 'missing' | 'withdrawn' | 'refused'; requires: readonly string[]; since?: string };

const get = (v: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), v);

/** The date a consent or refusal was signed: its applicant's signature date, or its own date. */
function signedOn(data: unknown): string | undefined {
  const d = get(data, 'applicantSignature', 'date') ?? get(data, 'date') ?? get(data, 'signature', 'date');
  return typeof d === 'string' ? d : undefined;
}

/** A consent stops counting when it is withdrawn or, for help, when the help is later refused. */
function endedOn(data: unknown): string | undefined {
  for (const record of ['withdrawal', 'refusalOfAssistance']) {
    const d = get(data, record, 'date');
    if (typeof d === 'string') return d;
  }
  return undefined;
}

/**
 * Decides whether a form may be filled for a case, from the case's records: the latest signed consent or refusal
 * wins (a TJ refusal does not bar a later identification, TJ Form 2), and a withdrawn consent counts as none.
 * Forms without a gate are always allowed; their own signature lines record consent.
 */
export function checkConsent(formId: string, records: readonly CaseRecord[]): ConsentDecision {
  const gate = consentGates[formId];
  if (!gate) return { allowed: true };
  const signed = records
    .filter((r) => gate.consents.includes(r.formId) || gate.refusals.includes(r.formId))
    .map((r) => ({ r, on: signedOn(r.data) }))
    .filter((x): x is { r: CaseRecord; on: string } => x.on !== undefined)
    .sort((a, b) => a.on.localeCompare(b.on));
  const latest = signed[signed.length - 1];
  if (!latest) return { allowed: false, reason: 'missing', requires: gate.consents };
  if (gate.refusals.includes(latest.r.formId)) return { allowed: false, reason: 'refused', requires: gate.consents, since: latest.on };
  const ended = endedOn(latest.r.data);
  if (ended !== undefined) return { allowed: false, reason: 'withdrawn', requires: gate.consents, since: ended };
  return { allowed: true, consent: latest.r, since: latest.on };
}
