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
  /** The summary fields (`x-komek.summary` of the forms), each from the latest form holding it. */
  summary?: { fullName?: string; dateOfBirth?: string; citizenship?: string; place?: string };
  /** Under 18 today by the recorded date of birth. */
  minor?: boolean;
  age?: number | null;
}
/** A signed form that no longer agrees with the date of birth the case records. */
export interface MinorFlag {
  kind: 'minor-indicator' | 'date-of-birth';
  submissionId: string;
  formId: string;
  pointer: string;
  recorded: unknown;
  expected: unknown;
  ageAtStep?: number;
}
/** The case's minor state (server: src/minors.ts). */
export interface MinorState {
  dateOfBirth: string | null;
  source: { submissionId: string; formId: string; pointer: string } | null;
  age: number | null;
  minor: boolean;
  childProtection: { id: string; sop: string; sourceLines: string; title: string; form?: string }[];
  flags: MinorFlag[];
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
  /** Every note, oldest first: the sender's and the receiving body's on each step. */
  notes: { status: ReferralStatus; at: string; note: string }[];
  /** On the receiving organisation's list: the referring organisation and the case's country. */
  from?: string;
  country?: 'kz' | 'kg' | 'tj';
}
export interface Task {
  ruleId: string;
  dueOn: string;
  doneAt: string | null;
}
export interface CaseView extends Omit<CaseSummary, 'minor' | 'age'> {
  /** Absent on another organisation's shared view. */
  minor?: MinorState;
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
