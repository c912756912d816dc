/**
 * Reports: de-identified facts written with each change of a case, indicators counted over them, disclosure control
 * (small cells, complements, overlapping periods) on a crafted data set, and the files (CSV, XLSX, a PDF rendered
 * with poppler and checked with qpdf) — on PGlite and on PostgreSQL.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { caseFacts, createUser, indicators, parsePeriod, protect } from '@komek/server';
import { engines, fixture, startTestServer, type TestServer } from './harness.js';

describe('disclosure control of a table', () => {
  it('shows 1–4 as "<5", withholds a complement in every line with one withheld figure, rounds the rest to 5', () => {
    const t = protect(
      [
        [12, 0, 0], // identified: kz 12
        [3, 0, 0], // not identified: kz 3 (small)
        [0, 20, 9], // pending
      ],
      { columnTotals: true },
    );
    expect(t.cells[1]![0]!.text).toBe('<5');
    // Column kz: 12 + 3 + 0 = 15; with only the 3 withheld, 15 − 12 would give it: 12 is withheld too.
    expect(t.cells[0]![0]!.text).toBe('x');
    // Every line that adds up has no withheld figure or at least two.
    const lines = [
      ...t.cells.map((r, i) => [...r, t.rowTotals[i]!]),
      ...[0, 1, 2].map((j) => [...t.cells.map((r) => r[j]!), t.columnTotals![j]!]),
      [...t.columnTotals!, t.total!],
      [...t.rowTotals, t.total!],
    ];
    for (const line of lines) expect(line.filter((c) => c.value === null).length).not.toBe(1);
    // Shown figures are multiples of 5: 9 → 10, 20 → 20, 29 → 30.
    for (const c of [...t.cells.flat(), ...t.rowTotals, ...t.columnTotals!, t.total!])
      if (c.value !== null) expect(c.value % 5).toBe(0);
    expect(t.cells[2]![2]!.text).toBe('10');
  });

  it('a multi-response table (no column totals) protects along its rows', () => {
    const t = protect(
      [
        [2, 30],
        [40, 50],
      ],
      { columnTotals: false },
    );
    expect(t.columnTotals).toBeNull();
    expect(t.cells[0]!.map((c) => c.text)).toEqual(['<5', 'x']);
    expect(t.cells[1]!.map((c) => c.text)).toEqual(['40', '50']);
  });

  it('periods are whole months that have ended: arbitrary days and the current month are refused', () => {
    const now = new Date('2026-12-03T10:00:00Z');
    expect(parsePeriod('2026-01', '2026-03', now)).toEqual({ from: '2026-01', to: '2026-03' });
    expect(parsePeriod(undefined, undefined, now)).toEqual({ from: '2026-07', to: '2026-09' });
    expect(parsePeriod(undefined, undefined, new Date('2026-02-10T00:00:00Z'))).toEqual({
      from: '2025-10',
      to: '2025-12',
    });
    expect(parsePeriod('2026-01-15', '2026-03', now)).toMatch(/from must be a month/);
    expect(parsePeriod('2026-01', '2026-12', now)).toMatch(/ended/);
    expect(parsePeriod('2026-03', '2026-01', now)).toMatch(/before/);
  });

  it('facts: codes, yes/no and days only — no names, no birth date, no free text', () => {
    const f1 = fixture('kz-f1-initial-application');
    const f5 = fixture('kz-f5-identification-application');
    const facts = caseFacts(
      { country: 'kz', status: 'open', step: 'Step 5 (5.3)', createdAt: '2024-09-01T08:00:00Z' },
      [
        { formId: 'kz-f1-initial-application', data: f1, createdAt: '2024-09-01T08:00:00Z' },
        { formId: 'kz-f5-identification-application', data: f5, createdAt: '2024-09-01T09:00:00Z' },
      ],
    );
    expect(facts).toMatchObject({
      step: 'step-5',
      firstContactOn: '2024-02-20',
      identification: 'identified',
      identifiedOn: '2024-08-23',
      minor: 'no',
    });
    expect(facts.vulnerabilities).toContain('individualIndicators/factorOfViolence');
    expect(facts.vulnerabilities).not.toContain('individualIndicators/levelOfHealth'); // every item answered no
    const text = JSON.stringify(facts);
    for (const personal of ['Tursunov', 'Saidova', '1994-10-02', '1988-03-08', 'Almaty', 'scaffolding'])
      expect(text).not.toContain(personal);
  });
});

describe.each(engines)('reports on %s', (engine) => {
  let t: TestServer;
  let reporting: Record<string, string>;
  let specialist: Record<string, string>;
  const password = 'a long enough password 1';
  let orgId = '';

  async function signIn(username: string) {
    const r = await t.api('POST', '/api/session', { token: null, body: { username, password } });
    const cookie = /komek_session=([^;]+)/.exec(r.headers.get('set-cookie') ?? '')?.[1];
    return { cookie: `komek_session=${cookie}`, 'x-csrf-token': r.body.csrfToken as string };
  }
  const get = (path: string, headers = reporting) => t.api('GET', path, { token: null, headers });

  /** Crafted facts: `n` cases of a country opened on a day, with an identification outcome. */
  async function craft(n: number, o: { country: string; opened: string; identification: string; region?: string }) {
    const db = t.server.services.database.db;
    for (let i = 0; i < n; i++) {
      const id = randomUUID();
      await db
        .insertInto('cases')
        .values({
          id,
          organisation_id: orgId,
          country: o.country as 'kz',
          step: null,
          created_at: `${o.opened}T10:00:00Z`,
          updated_at: new Date(),
        })
        .execute();
      await db
        .insertInto('report_cases')
        .values({
          case_id: id,
          organisation_id: orgId,
          country: o.country,
          region: o.region ?? null,
          status: 'open',
          step: 'step-1',
          opened_on: o.opened,
          first_contact_on: o.opened,
          identification: o.identification,
          identified_on: o.identification === 'pending' ? null : o.opened,
          minor: 'no',
          first_referral_on: null,
        })
        .execute();
    }
  }

  beforeAll(async () => {
    t = await startTestServer(engine, inject('postgresUrl'), { deskDir: false });
    const db = t.server.services.database.db;
    orgId = (await db.selectFrom('organisations').select('id').executeTakeFirstOrThrow()).id;
    await createUser(db, { organisationId: orgId, username: 'r', displayName: 'R', roles: ['reporting'], password });
    await createUser(db, { organisationId: orgId, username: 's', displayName: 'S', roles: ['specialist'], password });
    reporting = await signIn('r');
    specialist = await signIn('s');
  });
  afterAll(() => t?.close());

  it('a submission writes its case facts in the same transaction, without names; the reporting role reads figures only', async () => {
    const submit = (caseId: string, formId: string, data: unknown) =>
      t.api('POST', `/api/cases/${caseId}/submissions`, {
        body: { formId, data },
        headers: { 'idempotency-key': randomUUID() },
      });
    const c = (
      await t.api('POST', '/api/cases', { body: { country: 'kz' }, headers: { 'idempotency-key': randomUUID() } })
    ).body;
    const db = t.server.services.database.db;
    expect(
      (await db.selectFrom('report_cases').selectAll().where('case_id', '=', c.id).executeTakeFirst())?.identification,
    ).toBe('pending');
    expect((await submit(c.id, 'kz-f1-initial-application', fixture('kz-f1-initial-application'))).status).toBe(201);
    expect((await submit(c.id, 'kz-f4-interview-consent', fixture('kz-f4-interview-consent'))).status).toBe(201);
    expect(
      (await submit(c.id, 'kz-f5-identification-application', fixture('kz-f5-identification-application'))).status,
    ).toBe(201);
    const referral = await t.api('POST', `/api/cases/${c.id}/referrals`, {
      body: { receivingBody: 'Crisis centre', kind: 'shelter', sections: [] },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(referral.status).toBe(201);
    const row = await db.selectFrom('report_cases').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ identification: 'identified', minor: 'no', step: 'step-5', country: 'kz' });
    const vulnerabilities = row.vulnerabilities;
    expect(vulnerabilities).toContain('individualIndicators/factorOfViolence');
    expect(
      (await db.selectFrom('report_referrals').selectAll().where('case_id', '=', c.id).execute()).map(
        (r) => r.receiving_body,
      ),
    ).toEqual(['Crisis centre']);
    expect(
      await db
        .selectFrom('report_referrals')
        .select(['country', 'organisation_id'])
        .where('case_id', '=', c.id)
        .execute(),
    ).toEqual([{ country: 'kz', organisation_id: orgId }]);
    const everything = JSON.stringify([
      row,
      vulnerabilities,
      await db.selectFrom('report_deadlines').selectAll().where('case_id', '=', c.id).execute(),
    ]);
    for (const personal of ['Tursunov', 'Saidova', '1994-10-02', '1988-03-08', 'Namangan'])
      expect(everything).not.toContain(personal);

    expect((await get('/api/reports/cases-by-country', specialist)).status).toBe(403);
    const list = await get('/api/reports?lang=ru');
    expect(list.status).toBe(200);
    expect(list.body.indicators.map((i: { id: string }) => i.id)).toEqual(indicators.map((i) => i.id));
    expect(list.body.indicators[0].title).toBe('Открытые дела по странам и статусу');
  });

  it('small cells, complements and overlapping periods on a crafted data set', async () => {
    // Kazakhstan, region "North": January 2025 one not-identified case; February–March 11 identified, 3 not.
    await craft(1, { country: 'kz', opened: '2025-01-20', identification: 'not-identified', region: 'North' });
    await craft(11, { country: 'kz', opened: '2025-02-10', identification: 'identified', region: 'North' });
    await craft(3, { country: 'kz', opened: '2025-03-05', identification: 'not-identified', region: 'North' });
    await craft(22, { country: 'kg', opened: '2025-02-14', identification: 'identified', region: 'South' });
    const q = (from: string, to: string, extra = '') =>
      get(`/api/reports/identification-outcomes?from=${from}&to=${to}&lang=en${extra}`);
    const feb = await q('2025-02', '2025-03');
    expect(feb.status).toBe(200);
    const row = (r: typeof feb, key: string) => r.body.rows.findIndex((x: { key: string }) => x.key === key);
    const col = (r: typeof feb, key: string) => r.body.columns.findIndex((x: { key: string }) => x.key === key);
    const cell = (r: typeof feb, rk: string, ck: string) => r.body.cells[row(r, rk)][col(r, ck)].text;
    expect(cell(feb, 'not-identified', 'kz')).toBe('<5');
    // Its complement: kz identified (11) is withheld, or else 15 − 11 would give the 3 back.
    expect(cell(feb, 'identified', 'kz')).toBe('x');
    expect(feb.body.rows.map((r: { label: string }) => r.label)).toEqual([
      'Identified',
      'Not identified',
      'Refused identification',
      'No decision yet',
    ]);
    // No exact figure appears: 11, 14, 22, 33, 36 are shown rounded or withheld.
    const shown =
      JSON.stringify(feb.body.cells) + JSON.stringify(feb.body.rowTotals) + JSON.stringify(feb.body.columnTotals);
    for (const exact of ['"11"', '"14"', '"22"', '"33"', '"36"']) expect(shown).not.toContain(exact);

    // Overlapping periods: January–March minus February–March must not reveal January's one case.
    const jan = await q('2025-01', '2025-03');
    for (const [rk, ck] of [
      ['not-identified', 'kz'],
      ['identified', 'kz'],
    ] as const)
      expect(cell(jan, rk, ck)).toBe(cell(feb, rk, ck));
    expect(jan.body.columnTotals[col(jan, 'kz')].text).toBe(feb.body.columnTotals[col(feb, 'kz')].text);
    expect(jan.body.total.text).toBe(feb.body.total.text);
    // Arbitrary windows cannot be asked for at all.
    const days = await get('/api/reports/identification-outcomes?from=2025-01-21&to=2025-03');
    expect(days.status).toBe(400);
    expect(days.body.code).toBe('invalid-period');
    const ru = await get('/api/reports/identification-outcomes?from=2025-01&to=2099-01&lang=ru');
    expect(ru.status).toBe(400);
    expect(ru.body.message).toContain('завершённых');

    // Filters narrow the figures: region South has only Kyrgyz cases.
    const south = await q('2025-01', '2025-03', '&region=South');
    expect(south.body.total.text).toBe('20');
    expect(cell(south, 'identified', 'kz')).toBe('0');
    const byRegion = await get('/api/reports/cases-by-region?from=2025-01&to=2025-03');
    expect(byRegion.body.rows.map((r: { label: string }) => r.label)).toEqual(['South', 'North']);
    expect((await get('/api/reports/nonsense?from=2025-01&to=2025-03')).status).toBe(404);
  });

  it('CSV and XLSX carry the protected figures only, labels neutralised against formulas', async () => {
    const db = t.server.services.database.db;
    // Six cases referred in May 2025 to a body whose name starts like a formula.
    const cases = await db.selectFrom('report_cases').select('case_id').where('country', '=', 'kg').limit(6).execute();
    for (const { case_id } of cases) {
      const id = randomUUID();
      await db
        .insertInto('referrals')
        .values({
          id,
          case_id,
          receiving_body: '=HYPERLINK("http://x")',
          kind: 'legal',
          sections: '[]',
          status: 'accepted',
          sent_at: new Date('2025-05-06T10:00:00Z'),
        })
        .execute();
      await db
        .insertInto('report_referrals')
        .values({
          referral_id: id,
          case_id,
          receiving_body: '=HYPERLINK("http://x")',
          kind: 'legal',
          outcome: 'accepted',
          sent_on: '2025-05-06',
          country: 'kg',
          region: 'South',
          organisation_id: orgId,
        })
        .execute();
    }
    const csv = await get('/api/reports/referrals-by-body?from=2025-05&to=2025-05&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv.body).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(csv.body).toContain('Disclosure control');

    const xlsx = await get('/api/report?from=2025-01&to=2025-05&format=xlsx&lang=en,ru');
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.bytes) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(indicators.map((i) => i.id));
    const sheet = book.getWorksheet('referrals-by-body')!;
    const labels: string[] = [];
    sheet.eachRow((r) => labels.push(r.getCell(1).text));
    expect(labels).toContain(`'=HYPERLINK("http://x")`);
    expect(sheet.getRow(3).getCell(2).text).toBe('Sent / Отправлено');
  });

  it('the report PDF: bilingual, charts as vector graphics, renders with poppler and passes qpdf --check', async () => {
    const r = await get('/api/report?from=2025-01&to=2025-05&lang=kk,ru');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'komek-report-'));
    try {
      const file = join(dir, 'report.pdf');
      writeFileSync(file, r.bytes);
      execFileSync('qpdf', ['--check', file], { stdio: 'pipe' });
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Осал жағдайдағы мигранттар');
      expect(text).toContain('Мигранты в уязвимом положении');
      expect(text).toContain('2025-01 – 2025-05');
      expect(text).toContain('<5');
      expect(text).toMatch(/Қазақстан \/ Казахстан/);
      // Page 1 rendered: the title's glyphs and the blue bars are drawn (not blank glyphs from a broken subset).
      execFileSync('pdftoppm', ['-r', '50', '-f', '1', '-l', '1', '-png', file, join(dir, 'page')]);
      const png = readdirSync(dir).find((f) => f.endsWith('.png'))!;
      const ppm = execFileSync('pdftoppm', ['-r', '50', '-f', '1', '-l', '1', file], { maxBuffer: 1 << 26 });
      const { dark, blue } = pixels(ppm);
      expect(dark, `dark pixels on ${png}`).toBeGreaterThan(500);
      expect(blue, 'bar pixels').toBeGreaterThan(200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the OpenAPI document describes the report routes', async () => {
    const doc = (await t.api('GET', '/openapi.json', { token: null })).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/reports', '/api/reports/{indicator}', '/api/report']),
    );
    const params = doc.paths['/api/reports/{indicator}'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(
      expect.arrayContaining(['indicator', 'from', 'to', 'country', 'region', 'organisation', 'lang']),
    );
  });

  it('facts of cases stored before reports existed are recorded at start', async () => {
    const db = t.server.services.database.db;
    const { backfillFacts } = await import('@komek/server');
    const some = await db
      .selectFrom('report_cases')
      .select('case_id')
      .where('step', '=', 'step-5')
      .executeTakeFirstOrThrow();
    await db.deleteFrom('report_referrals').where('case_id', '=', some.case_id).execute();
    await db.deleteFrom('report_deadlines').where('case_id', '=', some.case_id).execute();
    await db.deleteFrom('report_cases').where('case_id', '=', some.case_id).execute();
    expect(await backfillFacts(db, t.server.services.keys)).toBe(1);
    const again = await db
      .selectFrom('report_cases')
      .selectAll()
      .where('case_id', '=', some.case_id)
      .executeTakeFirstOrThrow();
    expect(again.identification).toBe('identified');
  });
});

/** Dark pixels and bar-blue pixels of a binary PPM (P6). */
function pixels(ppm: Buffer): { dark: number; blue: number } {
  const header = ppm.subarray(0, 64).toString('latin1');
  const m = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header)!;
  let i = m[0].length;
  let dark = 0;
  let blue = 0;
  for (; i + 2 < ppm.length; i += 3) {
    const [r, g, b] = [ppm[i]!, ppm[i + 1]!, ppm[i + 2]!];
    if (r < 100 && g < 100 && b < 100) dark++;
    if (b > 120 && r < 90 && g > 60 && g < 130) blue++;
  }
  return { dark, blue };
}
