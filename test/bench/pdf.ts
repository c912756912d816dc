// PDF: a filled bilingual (kk + ru) PDF of the largest form — warm time (median) and size — and a batch of 1,000
// filled PDFs (wall time, through the CLI's batch path), ours against survey-pdf. survey-pdf gets the same form
// converted to SurveyJS JSON with both languages in every label, and DejaVu Sans added by hand (its built-in fonts
// have no Cyrillic).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { validatorLoaders } from '@komek/forms';
import { toSurveyData, toSurveyJs } from './convert.js';
import { typedField, outDir } from './build.js';
import { fixture, labeler, pickForm, repoRoot, type BenchForm } from './form.js';
import { fmt, median, ratioOf, type Row } from './report.js';

export const PDF_BARS = { filledMs: 100, filledKiB: 100, batchS: 60 };
const LANGUAGES = ['kk', 'ru'] as const;
const PEER = 'survey-pdf 2.5 (jsPDF), DejaVu Sans added';

export interface PdfOptions {
  /** Records in the batch figure. */
  batch?: number;
  /** Records survey-pdf renders for its batch figure (it is then scaled to `batch`), to bound the run. */
  peerBatchSample?: number;
}

/** `batch` records of valid data: the valid fixtures in turn, each with its typed text field made unique. */
export async function batchRecords(form: BenchForm, batch: number): Promise<unknown[]> {
  const dir = join(repoRoot, 'test', 'fixtures', 'forms', form.id);
  const valids = readdirSync(dir)
    .filter((f) => /^valid-\d+\.json$/.test(f))
    .sort()
    .map((f) => fixture(form.id, f.replace(/\.json$/, '')));
  const pointer = typedField(form).pointer.split('/').slice(1);
  const validate = (await validatorLoaders[form.id]()) as unknown as (d: unknown) => boolean;
  const out: unknown[] = [];
  for (let i = 0; i < batch; i++) {
    const record = structuredClone(valids[i % valids.length]) as Record<string, unknown>;
    let o = record;
    for (const seg of pointer.slice(0, -1)) o = (o[seg] ??= {}) as Record<string, unknown>;
    const last = pointer[pointer.length - 1]!;
    o[last] = `${typeof o[last] === 'string' ? o[last] : 'Алматы'} №${i + 1}`;
    if (!validate(record)) throw new Error(`batch record ${i + 1} is not valid`);
    out.push(record);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// survey-pdf

const requireFromPdf = createRequire(join(repoRoot, 'packages', 'pdf', 'package.json'));

/** DejaVu Sans from the `dejavu-fonts-ttf` package (the one our PDF package depends on). */
function dejavu(file: string): string {
  return readFileSync(join(dirname(requireFromPdf.resolve('dejavu-fonts-ttf/package.json')), 'ttf', file)).toString(
    'base64',
  );
}

type SurveyPdfRender = (data: Record<string, unknown>) => Promise<Uint8Array>;

async function surveyPdf(form: BenchForm): Promise<SurveyPdfRender> {
  const quiet = console.warn;
  const quietError = console.error;
  console.warn = console.error = () => {};
  const { SurveyPDF, DocController } = await import('@komek/bench-survey-pdf').finally(() => {
    console.warn = quiet;
    console.error = quietError;
  });
  DocController.addFont('DejaVuSans', dejavu('DejaVuSans.ttf'), 'normal');
  DocController.addFont('DejaVuSans', dejavu('DejaVuSans-Bold.ttf'), 'bold');
  const json = toSurveyJs(form.model, labeler(LANGUAGES), 'ru');
  // survey-pdf prints notices (licence) on every document: kept off the benchmark's output.
  const warn = console.warn;
  const error = console.error;
  return async (data) => {
    console.warn = console.error = () => {};
    try {
      const pdf = new SurveyPDF(json, { fontName: 'DejaVuSans', format: 'a4', orientation: 'p' });
      pdf.data = data;
      pdf.mode = 'display';
      const out = await pdf.raw('arraybuffer');
      return new Uint8Array(out);
    } finally {
      console.warn = warn;
      console.error = error;
    }
  };
}

// ---------------------------------------------------------------------------------------------------------
// Ours

type CreatePaperForm = (
  formId: string,
  options: { languages: string[]; data: unknown; mode: 'filled' },
) => Promise<Uint8Array>;
/** The facade underneath `createPaperForm`: one per form, filled and saved many times (as the CLI batch does). */
interface PaperFormClass {
  create(
    formId: string,
    options: { languages: string[] },
  ): Promise<{ fill(data: unknown): unknown; save(options: { mode: 'filled' }): Promise<Uint8Array> }>;
}

const pdfIndex = join(repoRoot, 'packages', 'pdf', 'src', 'index.ts');
const cliBin = join(repoRoot, 'packages', 'cli', 'src', 'bin.ts');
const cliPdfCommand = join(repoRoot, 'packages', 'cli', 'src', 'commands', 'pdf.ts');

async function ours(): Promise<{ create?: CreatePaperForm; paperForm?: PaperFormClass; reason?: string }> {
  if (!existsSync(pdfIndex)) return { reason: 'pending: packages/pdf/src/index.ts does not exist yet' };
  try {
    const mod = (await import('@komek/pdf')) as { createPaperForm?: CreatePaperForm; PaperForm?: PaperFormClass };
    if (typeof mod.createPaperForm !== 'function')
      return { reason: 'pending: @komek/pdf does not export createPaperForm yet' };
    return { create: mod.createPaperForm, ...(mod.PaperForm ? { paperForm: mod.PaperForm } : {}) };
  } catch (e) {
    return {
      reason: `pending: @komek/pdf does not load (${(e instanceof Error ? e.message : String(e)).split('\n')[0]})`,
    };
  }
}

/** Runs `komek pdf --batch` as a user would, returning the wall time in seconds and the files written. */
async function cliBatch(
  form: BenchForm,
  records: unknown[],
): Promise<{ seconds: number; files: number; bytes: number; log: string }> {
  const dir = join(outDir, 'pdf-batch');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'out'), { recursive: true });
  const cases = join(dir, 'cases.jsonl');
  writeFileSync(cases, records.map((data) => JSON.stringify({ form: form.id, data })).join('\n') + '\n');
  const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
  const args = [
    cliBin,
    'pdf',
    '--batch',
    cases,
    '--out',
    join(dir, 'out'),
    '--lang',
    LANGUAGES.join(','),
    '--mode',
    'filled',
  ];
  const t0 = performance.now();
  const log = await new Promise<string>((resolve, reject) => {
    const child = spawn(tsx, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`komek pdf --batch exited ${code}: ${out.trim().split('\n').slice(-3).join(' | ')}`)),
    );
  });
  const seconds = (performance.now() - t0) / 1000;
  const pdfs = readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.pdf'));
  const bytes = pdfs.reduce((n, f) => n + statSync(join(dir, 'out', f)).size, 0);
  return { seconds, files: pdfs.length, bytes, log };
}

/**
 * Warm time (median of `n` after `warm` unmeasured) and size of one document, and the CPU time the process spent
 * per document (less skewed than wall time when other work shares the cores).
 */
async function timeOne(
  render: () => Promise<Uint8Array>,
  warm = 2,
  n = 9,
): Promise<{ ms: number; min: number; cpu: number; bytes: number }> {
  let bytes = 0;
  for (let i = 0; i < warm; i++) bytes = (await render()).length;
  const times: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < n; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    bytes = (await render()).length;
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  return { ms: median(times), min: Math.min(...times), cpu: median(cpus), bytes };
}

export async function pdfBench(options: PdfOptions = {}): Promise<{ rows: Row[] }> {
  const batch = options.batch ?? Number(process.env.KOMEK_BENCH_PDF_BATCH ?? 1000);
  const peerSample = Math.min(batch, options.peerBatchSample ?? Number(process.env.KOMEK_BENCH_PEER_BATCH ?? 25));
  const form = await pickForm();
  const data = fixture(form.id, 'valid-1');
  console.log(`pdf: ${form.id}, filled, ${LANGUAGES.join('+')}; batch of ${batch}`);
  const notes: string[] = [];

  // Peer: survey-pdf.
  let peer: { ms: number; min: number; cpu: number; bytes: number } | undefined;
  let peerBatch: { seconds: number; sample: number } | undefined;
  let peerReason: string | undefined;
  try {
    const render = await surveyPdf(form);
    const surveyData = toSurveyData(form.model, data);
    peer = await timeOne(() => render(surveyData));
    const records = (await batchRecords(form, peerSample)).map((r) => toSurveyData(form.model, r));
    const t0 = performance.now();
    for (const r of records) await render(r);
    peerBatch = { seconds: ((performance.now() - t0) / 1000) * (batch / peerSample), sample: peerSample };
  } catch (e) {
    peerReason = `survey-pdf could not run in Node here: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`;
  }
  notes.push(
    peerReason ??
      'survey-pdf: DejaVu Sans (dejavu-fonts-ttf) added by hand with DocController.addFont, as its standard fonts lack Cyrillic; labels carry both languages ("kk / ru", English where a language has no file); mode "display"; no licence key, so each page carries its licence banner',
  );

  // Ours.
  const { create, paperForm, reason } = await ours();
  let mine: { ms: number; min: number; cpu: number; bytes: number } | undefined;
  let reused: { ms: number; min: number; cpu: number; bytes: number } | undefined;
  let mineBatch: { seconds: number; files: number; bytes: number; how: 'cli' | 'api' } | undefined;
  let oursReason = reason;
  if (create) {
    try {
      mine = await timeOne(() => create(form.id, { languages: [...LANGUAGES], data, mode: 'filled' }));
      if (paperForm) {
        const paper = await paperForm.create(form.id, { languages: [...LANGUAGES] });
        reused = await timeOne(() => {
          paper.fill(data);
          return paper.save({ mode: 'filled' });
        });
      }
    } catch (e) {
      oursReason = `createPaperForm failed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`;
    }
    const records = await batchRecords(form, batch);
    if (existsSync(cliPdfCommand)) {
      try {
        mineBatch = { ...(await cliBatch(form, records)), how: 'cli' };
        if (mineBatch.files !== batch) notes.push(`ours: the batch wrote ${mineBatch.files} PDFs for ${batch} records`);
      } catch (e) {
        notes.push(
          `ours CLI batch failed (${(e instanceof Error ? e.message : String(e)).split('\n')[0]}), measured in process instead`,
        );
      }
    }
    if (!mineBatch && !oursReason) {
      // No CLI batch yet: the same documents made one after another through the API, in this process.
      const t0 = performance.now();
      let bytes = 0;
      for (const r of records)
        bytes += (await create(form.id, { languages: [...LANGUAGES], data: r, mode: 'filled' })).length;
      mineBatch = { seconds: (performance.now() - t0) / 1000, files: records.length, bytes, how: 'api' };
    }
  }

  const oursNote = oursReason ? `ours ${oursReason}` : undefined;
  const rows: Row[] = [
    {
      figure: 'pdf: filled kk+ru, largest form, warm',
      unit: 'ms',
      ours: mine?.ms ?? null,
      peer: PEER,
      peerValue: peer?.ms ?? null,
      ratio: ratioOf(mine?.ms ?? null, peer?.ms ?? null),
      bar: `< ${PDF_BARS.filledMs} ms`,
      meets: mine ? mine.ms < PDF_BARS.filledMs : null,
      note: [
        oursNote,
        peerReason,
        `median of 9 after 2 warm-ups; fastest ours ${fmt(mine?.min)} ms, peer ${fmt(peer?.min)} ms; process CPU time per document (all threads, GC included) ours ${fmt(mine?.cpu)} ms, peer ${fmt(peer?.cpu)} ms${reused ? `; ours with one PaperForm filled and saved again (as the batch does): median ${fmt(reused.ms)} ms, CPU ${fmt(reused.cpu)} ms` : ''}`,
      ]
        .filter(Boolean)
        .join('; '),
    },
    {
      figure: 'pdf: filled kk+ru, largest form, size',
      unit: 'KiB',
      ours: mine ? mine.bytes / 1024 : null,
      peer: PEER,
      peerValue: peer ? peer.bytes / 1024 : null,
      ratio: ratioOf(mine ? mine.bytes : null, peer ? peer.bytes : null),
      bar: `< ${PDF_BARS.filledKiB} KiB`,
      meets: mine ? mine.bytes / 1024 < PDF_BARS.filledKiB : null,
      ...(oursNote || peerReason ? { note: [oursNote, peerReason].filter(Boolean).join('; ') } : {}),
    },
    {
      figure: `pdf: batch of ${batch} filled PDFs, wall time`,
      unit: 's',
      ours: mineBatch?.seconds ?? null,
      peer: PEER,
      peerValue: peerBatch?.seconds ?? null,
      ratio: ratioOf(mineBatch?.seconds ?? null, peerBatch?.seconds ?? null),
      bar: `< ${PDF_BARS.batchS} s`,
      meets: mineBatch ? mineBatch.seconds < PDF_BARS.batchS : null,
      note: [
        mineBatch
          ? mineBatch.how === 'cli'
            ? `ours: \`komek pdf --batch\` in a child process (start-up included), ${mineBatch.files} files, ${fmt(mineBatch.bytes / 1024 / 1024)} MiB`
            : `ours: createPaperForm called ${mineBatch.files} times in this process, one after another (the CLI has no \`pdf --batch\` yet), ${fmt(mineBatch.bytes / 1024 / 1024)} MiB`
          : (oursNote ?? 'ours: the batch did not run'),
        peerBatch
          ? `peer: ${peerBatch.sample} documents rendered one after another in this process on one core, scaled to ${batch} (a full run would take too long for the run's budget; spread over ${cpus().length} cores it could at best take 1/${cpus().length} of that, while the CLI uses worker threads)`
          : peerReason,
      ]
        .filter(Boolean)
        .join('; '),
    },
  ];
  rows[0]!.note += `; ${notes.join('; ')}`;
  return { rows };
}
