import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { jsonb } from '../db/json.js';

import type { AnswerKeys } from '../security/answerKeys.js';

/** A job's kind and what it needs; handlers are in handlers.ts. */
export interface JobSpec {
  kind: string;
  payload: Record<string, unknown>;
}

/** What a job made: one file, stored with the job. */
export interface JobOutput {
  name: string;
  contentType: string;
  content: Uint8Array;
}

export type JobHandler = (payload: Record<string, unknown>, database: Database, keys: AnswerKeys) => Promise<JobOutput>;

/**
 * Long jobs on the database itself: a `jobs` table claimed with `FOR UPDATE SKIP LOCKED`, so any number of
 * `komek worker` processes on PostgreSQL share the work and a job is taken by one of them at a time. A claim is a
 * lease: a worker that dies leaves its job to be claimed again when the lease ends. The result is written in the
 * same transaction that marks the job done, and only by the worker that holds the lease, so each job's file is
 * stored exactly once. On PGlite the server runs the same loop in its own process.
 */
export class JobQueue {
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** How many jobs this process has done (tests and the worker's summary read it). */
  done = 0;

  constructor(
    private readonly database: Database,
    private readonly handlers: Record<string, JobHandler>,
    /** Opens the answers a job reads (a worker loads the same key-encryption keys as the server). */
    private readonly keys: AnswerKeys,
    private readonly options: { leaseSeconds?: number; idleMs?: number; maxAttempts?: number } = {},
  ) {}

  /** Queues jobs as one batch; returns the batch id. */
  async enqueue(
    jobs: readonly JobSpec[],
    batchId: string = randomUUID(),
  ): Promise<{ batchId: string; jobIds: string[] }> {
    const now = new Date();
    const rows = jobs.map((j) => ({
      id: randomUUID(),
      batch_id: batchId,
      kind: j.kind,
      payload: jsonb(j.payload),
      created_at: now,
      locked_by: null,
      locked_until: null,
      error: null,
      finished_at: null,
    }));
    for (let i = 0; i < rows.length; i += 500)
      await this.database.db
        .insertInto('jobs')
        .values(rows.slice(i, i + 500))
        .execute();
    this.wake?.();
    return { batchId, jobIds: rows.map((r) => r.id) };
  }

  /** Claims the next job (or one whose lease ended), or undefined when none waits. */
  async claim(): Promise<{ id: string; kind: string; payload: Record<string, unknown>; attempts: number } | undefined> {
    const lease = this.options.leaseSeconds ?? 120;
    const r = await sql<{ id: string; kind: string; payload: Record<string, unknown>; attempts: number }>`
      update jobs set status = 'running', attempts = attempts + 1, locked_by = ${this.workerId},
        locked_until = now() + make_interval(secs => ${lease})
      where id = (
        select id from jobs
        where status = 'queued' or (status = 'running' and locked_until < now())
        order by created_at, id
        for update skip locked
        limit 1)
      returning id, kind, payload, attempts`.execute(this.database.db);
    return r.rows[0];
  }

  /** Runs one job if one waits; whether one was run. */
  async runOne(): Promise<boolean> {
    const job = await this.claim();
    if (!job) return false;
    const handler = this.handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for jobs of kind "${job.kind}"`);
      const out = await handler(job.payload, this.database, this.keys);
      await this.database.db.transaction().execute(async (tx) => {
        const mine = await tx
          .updateTable('jobs')
          .set({ status: 'done', finished_at: new Date(), locked_until: null })
          .where('id', '=', job.id)
          .where('locked_by', '=', this.workerId)
          .where('status', '=', 'running')
          .returning('id')
          .executeTakeFirst();
        if (!mine) return; // the lease ended and another worker took the job: its result counts, not ours
        // A made file holds answers: sealed like them, bound to its job.
        const sealed = this.keys.sealBytes(out.content, `job-file:${job.id}`);
        await tx
          .insertInto('job_files')
          .values({
            job_id: job.id,
            name: out.name,
            content_type: out.contentType,
            content: sealed.content,
            key_id: sealed.keyId,
            made_by: this.workerId,
            created_at: new Date(),
          })
          .execute();
        this.done++;
      });
    } catch (e) {
      const failed = job.attempts >= (this.options.maxAttempts ?? 3);
      // Only the message: job errors name forms and fields, never answers.
      await this.database.db
        .updateTable('jobs')
        .set({
          status: failed ? 'failed' : 'queued',
          error: String((e as Error).message ?? e).slice(0, 500),
          locked_by: null,
          locked_until: null,
          ...(failed ? { finished_at: new Date() } : {}),
        })
        .where('id', '=', job.id)
        .where('locked_by', '=', this.workerId)
        .execute()
        .catch(() => {});
    }
    return true;
  }

  /** Works until stopped: jobs back to back, a short sleep when none waits. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        let ran: boolean;
        try {
          ran = await this.runOne();
        } catch {
          ran = false; // database unreachable: wait and try again
        }
        if (!ran && this.running)
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, this.options.idleMs ?? 500);
            this.wake = () => {
              clearTimeout(t);
              resolve();
            };
          });
        this.wake = undefined;
      }
    })();
  }

  /** Stops after the job in hand. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** A batch's progress. */
  async batch(
    batchId: string,
    organisationId: string,
  ): Promise<{
    total: number;
    done: number;
    failed: number;
    jobs: { id: string; status: string; error: string | null; file: string | null }[];
  }> {
    const rows = await this.database.db
      .selectFrom('jobs')
      .leftJoin('job_files', 'job_files.job_id', 'jobs.id')
      .select(['jobs.id', 'jobs.status', 'jobs.error', 'job_files.name'])
      .where('jobs.batch_id', '=', batchId)
      .where(sql<string>`jobs.payload->>'organisationId'`, '=', organisationId)
      .orderBy('jobs.created_at')
      .orderBy('jobs.id')
      .execute();
    return {
      total: rows.length,
      done: rows.filter((r) => r.status === 'done').length,
      failed: rows.filter((r) => r.status === 'failed').length,
      jobs: rows.map((r) => ({ id: r.id, status: r.status, error: r.error, file: r.name })),
    };
  }

  /** The file a job of a batch made (only for the organisation that queued it). */
  async file(jobId: string, batchId: string, organisationId: string): Promise<JobOutput | undefined> {
    const db = this.database.db;
    const r = await db
      .selectFrom('job_files')
      .innerJoin('jobs', 'jobs.id', 'job_files.job_id')
      .select(['job_files.name', 'job_files.content_type', 'job_files.content', 'job_files.key_id'])
      .where('job_files.job_id', '=', jobId)
      .where('jobs.batch_id', '=', batchId)
      .where(sql<string>`jobs.payload->>'organisationId'`, '=', organisationId)
      .executeTakeFirst();
    return (
      r && {
        name: r.name,
        contentType: r.content_type,
        content: await this.keys.openBytes(db, r.content, r.key_id, `job-file:${jobId}`),
      }
    );
  }
}
