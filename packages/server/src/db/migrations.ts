import { sql, type Kysely } from 'kysely';
import type { Tables } from './tables.js';

/** One versioned step of the database schema. Never edit a released step: add the next one. */
export interface Migration {
  version: number;
  name: string;
  up: string;
}

/** The organisation every case belongs to until people and organisations are managed (access control). */
export const DEFAULT_ORGANISATION_ID = '00000000-0000-4000-8000-000000000001';

/**
 * The schema, the same on PGlite and on PostgreSQL 15+. Answers are JSONB; each revision of a submission is kept;
 * an idempotency key is stored in the transaction that stores what it created, so a retried request finds it.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'cases, submissions, revisions, idempotency, referrals, tasks, jobs',
    up: `
create table organisations (
  id uuid primary key,
  name text not null,
  created_at timestamptz not null default now()
);
insert into organisations (id, name) values ('${DEFAULT_ORGANISATION_ID}', 'Default organisation');

create table cases (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  country text not null check (country in ('kz', 'kg', 'tj')),
  status text not null default 'open' check (status in ('open', 'closed')),
  step text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index cases_list on cases (organisation_id, created_at desc, id desc);

create table submissions (
  id uuid primary key,
  case_id uuid not null references cases (id),
  form_id text not null,
  schema_version text not null,
  revision integer not null check (revision >= 1),
  data jsonb not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index submissions_case on submissions (case_id, created_at);
create index submissions_form on submissions (form_id, created_at, id);

create table submission_revisions (
  submission_id uuid not null references submissions (id),
  revision integer not null,
  schema_version text not null,
  data jsonb not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  primary key (submission_id, revision)
);

create table idempotency_keys (
  principal text not null,
  key text not null,
  request_hash text not null,
  status integer not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (principal, key)
);

create table referrals (
  id uuid primary key,
  case_id uuid not null references cases (id),
  receiving_body text not null,
  kind text not null,
  sections jsonb not null,
  status text not null check (status in ('sent', 'accepted', 'declined', 'closed')),
  sent_at timestamptz not null default now(),
  accepted_at timestamptz,
  declined_at timestamptz,
  closed_at timestamptz,
  note text
);
create index referrals_case on referrals (case_id);

create table tasks (
  case_id uuid not null references cases (id),
  rule_id text not null,
  due_on date not null,
  done_at timestamptz,
  primary key (case_id, rule_id)
);
create index tasks_due on tasks (due_on) where done_at is null;

create table jobs (
  id uuid primary key,
  batch_id uuid,
  kind text not null,
  payload jsonb not null,
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  attempts integer not null default 0,
  locked_by text,
  locked_until timestamptz,
  error text,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index jobs_queued on jobs (created_at) where status in ('queued', 'running');
create index jobs_batch on jobs (batch_id);

create table job_files (
  job_id uuid primary key references jobs (id),
  name text not null,
  content_type text not null,
  content bytea not null,
  made_by text not null,
  created_at timestamptz not null default now()
);
`,
  },
  {
    version: 100,
    name: 'people, sessions, API tokens, grants, audit trail, data keys, answers encrypted at rest',
    up: `
do $$ begin if exists (select 1 from submissions) then raise exception 'this database holds answers stored before encryption at rest: export them with komek, then start from a new database'; end if; end $$;
alter table submissions drop column data;
alter table submissions add column answers bytea not null;
alter table submissions add column key_id text not null;
alter table submission_revisions drop column data;
alter table submission_revisions add column answers bytea not null;
alter table submission_revisions add column key_id text not null;

create table users (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  username text not null unique,
  display_name text not null,
  password_hash text not null,
  roles text[] not null,
  disabled_at timestamptz,
  failed_attempts integer not null default 0,
  locked_until timestamptz,
  sessions_valid_after timestamptz not null default now(),
  created_at timestamptz not null default now()
);

create table sessions (
  id_hash text primary key,
  user_id uuid not null references users (id),
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user on sessions (user_id);

create table api_tokens (
  id text primary key,
  token_hash text not null unique,
  organisation_id uuid not null references organisations (id),
  scope text not null check (scope in ('admin', 'submit')),
  forms text[] not null default '{}',
  label text not null default '',
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

create table grants (
  id uuid primary key,
  case_id uuid not null references cases (id),
  organisation_id uuid not null references organisations (id),
  sections jsonb not null,
  granted_by text not null,
  granted_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index grants_case on grants (case_id);

alter table referrals add column receiving_organisation_id uuid references organisations (id);

create table audit_log (
  seq bigint primary key,
  at timestamptz not null,
  actor text not null,
  action text not null,
  target text,
  origin text,
  organisation text,
  outcome text not null,
  prev_hash text not null,
  hash text not null
);

create table data_keys (
  id text primary key,
  kek_id text not null,
  wrapped bytea not null,
  created_at timestamptz not null default now(),
  retired_at timestamptz
);
`,
  },
  {
    version: 101,
    name: 'files made by jobs sealed like answers',
    up: `
delete from job_files;
alter table job_files add column key_id text not null;
`,
  },
  {
    version: 110,
    name: "head of service's approvals of decisions and plans",
    up: `
create table approvals (
  id uuid primary key,
  case_id uuid not null references cases (id),
  submission_id uuid not null references submissions (id),
  form_id text not null,
  revision integer not null,
  status text not null check (status in ('pending', 'approved', 'returned')),
  requested_by text not null,
  requested_at timestamptz not null default now(),
  decided_by text,
  decided_at timestamptz,
  comment text
);
create index approvals_case on approvals (case_id);
create index approvals_pending on approvals (status) where status = 'pending';
`,
  },
  {
    version: 140,
    name: 'case summaries sealed, and their blind search index',
    up: `
alter table cases add column summary bytea;
alter table cases add column summary_key_id text;
create table case_search_terms (
  case_id uuid not null references cases (id) on delete cascade,
  organisation_id uuid not null,
  term bytea not null,
  primary key (case_id, term)
);
create index case_search_terms_lookup on case_search_terms (organisation_id, term);
`,
  },
  {
    version: 160,
    name: 'de-identified report facts, written with each change of a case (no names, no free text, no birth dates)',
    up: `
alter table organisations add column region text;

create table report_cases (
  case_id uuid primary key references cases (id),
  organisation_id uuid not null references organisations (id),
  country text not null,
  region text,
  status text not null,
  step text not null,
  opened_on date not null,
  first_contact_on date not null,
  identification text not null,
  identified_on date,
  minor text not null,
  first_referral_on date,
  vulnerabilities text[] not null default '{}',
  recorded_at timestamptz not null default now()
);
create index report_cases_opened on report_cases (opened_on);
create index report_cases_identified on report_cases (identified_on) where identified_on is not null;
create index report_cases_referred on report_cases (first_referral_on) where first_referral_on is not null;

create table report_referrals (
  referral_id uuid primary key references referrals (id),
  case_id uuid not null references cases (id),
  receiving_body text not null,
  kind text not null,
  outcome text not null,
  sent_on date not null
);
create index report_referrals_sent on report_referrals (sent_on);

create table report_deadlines (
  case_id uuid not null references cases (id),
  rule_id text not null,
  due_on date not null,
  done_on date,
  primary key (case_id, rule_id)
);
create index report_deadlines_due on report_deadlines (due_on, case_id, done_on);
`,
  },
  {
    version: 161,
    name: 'report referrals carry the country, region and organisation of their case (counted without a join)',
    up: `
alter table report_referrals add column country text;
alter table report_referrals add column region text;
alter table report_referrals add column organisation_id uuid;
update report_referrals rr set country = rc.country, region = rc.region, organisation_id = rc.organisation_id
  from report_cases rc where rc.case_id = rr.case_id;
alter table report_referrals alter column country set not null;
alter table report_referrals alter column organisation_id set not null;
`,
  },
  {
    version: 170,
    name: "a referral keeps every note: the sender's and each accept, decline and close note, dated",
    up: `
alter table referrals add column notes jsonb not null default '[]'::jsonb;
update referrals set notes = jsonb_build_array(jsonb_build_object(
  'status', status, 'at', coalesce(closed_at, declined_at, accepted_at, sent_at), 'note', note))
  where note is not null;
`,
  },
  {
    version: 180,
    name: "a referral's notes are sealed under the answer keys (the plaintext columns are emptied at start)",
    up: `
alter table referrals add column notes_sealed bytea;
alter table referrals add column notes_key_id text;
`,
  },
  {
    version: 190,
    name: 'the reply stored with an idempotency key is sealed under the answer keys',
    up: `
alter table idempotency_keys add column response_sealed bytea;
alter table idempotency_keys add column key_id text;
`,
  },
  {
    version: 200,
    name: "an approval's comment is sealed under the answer keys (the plaintext column is emptied at start)",
    up: `
alter table approvals add column comment_sealed bytea;
alter table approvals add column comment_key_id text;
`,
  },
];

/** Applies the migrations not yet applied, each in its own transaction; safe when two processes start at once. */
export async function migrate(db: Kysely<Tables>): Promise<number[]> {
  await sql`create table if not exists schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())`.execute(
    db,
  );
  const applied: number[] = [];
  for (const m of migrations) {
    const done = await db.transaction().execute(async (tx) => {
      // One migrator at a time (another server or `komek db migrate` may be starting too).
      await sql`select pg_advisory_xact_lock(7240613)`.execute(tx);
      const row = await sql<{
        version: number;
      }>`select version from schema_migrations where version = ${m.version}`.execute(tx);
      if (row.rows.length) return false;
      // Statement by statement: PGlite's extended protocol takes one at a time.
      for (const statement of m.up
        .split(/;\s*\n/)
        .map((x) => x.trim())
        .filter(Boolean))
        await sql.raw(statement).execute(tx);
      await sql`insert into schema_migrations (version, name) values (${m.version}, ${m.name})`.execute(tx);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}

/** The newest migration this build knows. */
export const latestVersion = migrations[migrations.length - 1]!.version;
