/**
 * Shapes the API replies with, shared by the server (which builds them) and the case desk (which reads them). Types
 * only and no imports, so that a browser project can import them without Node's types:
 * `import type { Referral } from '@komek/server/api'`.
 */

export type ReferralStatus = 'sent' | 'accepted' | 'declined' | 'closed';

/** One dated note of a referral: the sender's (`sent`) or the receiving body's on accepting, declining, closing. */
export interface ReferralNote {
  status: ReferralStatus;
  at: string;
  note: string;
}

/** A referral of a case to a receiving body, with the sections of the case it discloses. */
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
  /** The latest note (the sender's, until the receiving body answers with one). */
  note: string | null;
  /** Every note, oldest first: the sender's and the receiving body's on each step; none is ever replaced. */
  notes: ReferralNote[];
}

/** A referral on the receiving organisation's list (`GET /api/referrals`). */
export interface ReceivedReferral extends Referral {
  /** The referring organisation. */
  from: string;
  country: 'kz' | 'kg' | 'tj';
  /**
   * True once the migrant has refused or withdrawn a consent the case's country requires: nothing of the case is
   * shared any more, and the notes (free text about the person) are withheld (`note` null, `notes` empty).
   */
  consentEnded?: true;
}

export type ApprovalStatus = 'pending' | 'approved' | 'returned';

/** A head of service's approval of one revision of a form, as the API returns it. */
export interface Approval {
  id: string;
  caseId: string;
  submissionId: string;
  formId: string;
  revision: number;
  status: ApprovalStatus;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
}

/** A signed form that no longer agrees with the date of birth the case records now. */
export interface MinorFlag {
  kind: 'minor-indicator' | 'date-of-birth';
  submissionId: string;
  formId: string;
  pointer: string;
  recorded: unknown;
  expected: unknown;
  /** The person's age on the form's date, by the current date of birth. */
  ageAtStep?: number;
}

/** A child-protection step of a country's SOP (schemas/minors.json). */
export interface ChildProtectionStep {
  id: string;
  country: string;
  sop: string;
  sourceLines: string;
  title: string;
  form?: string;
}

/** The case's minor state: date of birth (and where it was recorded), age today, the SOP's steps, the flags. */
export interface MinorState {
  dateOfBirth: string | null;
  source: { submissionId: string; formId: string; pointer: string } | null;
  age: number | null;
  minor: boolean;
  childProtection: ChildProtectionStep[];
  flags: MinorFlag[];
}
