import { checkConsent, getAtPointer } from '@komek/core';
import { consentGates, type FormId } from '@komek/forms';
import type { Action } from './routeTypes.js';
import type { Principal, Role } from './auth.js';
import type { Db } from './store/types.js';
import { consentState } from './caseView.js';
import { caseSubmissions } from './store/submissions.js';
import type { AnswerKeys } from './security/answerKeys.js';

/** Who may take an action: anyone (public), these roles on their organisation's records, submit tokens, shared access. */
export interface AccessRule {
  public?: true;
  roles?: readonly Role[];
  /** A submit token may (create a case, submit its forms, read the catalog — nothing else). */
  submitToken?: true;
  /** Allowed on another organisation's case shared by an accepted referral or a grant, within its sections. */
  shared?: true;
}

const caseWork: Role[] = ['specialist', 'head-of-service'];
const people: Role[] = ['specialist', 'head-of-service', 'coordinator', 'org-admin', 'reporting'];

/**
 * The access rule of every action. A `Record` over the `Action` union: a route with a new action does not compile
 * until its rule is written here, and the authorization matrix test covers every route of the table.
 * The server's bootstrap administrator token may do everything within its organisation.
 */
export const accessRules: Record<Action, AccessRule> = {
  'health.read': { public: true },
  'api.describe': { public: true },
  'session.create': { public: true },
  'forms.read': { roles: people, submitToken: true },
  'forms.print': { roles: [...caseWork, 'coordinator'] },
  'session.read': { roles: people },
  'session.delete': { roles: people },
  'session.revoke-all': { roles: people },
  'case.create': { roles: caseWork, submitToken: true },
  'case.list': { roles: [...caseWork, 'coordinator'] },
  'case.read': { roles: [...caseWork, 'coordinator'], shared: true },
  'case.print': { roles: caseWork },
  'case.prefill': { roles: caseWork },
  'submission.create': { roles: caseWork, submitToken: true },
  'submission.read': { roles: [...caseWork, 'coordinator'], shared: true },
  'submission.update': { roles: caseWork },
  'submission.print': { roles: [...caseWork, 'coordinator'], shared: true },
  'paper.upload': { roles: caseWork },
  /** A paper upload checked, nothing stored (`?dryRun=true`): audited as such, allowed as the upload. */
  'paper.check': { roles: caseWork },
  'referral.create': { roles: caseWork },
  'referral.update': { roles: caseWork },
  'task.list': { roles: [...caseWork, 'coordinator'] },
  'export.run': { roles: ['head-of-service', 'org-admin'] },
  'job.create': { roles: caseWork },
  'job.read': { roles: caseWork },
  'audit.read': { roles: ['org-admin'] },
  'grant.create': { roles: ['head-of-service', 'org-admin'] },
  'grant.revoke': { roles: ['head-of-service', 'org-admin'] },
  'approval.request': { roles: caseWork },
  'approval.list': { roles: caseWork },
  'approval.decide': { roles: ['head-of-service'] },
  'referral.list': { roles: [...caseWork, 'coordinator'] },
  'organisation.list': { roles: caseWork },
  // Figures only, protected (reports/disclosure.ts), over every organisation of the server.
  'report.read': { roles: ['reporting'] },
};

/** Whether the principal's role (or token) allows the action at all; per-record checks come after. */
export function mayTake(principal: Principal, action: Action): boolean {
  const rule = accessRules[action];
  if (rule.public) return true;
  if (principal.roles.includes('administrator')) return true;
  if (principal.kind === 'api-token') return rule.submitToken === true;
  return principal.roles.some((r) => rule.roles?.includes(r));
}

/** Whether a submit token may submit this form (its list, or any form when the list is empty). */
export function tokenMaySubmit(principal: Principal, formId: string): boolean {
  return principal.kind !== 'api-token' || !principal.forms?.length || principal.forms.includes(formId);
}

/**
 * Where a case records the migrant's consent to pass information on (KZ 2372/2559, KG 3.1 3.11 and 4.5, TJ 4.3 and
 * 6.3). A form with a disclosure consent of its own (the questionnaires) is disclosed only when that consent says
 * yes; any other form only when one of its country's consents below says yes and the form's consent is in force.
 */
export const disclosureConsents: Record<string, readonly { form: string; pointer: string }[]> = {
  kz: [{ form: 'kz-f4-interview-consent', pointer: '/personalDataConsent' }],
  kg: [
    { form: 'kg-3.1-f3-identification-questionnaire', pointer: '/disclosureConsent/consentGiven' },
    { form: 'kg-3.1-f4-family-questionnaire', pointer: '/disclosureConsent/consentGiven' },
  ],
  tj: [
    { form: 'tj-f5-help-consent', pointer: '/disclosureConsent/consentsToDisclosure' },
    { form: 'tj-f3-identification-questionnaire', pointer: '/disclosureConsent/consentGiven' },
    { form: 'tj-f4-family-questionnaire', pointer: '/disclosureConsent/consentGiven' },
  ],
};

/** The sections (form ids) of a case that may not be disclosed, with why. */
export function undisclosable(
  country: string,
  sections: readonly string[],
  records: readonly { formId: string; data: unknown }[],
): string[] {
  const latest = (formId: string) => [...records].reverse().find((r) => r.formId === formId);
  const general = (disclosureConsents[country] ?? []).some(
    (p) => getAtPointer(latest(p.form)?.data, p.pointer) === true,
  );
  return sections.filter((section) => {
    const record = latest(section);
    if (!record) return true;
    const own = getAtPointer(record.data, '/disclosureConsent');
    if (own !== undefined) return getAtPointer(own, '/consentGiven') !== true;
    if (consentGates[section as FormId] && !checkConsent(consentGates[section as FormId], records).allowed) return true;
    return !general;
  });
}

/**
 * The sections (form ids) of another organisation's case that `organisationId` may read: from accepted referrals
 * to it and grants not revoked — none at all once the migrant has refused or withdrawn consent (access ends at once).
 * Undefined when nothing is shared.
 */
export async function sharedSections(
  db: Db,
  keys: AnswerKeys,
  organisationId: string,
  c: { id: string; country: string },
): Promise<string[] | undefined> {
  const referrals = await db
    .selectFrom('referrals')
    .select('sections')
    .where('case_id', '=', c.id)
    .where('receiving_organisation_id', '=', organisationId)
    .where('status', '=', 'accepted')
    .execute();
  const grants = await db
    .selectFrom('grants')
    .select('sections')
    .where('case_id', '=', c.id)
    .where('organisation_id', '=', organisationId)
    .where('revoked_at', 'is', null)
    .execute();
  if (!referrals.length && !grants.length) return undefined;
  const records = await caseSubmissions(db, keys, c.id);
  if (!consentsInForce(c.country, records)) return undefined;
  const parse = (s: unknown) => (typeof s === 'string' ? JSON.parse(s) : s) as string[];
  const sections = [...new Set([...referrals, ...grants].flatMap((r) => parse(r.sections)))];
  // Consent to disclose is read as it stands now, not as it stood when the section was shared: a section whose
  // disclosure the migrant has since said no to (a questionnaire revised, the consent to pass information on
  // replaced) is no longer shown.
  const withheld = undisclosable(c.country, sections, records);
  return sections.filter((s) => !withheld.includes(s));
}

/** False once a refusal or a withdrawal is the latest word on any consent the case's country requires. */
export async function consentInForce(db: Db, keys: AnswerKeys, c: { id: string; country: string }): Promise<boolean> {
  return consentsInForce(c.country, await caseSubmissions(db, keys, c.id));
}

function consentsInForce(country: string, records: readonly { formId: string; data: unknown }[]): boolean {
  const state = consentState(country, records);
  return !Object.values(state).some((d) => !d.allowed && (d.reason === 'refused' || d.reason === 'withdrawn'));
}
