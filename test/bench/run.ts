// `pnpm bench` runs every benchmark; `pnpm bench size|render|validate|pdf` runs some. Each prints its table and
// the machine; results/latest.json gets this run's figures (one row per figure × peer) and the change against
// the previous file is printed.
import { renderBench } from './render.js';
import { sizeBench } from './size.js';
import { validateBench } from './validate.js';
import { pdfBench } from './pdf.js';
import { profileBench } from './profile.js';
import { serverBench } from './server.js';
import { reportsBench } from './reports.js';
import { benchDir, pickForm, rankForms } from './form.js';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import {
  latestPath,
  machine,
  printDelta,
  printMachine,
  printTable,
  readLatest,
  saveResults,
  updateReadme,
  type Row,
} from './report.js';

const benches = {
  size: sizeBench,
  render: renderBench,
  validate: validateBench,
  pdf: pdfBench,
} as const;
type Bench = keyof typeof benches;
const all = Object.keys(benches) as Bench[];

const asked = process.argv.slice(2).filter((a) => a !== '--');
if (asked[0] === 'profile') {
  await profileBench(asked.slice(1));
  process.exit(0);
}
if (asked[0] === 'reports') {
  // Every indicator over 100,000 synthetic cases on PostgreSQL: its own table (README's reports section).
  await reportsBench();
  process.exit(process.exitCode ?? 0);
}
if (asked[0] === 'server') {
  // The server's throughput and latency: its own table (README's server section), not part of results/latest.json.
  await serverBench();
  process.exit(0);
}
const unknown = asked.filter((a) => !all.includes(a as Bench));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')} (choose from ${all.join(', ')})`);
  process.exit(2);
}
const chosen = asked.length > 0 ? (asked as Bench[]) : all;

const started = performance.now();
const previous = readLatest();
const form = await pickForm();
const ranked = await rankForms();
console.log(
  `form: ${form.id}, ${form.inputs} inputs (largest of ${ranked.length}; next ${ranked
    .slice(1, 3)
    .map((f) => `${f.id} ${f.inputs}`)
    .join(', ')})`,
);

const rows: Row[] = [];
let chromium: string | undefined;
let failed = false;
for (const name of chosen) {
  const t0 = performance.now();
  console.log(
    `\n[${name}] load average at start ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  try {
    const result: { rows: Row[]; chromium?: string } = await benches[name]();
    if (result.chromium) chromium = result.chromium;
    printTable(`${name} (${((performance.now() - t0) / 1000).toFixed(1)} s)`, result.rows);
    rows.push(...result.rows);
  } catch (e) {
    failed = true;
    console.error(`\n${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}

const m = machine(chromium);
console.log('');
printMachine(m);
printDelta(previous, rows);
if (rows.length > 0) {
  saveResults(previous, rows, m);
  updateReadme(join(benchDir, 'README.md'), readLatest() ?? rows);
  console.log(
    `\nwrote ${latestPath.replace(process.cwd() + '/', '')} (${rows.length} rows from this run) in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
}
process.exit(failed ? 1 : 0);
