/** The shapes the desk reads from the Komek API, shared by its screens. */

export interface Me {
  id: string;
  roles: string[];
  organisationId: string;
  csrfToken?: string;
}
export interface FormEntry {
  id: string;
  country: 'KZ' | 'KG' | 'TJ';
  sop: string;
  step: string;
  formNumber: string | null;
  kind: string;
  title: string;
}
export interface CaseSummary {
  id: string;
  country: 'kz' | 'kg' | 'tj';
  status: 'open' | 'closed';
  step: string | null;
  createdAt: string;
  updatedAt?: string;
}
export interface Submission {
  id: string;
  formId: string;
  revision: number;
  data: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}
export type Consent =
  | { allowed: true; since?: string }
  | { allowed: false; reason: 'missing' | 'refused' | 'withdrawn'; requires: string[] };
export interface CaseView extends CaseSummary {
  submissions: Submission[];
  consent: Record<string, Consent>;
  tasks: { ruleId: string; dueOn: string; doneAt: string | null }[];
}

/** The first step number a catalog entry names ("Step 3 (3.3)" → 3), for ordering forms as the SOP does. */
export function stepNumber(step: string): number {
  const m = /Steps? (\d+)/.exec(step);
  return m ? Number(m[1]) : 99;
}
