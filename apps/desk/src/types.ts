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
  /** The title in the interface language (from the form's messages). */
  label?: string;
  /** Who signs: the form's signature fields, labelled in the interface language. */
  signatures?: { pointer: string; label: string; required: boolean }[];
  /** Where the SOP asks the head of service to approve the form (null when it does not). */
  approval?: { sop: string; lines: string; what: 'decision' | 'plan' } | null;
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
export type ApprovalStatus = 'pending' | 'approved' | 'returned';
export interface Approval {
  id: string;
  caseId: string;
  submissionId: string;
  formId: string;
  revision: number;
  status: ApprovalStatus;
  requestedAt: string;
  decidedAt: string | null;
  comment: string | null;
  country?: 'kz' | 'kg' | 'tj';
}
export type ReferralStatus = 'sent' | 'accepted' | 'declined' | 'closed';
export interface Referral {
  id: string;
  caseId: string;
  receivingBody: string;
  kind: string;
  sections: string[];
  status: ReferralStatus;
  sentAt: string;
  acceptedAt: string | null;
  declinedAt: string | null;
  closedAt: string | null;
  note: string | null;
  /** On the receiving organisation's list: the referring organisation and the case's country. */
  from?: string;
  country?: 'kz' | 'kg' | 'tj';
}
export interface Task {
  ruleId: string;
  dueOn: string;
  doneAt: string | null;
}
export interface CaseView extends CaseSummary {
  submissions: Submission[];
  consent: Record<string, Consent>;
  tasks: Task[];
  referrals: Referral[];
  approvals: Approval[];
  /** Another organisation's case shared by a referral: only `sections` (form ids) are in `submissions`. */
  shared?: true;
  sections?: string[];
}
/** An open deadline of an open case (GET /api/tasks). */
export interface DueTask {
  caseId: string;
  ruleId: string;
  dueOn: string;
  overdue: boolean;
  title?: string;
  sop?: string;
}

/** The first step number a catalog entry names ("Step 3 (3.3)" → 3), for ordering forms as the SOP does. */
export function stepNumber(step: string): number {
  const m = /Steps? (\d+)/.exec(step);
  return m ? Number(m[1]) : 99;
}
