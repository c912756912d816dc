/**
 * The shapes the desk reads from the Komek API, shared by its screens. Those the server also builds come from its
 * types-only module `@komek/server/api`, so a field added there reaches the desk's type check.
 */
import type {
  Approval as ApiApproval,
  ApprovalStatus,
  MinorFlag,
  MinorState,
  ReceivedReferral,
  Referral as ApiReferral,
  ReferralStatus,
} from '@komek/server/api';

export type { ApprovalStatus, MinorFlag, MinorState, ReferralStatus };

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
/** An approval; on the pending list also the case's country. */
export type Approval = ApiApproval & { country?: 'kz' | 'kg' | 'tj' };
/** A referral; on the receiving organisation's list also the referring organisation and the case's country. */
export type Referral = ApiReferral & Partial<Pick<ReceivedReferral, 'from' | 'country' | 'consentEnded'>>;
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
