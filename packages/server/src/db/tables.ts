import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

/** The tables as Kysely sees them (see migrations.ts). */
export interface Tables {
  organisations: { id: string; name: string; created_at: Timestamp };
  cases: {
    id: string;
    organisation_id: string;
    country: 'kz' | 'kg' | 'tj';
    status: Generated<'open' | 'closed'>;
    step: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  submissions: {
    id: string;
    case_id: string;
    form_id: string;
    schema_version: string;
    revision: number;
    data: Json;
    created_by: string;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  submission_revisions: {
    submission_id: string;
    revision: number;
    schema_version: string;
    data: Json;
    created_by: string;
    created_at: Timestamp;
  };
  idempotency_keys: {
    principal: string;
    key: string;
    request_hash: string;
    status: number;
    response: Json;
    created_at: Timestamp;
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
    note: string | null;
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
  job_files: { job_id: string; name: string; content_type: string; content: Uint8Array; made_by: string; created_at: Timestamp };
}
