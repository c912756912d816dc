// `pnpm bench reports`: every indicator over 100,000 synthetic cases' facts (reportFacts.ts) on a throwaway
// PostgreSQL: the time of each indicator for a year and for a quarter (median of 5 after a warm-up), and the whole
// report as a PDF. The bar is 300 ms per indicator. Prints the table and writes it into README.md between the
// reports markers.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { indicators, openDatabase, runIndicator } from '@komek/server';
import { reportPdf } from '../../packages/server/src/reports/files.js';
import { startCluster } from '../server/postgres.js';
import { benchDir } from './form.js';
import { insertSyntheticFacts } from './reportFacts.js';

const N = Number(process.env.KOMEK_BENCH_REPORTS_N ?? 100_000);
const RUNS = 5;
const BAR_MS = 300;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await work();
  return { ms: performance.now() - t0, value };
}

export async function reportsBench(): Promise<void> {
  console.log(`[reports] ${N.toLocaleString('en')} synthetic cases; load average at start ${load()}`);
  const cluster = await startCluster();
  try {
    const url = await cluster.createDatabase('bench_reports');
    const database = await openDatabase({ url, dataDir: '/nonexistent-unused' });
    try {
      const made = await timed(() => insertSyntheticFacts(url, N));
      const counts = await database.db
        .selectFrom('report_cases')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      console.log(
        `generated ${Number(counts.n).toLocaleString('en')} cases' facts (${made.value.organisations} organisations) in ${(made.ms / 1000).toFixed(1)} s`,
      );
      const periods = {
        year: { from: '2025-01', to: '2025-12' },
        quarter: { from: '2025-04', to: '2025-06' },
      };
      const rows = [
        '| indicator | year 2025, ms (median of 5) | Q2 2025, ms | Q2 2025, Kazakhstan only, ms | under 300 ms |',
        '|---|--:|--:|--:|---|',
      ];
      const db = database.db;
      let worst = 0;
      for (const indicator of indicators) {
        const times: number[] = [];
        for (const [period, filters] of [
          [periods.year, {}],
          [periods.quarter, {}],
          [periods.quarter, { country: 'kz' }],
        ] as const) {
          await runIndicator(db, indicator, period, filters, ['en']); // warm-up
          const runs: number[] = [];
          for (let i = 0; i < RUNS; i++)
            runs.push((await timed(() => runIndicator(db, indicator, period, filters, ['en']))).ms);
          times.push(median(runs));
        }
        worst = Math.max(worst, ...times);
        rows.push(
          `| ${indicator.id} | ${times.map((t) => t.toFixed(1)).join(' | ')} | ${Math.max(...times) < BAR_MS ? 'met' : 'not met'} |`,
        );
      }
      const whole = await timed(async () => {
        const reports = [];
        for (const indicator of indicators)
          reports.push(await runIndicator(db, indicator, periods.year, {}, ['kk', 'ru']));
        return reportPdf(reports, ['kk', 'ru'], { ...periods.year, filters: '' });
      });
      const uptime = execFileSync('uptime', { encoding: 'utf8' }).trim();
      const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}, PostgreSQL ${
        /\/(\d+)\/bin/.exec(
          execFileSync('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin | tail -1'], { encoding: 'utf8' }),
        )?.[1] ?? '?'
      }; the whole report for 2025 as a bilingual PDF (kk, ru): ${whole.ms.toFixed(0)} ms, ${(whole.value.length / 1024).toFixed(0)} KiB; slowest indicator ${worst.toFixed(1)} ms; \`uptime\` at the end: ${uptime}; ${new Date().toISOString().slice(0, 10)}`;
      const table = `${rows.join('\n')}\n\n${machine}\n`;
      console.log(`\n${table}`);
      const readme = join(benchDir, 'README.md');
      const text = readFileSync(readme, 'utf8');
      const start = '<!-- reports:start -->';
      const end = '<!-- reports:end -->';
      const a = text.indexOf(start);
      const b = text.indexOf(end);
      if (a >= 0 && b > a) {
        writeFileSync(readme, `${text.slice(0, a + start.length)}\n${table}${text.slice(b)}`);
        console.log('wrote the table into test/bench/README.md');
      }
      if (worst >= BAR_MS) process.exitCode = 1;
    } finally {
      await database.close();
    }
  } finally {
    cluster.stop();
  }
}
