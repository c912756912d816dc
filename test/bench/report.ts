// Tables, the machine a run happened on, and results/latest.json (one row per figure × peer) with the delta
// against the previous run.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, type as osType } from 'node:os';
import { join } from 'node:path';
import { benchDir } from './form.js';

/** One figure against one peer (peer null where there is none). `ours` null while our side is pending. */
export interface Row {
  figure: string;
  unit: string;
  ours: number | null;
  peer: string | null;
  peerValue: number | null;
  /** ours / peer; below 1 is better for times and sizes, above 1 for rates. */
  ratio: number | null;
  /** The bar from DESIGN.md, if the figure has one, and whether ours meets it. */
  bar?: string;
  meets?: boolean | null;
  note?: string;
}

/** Where a run happened. */
export interface Machine {
  os: string;
  cpu: string;
  cores: number;
  node: string;
  chromium?: string;
  /** 1-, 5- and 15-minute load averages when the run ended: other work on a shared machine skews timings. */
  load?: string;
}

export const resultsDir = join(benchDir, 'results');
export const latestPath = join(resultsDir, 'latest.json');
const machinePath = join(resultsDir, 'machine.json');

export function machine(chromium?: string): Machine {
  const cpu = cpus();
  const m: Machine = {
    os: `${osType()} ${release()} (${process.platform}/${process.arch})`,
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    node: process.version,
    load: loadavg()
      .map((l) => l.toFixed(1))
      .join(' '),
  };
  if (chromium) m.chromium = chromium;
  return m;
}

export function printMachine(m: Machine): void {
  console.log(
    `machine: ${m.os} · ${m.cpu} · ${m.cores} cores · node ${m.node}${m.chromium ? ` · chromium ${m.chromium}` : ''}${m.load ? ` · load average ${m.load}` : ''}`,
  );
}

/** A number as a table shows it: 3 significant digits, thousands grouped. */
export function fmt(v: number | null | undefined, unit = ''): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  const abs = Math.abs(v);
  const s =
    abs >= 1000
      ? Math.round(v).toLocaleString('en-US')
      : abs >= 100
        ? v.toFixed(0)
        : abs >= 10
          ? v.toFixed(1)
          : abs >= 1
            ? v.toFixed(2)
            : v.toFixed(3);
  return unit ? `${s} ${unit}` : s;
}

export const ratioOf = (ours: number | null, peer: number | null) =>
  ours === null || peer === null || peer === 0 ? null : ours / peer;

/** Prints rows as an aligned table: figure, ours, peer, peer's value, ratio, bar. */
export function printTable(title: string, rows: Row[]): void {
  const head = ['figure', 'ours', 'peer', 'peer value', 'ours/peer', 'bar'];
  const body = rows.map((r) => [
    r.figure,
    r.ours === null ? 'pending' : fmt(r.ours, r.unit),
    r.peer ?? '—',
    fmt(r.peerValue, r.unit),
    r.ratio === null ? '—' : `${fmt(r.ratio)}×`,
    r.bar ? `${r.bar} ${r.meets === true ? 'met' : r.meets === false ? 'MISSED' : '?'}` : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 || i === 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${title}`);
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  body.forEach((b) => console.log(line(b)));
  for (const r of rows) if (r.note) console.log(`  · ${r.figure}${r.peer ? ` vs ${r.peer}` : ''}: ${r.note}`);
}

const keyOf = (r: Pick<Row, 'figure' | 'peer'>) => `${r.figure}\u0000${r.peer ?? ''}`;

export function readLatest(): Row[] | undefined {
  if (!existsSync(latestPath)) return undefined;
  try {
    return JSON.parse(readFileSync(latestPath, 'utf8')) as Row[];
  } catch {
    return undefined;
  }
}

/** Prints how this run's figures moved against the previous latest.json. */
export function printDelta(previous: Row[] | undefined, rows: Row[]): void {
  if (!previous) {
    console.log('\n(no previous results/latest.json: nothing to compare with)');
    return;
  }
  const before = new Map(previous.map((r) => [keyOf(r), r]));
  const lines: string[] = [];
  const pct = (a: number | null, b: number | null) =>
    a === null || b === null || b === 0 ? '' : `${a >= b ? '+' : ''}${(((a - b) / b) * 100).toFixed(1)}%`;
  for (const r of rows) {
    const b = before.get(keyOf(r));
    if (!b) {
      lines.push(`  ${r.figure}${r.peer ? ` vs ${r.peer}` : ''}: new`);
      continue;
    }
    const ours =
      b.ours === null && r.ours !== null
        ? `ours ${fmt(r.ours, r.unit)} (was pending)`
        : `ours ${fmt(b.ours, r.unit)} → ${fmt(r.ours, r.unit)} ${pct(r.ours, b.ours)}`;
    const peer = r.peer
      ? `; ${r.peer} ${fmt(b.peerValue, r.unit)} → ${fmt(r.peerValue, r.unit)} ${pct(r.peerValue, b.peerValue)}`
      : '';
    lines.push(`  ${r.figure}${r.peer ? ` vs ${r.peer}` : ''}: ${ours}${peer}`);
  }
  console.log('\nchange against the previous results/latest.json:');
  lines.forEach((l) => console.log(l));
}

/** The benchmark a figure belongs to: the word before its colon (`size`, `render`, `validate`, `pdf`). */
export const benchOf = (figure: string) => figure.split(':')[0]!;

/**
 * Writes the rows: this run's benchmarks replace their previous rows, other benchmarks' rows stay (so
 * `pnpm bench size` updates only the size rows).
 */
export function saveResults(previous: Row[] | undefined, rows: Row[], m: Machine): void {
  mkdirSync(resultsDir, { recursive: true });
  const benches = new Set(rows.map((r) => benchOf(r.figure)));
  const kept = (previous ?? []).filter((r) => !benches.has(benchOf(r.figure)));
  writeFileSync(latestPath, JSON.stringify([...kept, ...rows], null, 2) + '\n');
  const machines = existsSync(machinePath)
    ? (JSON.parse(readFileSync(machinePath, 'utf8')) as Record<string, Machine>)
    : {};
  for (const b of benches) machines[b] = m;
  writeFileSync(machinePath, JSON.stringify(machines, null, 2) + '\n');
}

/** Median of a list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/** A percentile (0–100) of a list, nearest rank. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** The rows as a Markdown table (for the README), with the machine each benchmark ran on. */
export function markdownTable(rows: Row[]): string {
  const machines = existsSync(machinePath)
    ? (JSON.parse(readFileSync(machinePath, 'utf8')) as Record<string, Machine>)
    : {};
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = ['| figure | ours | peer | peer value | ours/peer | bar |', '|---|--:|---|--:|--:|---|'];
  for (const r of rows) {
    lines.push(
      `| ${cell(r.figure)} | ${r.ours === null ? 'pending' : fmt(r.ours, r.unit)} | ${cell(r.peer ?? '—')} | ${fmt(r.peerValue, r.unit)} | ${r.ratio === null ? '—' : `${fmt(r.ratio)}×`} | ${r.bar ? `${r.bar}: ${r.meets === true ? 'met' : r.meets === false ? '**missed**' : 'pending'}` : ''} |`,
    );
  }
  const byMachine = new Map<string, string[]>();
  for (const [bench, m] of Object.entries(machines)) {
    const text = `${m.os} · ${m.cpu} · ${m.cores} cores · node ${m.node}${m.chromium ? ` · chromium ${m.chromium}` : ''}${m.load ? ` · load average ${m.load}` : ''}`;
    byMachine.set(text, [...(byMachine.get(text) ?? []), bench]);
  }
  const machineLines = [...byMachine].map(([text, benches]) => `- ${benches.join(', ')}: ${text}`);
  return `${lines.join('\n')}\n\nMachine:\n${machineLines.join('\n')}\n`;
}

/** Replaces the part of a Markdown file between `<!-- latest:start -->` and `<!-- latest:end -->`. */
export function updateReadme(path: string, rows: Row[]): boolean {
  if (!existsSync(path)) return false;
  const text = readFileSync(path, 'utf8');
  const start = '<!-- latest:start -->';
  const end = '<!-- latest:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) return false;
  writeFileSync(path, `${text.slice(0, a + start.length)}\n${markdownTable(rows)}${text.slice(b)}`);
  return true;
}
