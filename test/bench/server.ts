// `pnpm bench server`: validated submissions per second and p50/p99 latency at 1, 10 and 50 concurrent clients,
// against `komek serve` on PGlite and on PostgreSQL (each a process of its own on loopback), beside the floor: the
// same rows inserted directly with `pg` at the same concurrency. Prints the table and writes it into README.md
// between the server markers.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { komek } from '../server/cli.js';
import { freePort, startCluster } from '../server/postgres.js';
import { benchDir } from './form.js';

const FORM = 'kz-f1-initial-application';
const CONCURRENCY = [1, 10, 50];
const PER_LEVEL = Number(process.env.KOMEK_BENCH_SERVER_N ?? 1000);

interface Level {
  clients: number;
  perSecond: number;
  p50: number;
  p99: number;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** `total` requests spread over `clients` loops; each request's latency and the overall rate. */
async function drive(
  clients: number,
  total: number,
  one: (client: number, i: number) => Promise<void>,
): Promise<Level> {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const s = performance.now();
        await one(c, i);
        latencies.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { clients, perSecond: total / seconds, p50: pct(latencies, 50), p99: pct(latencies, 99) };
}

async function serverLevels(databaseUrl: string | undefined, data: unknown): Promise<Level[]> {
  const dir = mkdtempSync(join(tmpdir(), 'komek-bench-'));
  const port = await freePort();
  const server = await komek(
    ['serve', '--data', dir, '--port', String(port), '--quiet', ...(databaseUrl ? ['--database', databaseUrl] : [])],
    /serving on (http:\/\/[\d.:]+)/,
  );
  const base = server.match[1]!;
  const token = readFileSync(join(dir, 'admin.token'), 'utf8').trim();
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  try {
    // Fifty new cases for each level, each client posting in turn to its own share of them: a case then holds at most
    // 20 submissions (1,000 over 50), about what a real one holds (26 forms, a few revisions), at every level alike.
    // A write re-reads the case's submissions (consent gate, search index, report facts, minors), so a case of
    // hundreds of submissions would measure the case's size rather than the write.
    const newCases = async () => {
      const ids: string[] = [];
      for (let i = 0; i < 50; i++)
        ids.push(
          (
            (await (
              await fetch(`${base}/api/cases`, { method: 'POST', headers, body: '{"country":"kz"}' })
            ).json()) as { id: string }
          ).id,
        );
      return ids;
    };
    const body = JSON.stringify({ formId: FORM, data });
    const poster = (cases: string[], clients: number) => {
      const sent = new Array<number>(clients).fill(0);
      const share = Math.floor(cases.length / clients);
      return async (c: number) => {
        const caseId = cases[c + clients * (sent[c]!++ % share)]!;
        const res = await fetch(`${base}/api/cases/${caseId}/submissions`, {
          method: 'POST',
          headers: { ...headers, 'idempotency-key': randomUUID() },
          body,
        });
        await res.arrayBuffer();
        if (res.status !== 201) throw new Error(`status ${res.status}`);
      };
    };
    await drive(5, 50, poster(await newCases(), 5)); // warm: forms, validators, messages, connections
    const out: Level[] = [];
    for (const clients of CONCURRENCY)
      out.push(
        await drive(clients, clients === 1 ? Math.min(PER_LEVEL, 300) : PER_LEVEL, poster(await newCases(), clients)),
      );
    return out;
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The floor: the same JSONB rows inserted with `pg`, one insert each, at the same concurrency. */
async function floorLevels(url: string, data: unknown): Promise<Level[]> {
  const pool = new pg.Pool({ connectionString: url, max: 50 });
  try {
    await pool.query(
      'create table if not exists floor (id uuid primary key, case_id uuid not null, data jsonb not null, created_at timestamptz not null default now())',
    );
    const text = JSON.stringify(data);
    const insert = async () => {
      await pool.query('insert into floor (id, case_id, data) values ($1, $2, $3::text::jsonb)', [
        randomUUID(),
        randomUUID(),
        text,
      ]);
    };
    await drive(5, 50, insert);
    const out: Level[] = [];
    for (const clients of CONCURRENCY)
      out.push(await drive(clients, clients === 1 ? Math.min(PER_LEVEL, 300) : PER_LEVEL, insert));
    return out;
  } finally {
    await pool.end();
  }
}

const f = (n: number, d = 0) => n.toFixed(d);

export async function serverBench(): Promise<void> {
  const data = JSON.parse(
    readFileSync(new URL(`../fixtures/forms/${FORM}/valid-1.json`, import.meta.url), 'utf8'),
  ) as unknown;
  console.log(
    `[server] ${FORM}, ${PER_LEVEL} submissions per level (${Math.min(PER_LEVEL, 300)} for one client); load average at start ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const cluster = await startCluster();
  try {
    const pgDb = await cluster.createDatabase('bench_server');
    const floorDb = await cluster.createDatabase('bench_floor');
    const results = {
      pglite: await serverLevels(undefined, data),
      postgresql: await serverLevels(pgDb, data),
      floor: await floorLevels(floorDb, data),
    };
    const rows: string[] = [
      '| database | clients | submissions/s | p50 ms | p99 ms | `pg` floor inserts/s | share of floor | bars |',
      '|---|--:|--:|--:|--:|--:|--:|---|',
    ];
    for (const engine of ['pglite', 'postgresql'] as const) {
      results[engine].forEach((l, i) => {
        const floor = results.floor[i]!;
        const share = l.perSecond / floor.perSecond;
        const bars =
          engine === 'postgresql'
            ? `≥ 0.5 of floor: ${share >= 0.5 ? 'met' : 'not met'}${l.clients === 50 ? `; p99 < 50 ms: ${l.p99 < 50 ? 'met' : 'not met'}` : ''}`
            : '';
        rows.push(
          `| ${engine === 'pglite' ? 'PGlite (embedded)' : 'PostgreSQL 15'} | ${l.clients} | ${f(l.perSecond)} | ${f(l.p50, 1)} | ${f(l.p99, 1)} | ${f(floor.perSecond)} | ${f(share, 2)} | ${bars} |`,
        );
      });
    }
    const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at the end; ${new Date().toISOString().slice(0, 10)}`;
    const table = `${rows.join('\n')}\n\n${machine}\n`;
    console.log(`\n${table}`);
    const readme = join(benchDir, 'README.md');
    const text = readFileSync(readme, 'utf8');
    const start = '<!-- server:start -->';
    const end = '<!-- server:end -->';
    const a = text.indexOf(start);
    const b = text.indexOf(end);
    if (a >= 0 && b > a) {
      writeFileSync(readme, `${text.slice(0, a + start.length)}\n${table}${text.slice(b)}`);
      console.log('wrote the table into test/bench/README.md');
    }
  } finally {
    cluster.stop();
  }
}
