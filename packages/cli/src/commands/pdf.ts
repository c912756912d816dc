import { mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { CliError, exitCodes, InputError, OutputError, reasonOf } from '../errors.js';
import {
  jsonError,
  readInput,
  readJsonFile,
  refuseOverwritingInputs,
  utf8Problem,
  withoutBom,
  writeOutput,
} from '../io.js';
import { isLanguage, languages as knownLanguages } from '@komek/i18n';
import { isKomekError, UnknownFormError, type KomekErrorCode } from '@komek/core';
import { parseOptions, unknownLanguageError, UsageError } from '../options.js';

/** Errors of the paper-form API that a better command line avoids: reported as usage errors (exit 2). */
const USAGE_CODES: ReadonlySet<KomekErrorCode> = new Set([
  'KOMEK_INVALID_ARGUMENT',
  'KOMEK_UNSUPPORTED_LANGUAGE',
  'KOMEK_UNKNOWN_FORM',
]);

/** The usage of `komek pdf`. */
export const PDF_USAGE = `usage:
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
  /** With --allow-invalid: how many problems the printed (and so marked) data has. */
  marked?: number;
  error?: { name: string; message: string; issues?: { pointer: string; message: string }[]; output?: boolean };
}

/** Settings every worker shares. */
interface WorkerSettings {
  komekPdfWorker: true;
  languages: string[];
  mode: Mode;
  allowInvalid: boolean;
}

function parseLanguages(value: string | boolean | undefined): string[] {
  if (typeof value !== 'string' || value.trim() === '')
    throw new UsageError(`--lang is required, e.g. --lang kk,ru\n${PDF_USAGE}`);
  const langs = value
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean);
  if (langs.length === 0) throw new UsageError(`--lang is required, e.g. --lang kk,ru\n${PDF_USAGE}`);
  if (langs.length > 2)
    throw new UsageError(`--lang takes one or two languages (primary,secondary), got ${langs.length}`);
  const unknown = langs.find((l) => !isLanguage(l));
  if (unknown !== undefined)
    throw unknownLanguageError(
      unknown,
      knownLanguages.map((l) => l.code),
    );
  if (langs.length === 2 && langs[0] === langs[1])
    throw new UsageError(`--lang ${value} names ${langs[0]} twice: give one language, or two different ones`);
  return langs;
}

function parseMode(value: string | boolean | undefined): Mode | undefined {
  if (value === undefined) return undefined;
  if (value !== 'blank' && value !== 'filled' && value !== 'final')
    throw new UsageError(`--mode must be blank, filled or final, not "${String(value)}"`);
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** What a JSON value is, without quoting it (it may be a name or an answer). */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return typeof value;
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
    process.stdout.write(PDF_USAGE + '\n');
    return 0;
  }
  if (positional.length > 0) throw new UsageError(`unexpected argument "${positional[0]}"\n${PDF_USAGE}`);
  const languages = parseLanguages(options.lang);
  const mode = parseMode(options.mode);
  const out = options.out;
  if (typeof out !== 'string') throw new UsageError(`--out is required\n${PDF_USAGE}`);
  if (out.trim() === '') throw new UsageError('--out needs a file name (or a folder name with --batch)');
  if (out === '-')
    throw new UsageError('--out -: komek pdf writes a file, not standard output; name it, e.g. --out case.pdf');
  const allowInvalid = options['allow-invalid'] === true;
  if (typeof options.batch === 'string') {
    if (options.data !== undefined)
      throw new UsageError('--data is for one form; the records of a batch are the lines of the --batch file');
    if (mode === 'blank') throw new UsageError('--mode blank makes no sense with --batch: a batch prints data');
    const cores = availableParallelism();
    let jobs = options.jobs === undefined ? cores : Number(options.jobs);
    if (!Number.isInteger(jobs) || jobs < 1)
      throw new UsageError(`--jobs must be a positive whole number, not "${String(options.jobs)}"`);
    // A worker per core is the fastest; more only add memory (each holds fonts and forms) and contention.
    if (jobs > cores) {
      process.stderr.write(
        `komek pdf: --jobs ${jobs} is more than the ${cores} core${cores === 1 ? '' : 's'} of this machine; using ${cores}\n`,
      );
      jobs = cores;
    }
    return batch(options.batch, {
      form: typeof options.form === 'string' ? options.form : undefined,
      languages,
      mode: mode ?? 'filled',
      allowInvalid,
      out,
      jobs,
    });
  }
  if (options.jobs !== undefined) throw new UsageError('--jobs is for a batch (--batch cases.jsonl)');
  if (typeof options.form !== 'string') throw new UsageError(`--form is required\n${PDF_USAGE}`);
  const { formIds } = await import('@komek/forms');
  if (!(formIds as readonly string[]).includes(options.form)) {
    throw new UnknownFormError(options.form, formIds);
  }
  const dataFile = typeof options.data === 'string' ? options.data : undefined;
  if (mode === 'blank' && dataFile !== undefined)
    throw new UsageError('--mode blank prints an empty form: leave out --data, or use --mode filled or final');
  if (mode !== undefined && mode !== 'blank' && dataFile === undefined)
    throw new UsageError(
      `--mode ${mode} prints a case's answers: give them with --data case.json, or use --mode blank`,
    );
  const data = dataFile === undefined ? undefined : readJsonFile(dataFile);
  refuseOverwritingInputs(out, [dataFile]);
  if (dataFile !== undefined && !isPlainObject(data))
    throw new CliError(
      'KOMEK_INVALID_ARGUMENT',
      `invalid data in ${dataFile} for form ${options.form}: the file holds ${kindOf(data)}, not a JSON object { … } with the answers`,
      exitCodes.invalid,
    );
  const { PaperForm, InvalidFormDataError } = await import('@komek/pdf');
  try {
    const started = performance.now();
    const paper = await PaperForm.create(options.form, { languages: languages as never });
    // With --allow-invalid the PDF says on its first page that it is not valid; the person running komek is told too.
    let issues: { pointer: string; message: string }[] = [];
    if (data !== undefined) {
      paper.fill(data, { allowInvalid });
      if (allowInvalid) issues = paper.validate(data);
    }
    const pdf = await paper.save(mode ? { mode } : {});
    const { replaced } = writeOutput(out, pdf);
    if (issues.length > 0) printIssues('  ', issues);
    const n = issues.length;
    process.stderr.write(
      `wrote ${out}${replaced ? ', replacing the earlier file' : ''} (${(pdf.length / 1024).toFixed(1)} KiB, ${Math.round(performance.now() - started)} ms)${n ? `, marked as not valid: ${n} problem${n === 1 ? '' : 's'} in ${dataFile}, listed above` : ''}\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof InvalidFormDataError) {
      const n = e.issues.length;
      printIssues('  ', e.issues);
      process.stderr.write(
        `komek pdf: invalid data in ${dataFile ?? '(no data)'} for form ${options.form}: ${n} problem${n === 1 ? '' : 's'}, listed above (pass --allow-invalid to print it anyway, marked as not valid)\n`,
      );
      return exitCodes.invalid;
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

/**
 * The lines of a JSON Lines file as bytes, numbered from 1. A byte-order mark at the start of a line is dropped: before
 * the first, and where files saved by a Windows editor were joined (`cat a.jsonl b.jsonl`).
 */
function lineBytes(bytes: Uint8Array): { line: number; bytes: Uint8Array }[] {
  const body = withoutBom(bytes);
  const out: { line: number; bytes: Uint8Array }[] = [];
  let start = 0;
  for (let i = 0; i <= body.length; i++) {
    if (i === body.length || body[i] === 0x0a) {
      const end = i > start && body[i - 1] === 0x0d ? i - 1 : i;
      out.push({ line: out.length + 1, bytes: withoutBom(body.subarray(start, end)) });
      start = i + 1;
    }
  }
  return out;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The records of a JSON Lines file: blank lines are skipped; a line that is not UTF-8 or not JSON is an error of
 * that line.
 */
function* records(
  lines: { line: number; bytes: Uint8Array }[],
  form: string | undefined,
  outDir: string,
): Generator<Task | Outcome> {
  for (const { line, bytes } of lines) {
    const fail = (message: string): Outcome => ({
      line,
      form: form ?? '?',
      out: '',
      error: { name: 'RecordError', message },
    });
    const problem = utf8Problem(bytes);
    if (problem) {
      yield fail(problem.replace(/line 1, /, ''));
      continue;
    }
    const text = decoder.decode(bytes);
    if (text.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      const { reason, column } = jsonError(text);
      yield fail(`not JSON: ${reason} at column ${column}`);
      continue;
    }
    let id = form;
    let data = record;
    if (record !== null && typeof record === 'object' && 'form' in record && 'data' in record) {
      id = String((record as { form: unknown }).form);
      data = (record as { data: unknown }).data;
    }
    if (!id) {
      const hasForm = record !== null && typeof record === 'object' && 'form' in record;
      yield fail(
        hasForm
          ? 'a "form" without "data": write { "form": "<id>", "data": { … } }'
          : 'no form: write { "form": "<id>", "data": { … } } or pass --form',
      );
      continue;
    }
    if (!isPlainObject(data)) {
      yield fail(`the data is ${kindOf(data)}, not a JSON object { … } with the answers of form ${id.slice(0, 80)}`);
      continue;
    }
    if (!/^[a-z0-9][a-z0-9.-]{0,80}$/.test(id)) {
      yield fail(`unknown form "${id.slice(0, 80)}"`);
      continue;
    }
    yield { line, form: id, data, out: join(outDir, batchFileName(line, id)) };
  }
}

/** The name of a batch record's PDF: its line number and form. */
function batchFileName(line: number, form: string): string {
  return `${String(line).padStart(5, '0')}-${form}.pdf`;
}

/** Names a batch writes (`00012-kz-f1-initial-application.pdf`): what a re-run may replace or remove. */
const BATCH_FILE = /^\d{5,}-[a-z0-9][a-z0-9.-]*\.pdf$/;

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

/** Makes the output folder of a batch, or says why it cannot be one. */
function outputFolder(dir: string): void {
  try {
    if (!statSync(dir).isDirectory())
      throw new OutputError(dir, 'it is a file, not a folder; --out of a batch names a folder');
    return;
  } catch (e) {
    if (e instanceof OutputError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new OutputError(dir, reasonOf(e), { cause: e });
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new OutputError(dir, reasonOf(e), { cause: e });
  }
}

/**
 * Prints many PDFs with worker threads, one per core by default; a failed record does not stop the others. When the
 * run is complete, PDFs of an earlier run in the same folder that this run did not write (lines that now fail or are
 * gone) are removed, so the folder holds exactly what this run made. Ctrl-C stops the workers and says what was
 * written.
 */
async function batch(file: string, options: BatchOptions): Promise<number> {
  const lines = lineBytes(readInput(file));
  // An empty file (a failed export, a wrong name) must not reach the folder: a finished run removes earlier PDFs.
  if (!lines.some((l) => l.bytes.some((b) => b !== 0x20 && b !== 0x09 && b !== 0x0d)))
    throw new InputError(file, 'no records: the file is empty or holds only blank lines');
  outputFolder(options.out);
  const progress = new Progress();
  progress.total = lines.filter((l) => l.bytes.some((b) => b !== 0x20 && b !== 0x09 && b !== 0x0d)).length;
  const settings: WorkerSettings = {
    komekPdfWorker: true,
    languages: options.languages,
    mode: options.mode,
    allowInvalid: options.allowInvalid,
  };
  const workers = Array.from({ length: Math.min(options.jobs, Math.max(1, progress.total)) }, () =>
    startWorker(settings),
  );
  const failures: Outcome[] = [];
  const written = new Set<string>();
  let marked = 0;
  const source = records(lines, options.form, options.out);
  let exhausted = false;
  let interrupted = false;

  const report = (o: Outcome) => {
    progress.done++;
    if (o.error) {
      progress.failed++;
      failures.push(o);
      progress.log(`line ${o.line} (${o.form}): ${o.error.message.split('\n')[0]}`);
      if (o.error.issues)
        for (const i of o.error.issues) progress.log(`line ${o.line}   ${i.pointer || '/'}: ${i.message}`);
    } else {
      written.add(o.out);
      if (o.marked) {
        marked++;
        progress.log(
          `line ${o.line} (${o.form}): printed marked as not valid, ${o.marked} problem${o.marked === 1 ? '' : 's'} (--allow-invalid)`,
        );
      }
    }
    progress.update();
  };

  /** Feeds one worker until the records run out or the run is interrupted. */
  const drive = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const next = () => {
        while (!exhausted && !interrupted) {
          const r = source.next();
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
        next();
      });
      worker.on('error', reject);
      worker.on('exit', () => resolve());
      next();
    });

  const onInterrupt = () => {
    interrupted = true;
    for (const w of workers) void w.terminate();
  };
  process.once('SIGINT', onInterrupt);
  const started = performance.now();
  try {
    await Promise.all(workers.map(drive));
  } finally {
    process.off('SIGINT', onInterrupt);
    await Promise.all(workers.map((w) => w.terminate()));
  }
  progress.update(true);
  const seconds = (performance.now() - started) / 1000;
  const count = written.size;
  const failed = progress.failed;
  if (interrupted) {
    removeTemporaryFiles(options.out);
    const left = (progress.total ?? 0) - progress.done;
    process.stderr.write(
      `interrupted: ${count} PDF${count === 1 ? '' : 's'} written to ${options.out}, ${failed} failed, ${left} not printed (from line ${firstUnprinted(lines, written, failures)} of ${file}); files of an earlier run were left as they were\n`,
    );
    return exitCodes.interrupted;
  }
  const removed = removeStale(options.out, written);
  process.stderr.write(
    `${count} PDF${count === 1 ? '' : 's'} written to ${options.out}${marked ? ` (${marked} marked as not valid)` : ''}, ${failed} failed, in ${seconds.toFixed(1)} s with ${workers.length} worker${workers.length === 1 ? '' : 's'}${removed ? `; ${removed} PDF${removed === 1 ? '' : 's'} of an earlier run removed` : ''}\n`,
  );
  if (failures.length > 0) {
    process.stderr.write(`failed records (line numbers of ${file}):\n`);
    for (const f of failures.sort((a, b) => a.line - b.line))
      process.stderr.write(`  line ${f.line}: ${f.error!.name} — ${f.error!.message.split('\n')[0]}\n`);
    const outputs = failures.filter((f) => f.error!.output).length;
    process.stderr.write(
      `komek pdf: ${failures.length} of ${progress.total} records of ${file} failed, listed above\n`,
    );
    return outputs > 0 ? exitCodes.output : exitCodes.invalid;
  }
  return exitCodes.ok;
}

/** The first line of the batch that has no outcome, for the interruption summary. */
function firstUnprinted(
  lines: { line: number; bytes: Uint8Array }[],
  written: Set<string>,
  failures: Outcome[],
): number | string {
  const done = new Set([
    ...failures.map((f) => f.line),
    ...[...written].map((w) => Number(/(\d{5,})-[^/\\]*$/.exec(w)?.[1])),
  ]);
  const first = lines.find((l) => !done.has(l.line) && l.bytes.some((b) => b !== 0x20 && b !== 0x09 && b !== 0x0d));
  return first?.line ?? '—';
}

/** Removes PDFs an earlier batch wrote into the folder that this run did not write. Returns how many. */
function removeStale(dir: string, written: Set<string>): number {
  let removed = 0;
  for (const name of readdirSync(dir)) {
    if (!BATCH_FILE.test(name) || written.has(join(dir, name))) continue;
    try {
      unlinkSync(join(dir, name));
      removed++;
    } catch {
      // Not removable (permissions): the summary counts only what went.
    }
  }
  return removed;
}

/** Removes the temporary files of writes an interruption cut short. */
function removeTemporaryFiles(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (/^\.\d{5,}-.*\.pdf\.[0-9a-f]{8}\.tmp$/.test(name)) {
      try {
        unlinkSync(join(dir, name));
      } catch {
        // Gone already.
      }
    }
  }
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
        const marked = settings.allowInvalid ? form.validate(task.data).length : 0;
        if (marked > 0) outcome.marked = marked;
        const pdf = await form.save({ mode: settings.mode });
        writeOutput(task.out, pdf);
        outcome.bytes = pdf.length;
      } catch (e) {
        const err = e as Error;
        if (e instanceof OutputError) outcome.error = { name: err.name, message: err.message, output: true };
        else if (e instanceof InvalidFormDataError) {
          const n = e.issues.length;
          outcome.error = {
            name: err.name,
            message: `invalid data: ${n} problem${n === 1 ? '' : 's'}`,
            issues: e.issues.map((i) => ({ pointer: i.pointer, message: i.message })),
          };
        } else outcome.error = { name: err.name, message: err.message };
      }
      parentPort!.postMessage(outcome);
    });
  });
}

if (!isMainThread && (workerData as Partial<WorkerSettings> | undefined)?.komekPdfWorker) {
  void runWorker(workerData as WorkerSettings);
}
