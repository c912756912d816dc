import type { DeskReply, DeskRequest, RecordError } from './protocol.js';

/** Each kind of request without its job number (the client numbers them). */
type WithoutJob<R> = R extends unknown ? Omit<R, 'job'> : never;
type Job = WithoutJob<DeskRequest>;

/** The worker could not start, or stopped: no job of it can finish. `message` is technical, for no one to read. */
export class DeskWorkerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeskWorkerError';
  }
}

/** What a job reports while it runs. */
export interface JobReports {
  progress?(done: number, total: number): void;
  recordErrors?(errors: RecordError[]): void;
}

/** A finished job: the file, and how many PDFs of how many records (or forms) it holds. */
export type JobResult = Extract<DeskReply, { kind: 'done' }>;

interface Pending {
  reports: JobReports;
  resolve(result: JobResult): void;
  reject(error: Error): void;
}

let worker: Worker | undefined;
let lastJob = 0;
const pending = new Map<number, Pending>();

function failAll(message: string): void {
  for (const job of pending.values()) job.reject(new DeskWorkerError(message));
  pending.clear();
}

/** The print desk's worker, started the first time a job is asked for and kept for the next ones. */
function deskWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL('./desk.worker.ts', import.meta.url), {
    type: 'module',
    name: 'komek-print-desk',
  });
  started.addEventListener('message', (event: MessageEvent<DeskReply>) => {
    const reply = event.data;
    if (reply.job === 0 && reply.kind === 'failed') return failAll(reply.message);
    const job = pending.get(reply.job);
    if (!job) return;
    if (reply.kind === 'progress') job.reports.progress?.(reply.done, reply.total);
    else if (reply.kind === 'recordErrors') job.reports.recordErrors?.(reply.errors);
    else {
      pending.delete(reply.job);
      if (reply.kind === 'done') job.resolve(reply);
      else job.reject(new Error(reply.message));
    }
  });
  // A worker that cannot start or stops: its jobs fail with the reason, and the next job starts a new one. The
  // event is not left to reach the console.
  started.addEventListener('error', (event) => {
    event.preventDefault();
    started.terminate();
    if (worker === started) worker = undefined;
    failAll(event.message || 'The PDF worker stopped.');
  });
  started.addEventListener('messageerror', () => failAll('The PDF worker sent a message that could not be read.'));
  worker = started;
  return started;
}

/** Runs a job in the print desk's worker: progress and errors are reported as they come, the file at the end. */
export function runDeskJob(request: Job, reports: JobReports = {}): Promise<JobResult> {
  const job = ++lastJob;
  return new Promise<JobResult>((resolve, reject) => {
    pending.set(job, { reports, resolve, reject });
    deskWorker().postMessage({ ...request, job });
  });
}
