import { checkConsent, consentGates } from '@komek/core';
import { catalog } from '@komek/forms';
import type { Case } from './store/cases.js';
import { caseSubmissions } from './store/submissions.js';
import type { Db } from './store/types.js';
import { caseReferrals } from './store/referrals.js';
import { caseTasks } from './store/tasks.js';

/** The consent state of each gated form of the case's country. */
export function consentState(country: string, records: readonly { formId: string; data: unknown }[]) {
  const state: Record<string, ReturnType<typeof checkConsent>> = {};
  for (const entry of catalog) {
    if (entry.country.toLowerCase() !== country || !consentGates[entry.id]) continue;
    const d = checkConsent(entry.id, records);
    state[entry.id] = d.allowed ? { allowed: true, ...(d.since ? { since: d.since } : {}) } : d;
  }
  return state;
}

/** A case as `GET /api/cases/:id` returns it. */
export async function caseView(db: Db, c: Case) {
  const submissions = await caseSubmissions(db, c.id);
  return {
    ...c,
    submissions,
    consent: consentState(c.country, submissions),
    referrals: await caseReferrals(db, c.id),
    tasks: await caseTasks(db, c.id),
  };
}
