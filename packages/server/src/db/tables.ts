import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;
export type { ReferralNote } from '../api.js';
import type { ReferralNote } from '../api.js';

/** The tables as Kysely sees them (see migrations.ts). */
export interface Tables {
  organisations: {
    id: string;
    name: string;
    created_at: Timestamp;
    region: ColumnType<string | null, string | null | undefined, string | null>;
  };
  cases: {
    id: string;
    organisation_id: string;
    country: 'kz' | 'kg' | 'tj';
    status: Generated<'open' | 'closed'>;
    step: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
    /** The case summary (`x-komek.summary` fields), sealed like answers; null until a form holding one is stored. */
    summary: Uint8Array | null;
    summary_key_id: string | null;
  };
  /** The blind search index: 16-byte HMAC terms of the summary's words (src/security/blindIndex.ts). */
  case_search_terms: { case_id: string; organisation_id: string; term: Uint8Array };
  submissions: {
    id: string;
    case_id: string;
    form_id: string;
    schema_version: string;
    revision: number;
    answers: Uint8Array;
    key_id: string;
    created_by: string;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  submission_revisions: {
    submission_id: string;
    revision: number;
    schema_version: string;
    answers: Uint8Array;
    key_id: string;
    created_by: string;
    created_at: Timestamp;
  };
  idempotency_keys: {
    principal: string;
    key: string;
    request_hash: string;
    status: number;
    /** The reply of a key stored before replies were sealed (null for newer keys). */
    response: Json;
    /** The reply, sealed under the answer keys (`idempotency:<principal>:<key>`). */
    response_sealed: ColumnType<Uint8Array | null, Uint8Array | null | undefined, Uint8Array | null>;
    key_id: ColumnType<string | null, string | null | undefined, string | null>;
    created_at: Timestamp;
  };
  approvals: {
    id: string;
    case_id: string;
    submission_id: string;
    form_id: string;
    revision: number;
    status: 'pending' | 'approved' | 'returned';
    requested_by: string;
    requested_at: Timestamp;
    decided_by: string | null;
    decided_at: Date | null;
    /** Plaintext comment of approvals decided before comments were sealed: emptied at start (`sealApprovalComments`). */
    comment: string | null;
    comment_sealed: Uint8Array | null;
    comment_key_id: string | null;
  };
  referrals: {
    id: string;
    case_id: string;
    receiving_body: string;
    kind: string;
    sections: Json<string[]>;
    status: 'sent' | 'accepted' | 'declined' | 'closed';
    sent_at: Timestamp;
    accepted_at: Date | null;
    declined_at: Date | null;
    closed_at: Date | null;
    /** Plaintext note columns of referrals stored before notes were sealed: emptied at start (`sealReferralNotes`). */
    note: ColumnType<string | null, string | null | undefined, string | null>;
    notes: ColumnType<ReferralNote[], string | undefined, string>;
    /** Every note, oldest first, sealed under the answer keys (`referral:<id>:notes`); null when there is none. */
    notes_sealed: ColumnType<Uint8Array | null, Uint8Array | null | undefined, Uint8Array | null>;
    notes_key_id: ColumnType<string | null, string | null | undefined, string | null>;
    receiving_organisation_id: ColumnType<string | null, string | null | undefined, string | null>;
  };
  tasks: { case_id: string; rule_id: string; due_on: ColumnType<string, string, string>; done_at: Date | null };
  jobs: {
    id: string;
    batch_id: string | null;
    kind: string;
    payload: Json;
    status: Generated<'queued' | 'running' | 'done' | 'failed'>;
    attempts: Generated<number>;
    locked_by: string | null;
    locked_until: Date | null;
    error: string | null;
    created_at: Timestamp;
    finished_at: Date | null;
  };
  job_files: {
    job_id: string;
    name: string;
    content_type: string;
    content: Uint8Array;
    key_id: string;
    made_by: string;
    created_at: Timestamp;
  };
  users: {
    id: string;
    organisation_id: string;
    username: string;
    display_name: string;
    password_hash: string;
    roles: string[];
    disabled_at: Date | null;
    failed_attempts: Generated<number>;
    locked_until: Date | null;
    sessions_valid_after: Timestamp;
    created_at: Timestamp;
  };
  sessions: {
    id_hash: string;
    user_id: string;
    csrf_token: string;
    created_at: Timestamp;
    last_seen_at: Timestamp;
    expires_at: Timestamp;
  };
  api_tokens: {
    id: string;
    token_hash: string;
    organisation_id: string;
    scope: 'admin' | 'submit';
    forms: ColumnType<string[], string[] | undefined, string[]>;
    label: Generated<string>;
    created_at: Timestamp;
    revoked_at: Date | null;
  };
  grants: {
    id: string;
    case_id: string;
    organisation_id: string;
    sections: Json<string[]>;
    granted_by: string;
    granted_at: Timestamp;
    revoked_at: Date | null;
  };
  audit_log: {
    seq: ColumnType<string, number | string, number | string>;
    at: Timestamp;
    actor: string;
    action: string;
    target: string | null;
    origin: string | null;
    organisation: string | null;
    outcome: string;
    prev_hash: string;
    hash: string;
  };
  data_keys: { id: string; kek_id: string; wrapped: Uint8Array; created_at: Timestamp; retired_at: Date | null };
  report_cases: {
    case_id: string;
    organisation_id: string;
    country: string;
    region: string | null;
    status: string;
    step: string;
    opened_on: string;
    first_contact_on: string;
    identification: string;
    identified_on: string | null;
    minor: string;
    first_referral_on: string | null;
    vulnerabilities: ColumnType<string[], string[] | undefined, string[]>;
    recorded_at: Timestamp;
  };
  report_referrals: {
    referral_id: string;
    case_id: string;
    receiving_body: string;
    kind: string;
    outcome: string;
    sent_on: string;
    country: string;
    region: string | null;
    organisation_id: string;
  };
  report_deadlines: { case_id: string; rule_id: string; due_on: string; done_on: string | null };
}
