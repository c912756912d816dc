import { checkConsent } from '@komek/core';
import { catalog, consentGates } from '@komek/forms';
import type { Case } from './store/cases.js';
import { caseSubmissions } from './store/submissions.js';
import type { AnswerKeys } from './security/answerKeys.js';
import type { Db } from './store/types.js';
import { caseReferrals } from './store/referrals.js';
import { caseTasks } from './store/tasks.js';
import { caseSummary, minorState } from './minors.js';
import { caseApprovals } from './routes/approvals.js';

/** The consent state of each gated form of the case's country. */
export function consentState(country: string, records: readonly { formId: string; data: unknown }[]) {
  const state: Record<string, ReturnType<typeof checkConsent>> = {};
  for (const entry of catalog) {
    const gate = consentGates[entry.id];
    if (entry.country.toLowerCase() !== country || !gate) continue;
    const d = checkConsent(gate, records);
    state[entry.id] = d.allowed ? { allowed: true, ...(d.since ? { since: d.since } : {}) } : d;
  }
  return state;
}

/** A case as `GET /api/cases/:id` returns it. */
export async function caseView(db: Db, keys: AnswerKeys, c: Case, sharedSections?: readonly string[]) {
  const all = await caseSubmissions(db, keys, c.id);
  if (sharedSections) {
    // Another organisation's view: the consented sections only; no tasks, no other bodies' referrals. Consent too
    // is read from the shared sections alone (a consent form not shared discloses neither its answer nor its date),
    // and only what they show to be in force: a gate they say nothing about is left out, not called "missing".
    const submissions = all.filter((s) => sharedSections.includes(s.formId));
    const consent = Object.fromEntries(
      Object.entries(consentState(c.country, submissions)).filter(([, d]) => d.allowed && d.since !== undefined),
    );
    return {
      ...c,
      shared: true,
      sections: sharedSections,
      submissions,
      consent,
      referrals: [],
      tasks: [],
      approvals: [],
    };
  }
  return {
    ...c,
    summary: caseSummary(all).values,
    minor: minorState(c.country, all),
    submissions: all,
    consent: consentState(c.country, all),
    referrals: await caseReferrals(db, keys, c.id),
    tasks: await caseTasks(db, c.id),
    approvals: await caseApprovals(db, keys, c.id),
  };
}
