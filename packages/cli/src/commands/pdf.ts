import { createReadStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { isKomekError, type KomekErrorCode } from '@komek/core';
import { parseOptions, UsageError } from '../options.js';

/** Errors of the paper-form API that a better command line avoids: reported as usage errors (exit 2). */
const USAGE_CODES: ReadonlySet<KomekErrorCode> = new Set(['KOMEK_INVALID_ARGUMENT', 'KOMEK_UNSUPPORTED_LANGUAGE', 'KOMEK_UNKNOWN_FORM']);

const USAGE = `usage:
  komek pdf --form <id> --lang kk,ru [--data case.json] [--mode blank|filled|final] [--allow-invalid] --out file.pdf
  komek pdf --batch cases.jsonl [--form <id>] --lang kk,ru [--mode filled|final] [--allow-invalid] [--jobs N] --out dir/
    each line of cases.jsonl is { "form": "<id>", "data": { … } }, or the data alone when --form is given`;

type Mode = 'blank' | 'filled' | 'final';

/** One record of a batch, as a worker gets it. */
interface Task {
  line: number;
  form: string;
  data: unknown;
  out: string;
}

/** What a worker answers for a record. */
interface Outcome {
  line: number;
  form: string;
  out: string;
  bytes?: number;
  error?: { name: string; message: string; issues?: { pointer: string; message: string }[] };
}

/** Settings every worker shares. */
interface WorkerSettings {
  komekPdfWorker: true;
  languages: string[];
  mode: Mode;
  allowInvalid: boolean;
}

function parseLanguages(value: string | boolean | undefined): string[] {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--lang is required, e.g. --lang kk,ru\n${USAGE}`);
  const langs = value.split(',').map((l) => l.trim()).filter(Boolean);
  if (langs.length > 2) throw new UsageError(`--lang takes one or two languages (primary,secondary), got ${langs.length}`);
  return langs;
}

function parseMode(value: string | boolean | undefined): Mode | undefined {
  if (value === undefined) return undefined;
  if (value !== 'blank' && value !== 'filled' && value !== 'final') throw new UsageError(`--mode must be blank, filled or final, not "${String(value)}"`);
  return value;
}

/** Prints the issues of invalid data, one per line: pointer and message. */
function printIssues(prefix: string, issues: { pointer: string; message: string }[]): void {
  for (const i of issues) process.stderr.write(`${prefix}${i.pointer || '/'}: ${i.message}\n`);
}

/** `komek pdf`: one paper form, or a batch of them. */
export async function pdfCommand(args: string[]): Promise<number> {
  const { options, positional } = parseOptions(args, {
    form: 'string',
    lang: 'string',
    data: 'string',
    mode: 'string',
    out: 'string',
    batch: 'string',
    jobs: 'string',
    'allow-invalid': 'boolean',
    help: 'boolean',
  });
  if (options.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (positional.length > 0) throw new UsageError(`unexpected argument "${positional[0]}"\n${USAGE}`);
  const languages = parseLanguages(options.lang);
  const mode = parseMode(options.mode);
  const out = options.out;
  if (typeof out !== 'string') throw new UsageError(`--out is required\n${USAGE}`);
  const allowInvalid = options['allow-invalid'] === true;
  if (typeof options.batch === 'string') {
    if (mode === 'blank') throw new UsageError('--mode blank makes no sense with --batch: a batch prints data');
    const jobs = options.jobs === undefined ? availableParallelism() : Number(options.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a positive whole number, not "${String(options.jobs)}"`);
    return batch(options.batch, {
      form: typeof options.form === 'string' ? options.form : undefined,
      languages,
      mode: mode ?? 'filled',
      allowInvalid,
      out,
      jobs,
    });
  }
  if (typeof options.form !== 'string') throw new UsageError(`--form is required\n${USAGE}`);
  let data: unknown;
  if (typeof options.data === 'string') {
    try {
      data = JSON.parse(await readFile(options.data, 'utf8'));
    } catch (e) {
      throw new UsageError(`cannot read ${options.data}: ${(e as Error).message}`);
    }
  }
  const { createPaperForm, InvalidFormDataError } = await import('@komek/pdf');
  try {
    const started = performance.now();
    const pdf = await createPaperForm(options.form, {
      languages: languages as never,
      data,
      ...(mode ? { mode } : {}),
      allowInvalid,
    });
    await writeFile(out, pdf);
    process.stderr.write(`wrote ${out} (${(pdf.length / 1024).toFixed(1)} KiB, ${Math.round(performance.now() - started)} ms)\n`);
    return 0;
  } catch (e) {
    if (e instanceof InvalidFormDataError) {
      process.stderr.write(`invalid data in ${String(options.data)} for form ${options.form}: ${e.issues.length} problem${e.issues.length === 1 ? '' : 's'}\n`);
      printIssues('  ', e.issues);
      process.stderr.write('  (pass --allow-invalid to print it anyway, marked as not valid)\n');
      return 1;
    }
    if (isKomekError(e) && USAGE_CODES.has(e.code)) throw new UsageError(e.message);
    throw e;
  }
}

interface BatchOptions {
  form: string | undefined;
  languages: string[];
  mode: Mode;
  allowInvalid: boolean;
  out: string;
  jobs: number;
}

/** Reads the records of a JSON Lines file: blank lines are skipped, a line that is not JSON is an error of that line. */
async function* records(file: string, form: string | undefined, outDir: string): AsyncGenerator<Task | Outcome> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    const fail = (message: string): Outcome => ({ line, form: form ?? '?', out: '', error: { name: 'RecordError', message } });
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (e) {
      yield fail(`not JSON: ${(e as Error).message}`);
      continue;
    }
    let id = form;
    let data = record;
    if (record !== null && typeof record === 'object' && 'form' in record && 'data' in record) {
      id = String((record as { form: unknown }).form);
      data = (record as { data: unknown }).data;
    }
    if (!id) {
      yield fail('no form: write { "form": "<id>", "data": { … } } or pass --form');
      continue;
    }
    yield { line, form: id, data, out: join(outDir, `${String(line).padStart(5, '0')}-${id}.pdf`) };
  }
}

/** A progress line on stderr: redrawn in place on a terminal, a few plain lines otherwise. */
class Progress {
  private readonly tty = process.stderr.isTTY === true;
  private lastPrinted = -1;
  private readonly started = performance.now();
  done = 0;
  failed = 0;
  total: number | undefined;

  update(final = false): void {
    const seconds = (performance.now() - this.started) / 1000;
    const rate = this.done / Math.max(seconds, 0.001);
    const total = this.total;
    const share = total ? this.done / total : 0;
    const width = 24;
    const bar = total ? '█'.repeat(Math.round(share * width)).padEnd(width, '░') : '';
    const eta = total && rate > 0 ? ` · ${Math.ceil((total - this.done) / rate)} s left` : '';
    const text = `${bar ? bar + ' ' : ''}${this.done}${total ? `/${total}` : ''} PDFs${this.failed ? ` · ${this.failed} failed` : ''} · ${rate.toFixed(1)}/s${final ? '' : eta}`;
    if (this.tty) {
      process.stderr.write(`\r\x1b[2K${text}${final ? '\n' : ''}`);
      return;
    }
    const step = total ? Math.floor(share * 10) : Math.floor(this.done / 100);
    if (final || step > this.lastPrinted) {
      this.lastPrinted = step;
      process.stderr.write(text + '\n');
    }
  }

  /** Prints a message above the bar. */
  log(message: string): void {
    if (this.tty) process.stderr.write('\r\x1b[2K');
    process.stderr.write(message.endsWith('\n') ? message : message + '\n');
  }
}

async function countRecords(file: string): Promise<number> {
  let n = 0;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const text of lines) if (text.trim() !== '') n++;
  return n;
}

/** Prints many PDFs with worker threads, one per core by default; a failed record does not stop the others. */
async function batch(file: string, options: BatchOptions): Promise<number> {
  try {
    await readFile(file, { flag: 'r' }).then(() => undefined);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  await mkdir(options.out, { recursive: true });
  const progress = new Progress();
  progress.total = await countRecords(file);
  const settings: WorkerSettings = { komekPdfWorker: true, languages: options.languages, mode: options.mode, allowInvalid: options.allowInvalid };
  const workers = Array.from({ length: Math.min(options.jobs, Math.max(1, progress.total)) }, () => startWorker(settings));
  const failures: Outcome[] = [];
  const source = records(file, options.form, options.out);
  let exhausted = false;

  const report = (o: Outcome) => {
    progress.done++;
    if (o.error) {
      progress.failed++;
      failures.push(o);
      progress.log(`line ${o.line} (${o.form}): ${o.error.message.split('\n')[0]}`);
      if (o.error.issues) for (const i of o.error.issues) progress.log(`line ${o.line}   ${i.pointer || '/'}: ${i.message}`);
    }
    progress.update();
  };

  /** Feeds one worker until the records run out. */
  const drive = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const next = async () => {
        while (!exhausted) {
          const r = await source.next();
          if (r.done) {
            exhausted = true;
            break;
          }
          if ('data' in r.value) {
            worker.postMessage(r.value);
            return;
          }
          report(r.value);
        }
        resolve();
      };
      worker.on('message', (o: Outcome) => {
        report(o);
        void next().catch(reject);
      });
      worker.on('error', reject);
      void next().catch(reject);
    });

  const started = performance.now();
  try {
    await Promise.all(workers.map(drive));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  progress.update(true);
  const seconds = (performance.now() - started) / 1000;
  const written = progress.done - progress.failed;
  process.stderr.write(
    `${written} PDF${written === 1 ? '' : 's'} written to ${options.out}, ${progress.failed} failed, in ${seconds.toFixed(1)} s with ${workers.length} worker${workers.length === 1 ? '' : 's'}\n`,
  );
  if (failures.length > 0) {
    process.stderr.write(`failed records (line numbers of ${file}):\n`);
    for (const f of failures.sort((a, b) => a.line - b.line)) process.stderr.write(`  line ${f.line}: ${f.error!.name} — ${f.error!.message.split('\n')[0]}\n`);
  }
  return progress.failed > 0 ? 1 : 0;
}

/**
 * Starts a worker running this module. Run from TypeScript sources (tsx), a worker thread does not inherit the
 * loader, so a small bootstrap imports the module through tsx's API.
 */
function startWorker(settings: WorkerSettings): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(import.meta.url), { workerData: settings });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const self = JSON.stringify(import.meta.url);
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${self}, ${self}));`;
  return new Worker(bootstrap, { eval: true, workerData: settings });
}

/** The worker side of a batch: keeps one paper form per form id, fills and saves each record it is sent. */
async function runWorker(settings: WorkerSettings): Promise<void> {
  const { PaperForm, InvalidFormDataError } = await import('@komek/pdf');
  const forms = new Map<string, ReturnType<typeof PaperForm.create>>();
  let queue = Promise.resolve();
  parentPort!.on('message', (task: Task) => {
    queue = queue.then(async () => {
      const outcome: Outcome = { line: task.line, form: task.form, out: task.out };
      try {
        let paper = forms.get(task.form);
        if (!paper) {
          paper = PaperForm.create(task.form, { languages: settings.languages as never });
          forms.set(task.form, paper);
          paper.catch(() => forms.delete(task.form));
        }
        const form = await paper;
        form.fill(task.data, { allowInvalid: settings.allowInvalid });
        const pdf = await form.save({ mode: settings.mode });
        await writeFile(task.out, pdf);
        outcome.bytes = pdf.length;
      } catch (e) {
        const err = e as Error;
        if (e instanceof InvalidFormDataError) {
          const n = e.issues.length;
          outcome.error = { name: err.name, message: `invalid data: ${n} problem${n === 1 ? '' : 's'}`, issues: e.issues.map((i) => ({ pointer: i.pointer, message: i.message })) };
        } else outcome.error = { name: err.name, message: err.message };
      }
      parentPort!.postMessage(outcome);
    });
  });
}

if (!isMainThread && (workerData as Partial<WorkerSettings> | undefined)?.komekPdfWorker) {
  void runWorker(workerData as WorkerSettings);
}
