/**
 * Search by the case summary: the blind index against decrypting every summary of the organisation, on PGlite.
 * `npx tsx test/bench/search.ts [cases]` (default 2000) fills a fresh data folder with cases holding a name and a
 * date of birth, then times a search both ways (median of repeated runs) and prints one table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '@komek/server';
import { createCase, listCases } from '../../packages/server/src/store/cases.js';
import { insertSubmission } from '../../packages/server/src/store/submissions.js';
import { openSummary, refreshCaseIndex, searchTerms } from '../../packages/server/src/store/caseIndex.js';
import { words } from '../../packages/server/src/security/blindIndex.js';

const count = Number(process.argv[2] ?? 2000);
const given = ['Айгерим', 'Jasur', 'Нурлан', 'Zarina', 'Дилноза', 'Sardor', 'Ғалия', 'Бахтиёр', 'Oʻlmas', 'Мадина'];
const family = ['Ёлкина', 'Tursunov', 'Қасымов', 'Rahimova', 'Эргашев', 'Toktogulov', 'Сапарбекова', 'Nazarov'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(runs: number, f: () => Promise<unknown>): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    out.push(performance.now() - t);
  }
  return median(out);
}

const dataDir = mkdtempSync(join(tmpdir(), 'komek-search-bench-'));
const server = await startServer({ dataDir, port: 0, log: () => {}, deskDir: false });
try {
  const { database, keys, search } = server.services;
  const db = database.db;
  const org = (await db.selectFrom('organisations').select('id').executeTakeFirstOrThrow()).id;
  const started = performance.now();
  for (let i = 0; i < count; i += 100) {
    await db.transaction().execute(async (tx) => {
      for (let j = i; j < Math.min(i + 100, count); j++) {
        const c = await createCase(tx, org, 'kz');
        const month = String((j % 12) + 1).padStart(2, '0');
        await insertSubmission(tx, keys, {
          caseId: c.id,
          formId: 'kz-f1-initial-application',
          schemaVersion: '1.0.0',
          data: {
            fullName: `${family[j % family.length]} ${given[j % given.length]} ${j}`,
            dateOfBirth: `19${60 + (j % 40)}-${month}-14`,
          },
          createdBy: 'bench',
        });
        await refreshCaseIndex(tx, keys, search, c);
      }
    });
  }
  const indexing = (performance.now() - started) / count;
  const terms = Number(
    (
      await db
        .selectFrom('case_search_terms')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const query = 'қасым ғалия';
  const blind = await time(30, () => listCases(db, keys, org, { limit: 50, terms: searchTerms(search, org, query) }));
  const wanted = words(query);
  const decryptAll = await time(5, async () => {
    const rows = await db
      .selectFrom('cases')
      .select(['id', 'summary', 'summary_key_id'])
      .where('organisation_id', '=', org)
      .execute();
    const hits = [];
    for (const r of rows) {
      const s = await openSummary(db, keys, r);
      const have = Object.values(s).flatMap((v) => words(String(v)));
      if (wanted.every((w) => have.some((h) => h.startsWith(w)))) hits.push(r.id);
    }
    return hits;
  });
  console.log(`cases: ${count}; index terms: ${terms} (${(terms / count).toFixed(1)} a case)`);
  console.log(`store a form and re-index its case: ${indexing.toFixed(2)} ms a case (PGlite, 100 a transaction)`);
  console.log(
    `search "${query}", blind index, first page of 50 with summaries opened: ${blind.toFixed(1)} ms (median of 30)`,
  );
  console.log(
    `the same search decrypting every summary of the organisation: ${decryptAll.toFixed(1)} ms (median of 5)`,
  );
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
