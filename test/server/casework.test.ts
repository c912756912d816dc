import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { sealStoredReplies } from '../../packages/server/src/store/idempotency.js';
import { sealReferralNotes } from '../../packages/server/src/store/referrals.js';
import { computeTasks } from '../../packages/server/src/deadlines.js';
import { engines, fixture, startTestServer, type TestServer } from './harness.js';

describe('deadlines from the SOPs', () => {
  it('KZ: the needs assessment falls due one day after a positive identification decision, done when recorded', () => {
    const f5 = {
      formId: 'kz-f5-identification-application',
      data: fixture('kz-f5-identification-application'),
      createdAt: '2024-08-30T10:00:00Z',
    };
    expect(computeTasks('kz', [f5])).toEqual([{ ruleId: 'kz-needs-assessment', dueOn: '2024-08-24', done: false }]);
    const negative = {
      ...f5,
      data: { ...f5.data, decision: { ...f5.data.decision, outcome: 'noSignsOfVulnerability' } },
    };
    expect(computeTasks('kz', [negative])).toEqual([]);
    expect(
      computeTasks('kz', [f5, { formId: 'kz-needs-assessment', data: {}, createdAt: '2024-08-24T10:00:00Z' }])[0]!.done,
    ).toBe(true);
  });
  it('TJ: needs assessment within 10 working days; monitoring three months after the latest visit', () => {
    const consent = {
      formId: 'tj-f5-help-consent',
      data: { applicantSignature: { date: '2024-03-14' } },
      createdAt: '2024-03-14T09:00:00Z',
    };
    expect(computeTasks('tj', [consent])).toEqual([
      { ruleId: 'tj-needs-assessment', dueOn: '2024-03-28', done: false },
    ]);
    const plan = {
      formId: 'tj-f7-individual-work-plan',
      data: { dateOfCompilation: '2024-04-01', monitoring: [{ date: '2024-05-31' }, { date: '2024-04-30' }] },
      createdAt: '2024-04-01T09:00:00Z',
    };
    const tasks = computeTasks('tj', [plan]);
    expect(tasks.find((t) => t.ruleId === 'tj-plan-monitoring')).toEqual({
      ruleId: 'tj-plan-monitoring',
      dueOn: '2024-08-31',
      done: false,
    });
    expect(tasks.find((t) => t.ruleId === 'tj-plan-approval')).toEqual({
      ruleId: 'tj-plan-approval',
      dueOn: '2024-04-11',
      done: false,
    });
  });
});

describe.each(engines)('case work on %s', (engine) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(engine, inject('postgresUrl'));
  });
  afterAll(() => t?.close());
  const submit = async (caseId: string, formId: string, data: unknown) => {
    const r = await t.api('POST', `/api/cases/${caseId}/submissions`, {
      body: { formId, data },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id as string;
  };

  it('prefills a form from what earlier forms of the case know, naming the sources', async () => {
    const c = (await t.api('POST', '/api/cases', { body: { country: 'kz' } })).body.id;
    const consent = await submit(c, 'kz-f4-interview-consent', fixture('kz-f4-interview-consent'));
    const r = await t.api('GET', `/api/cases/${c}/prefill/kz-needs-assessment`);
    expect(r.status).toBe(200);
    expect(r.body.data.migrantFullName).toBe('Nurlan Toktogulov');
    expect(r.body.data.familyMembers).toEqual(fixture('kz-f4-interview-consent').familyMembers);
    expect(r.body.sources).toContainEqual({
      fact: 'personName',
      pointer: '/migrantFullName',
      submissionId: consent,
      formId: 'kz-f4-interview-consent',
      from: '/fullName',
    });
    expect((await t.api('GET', `/api/cases/${c}/prefill/kz-nothing`)).status).toBe(404);
  });

  it('refers a case only with sections the migrant consented to disclose; statuses move sent → accepted → closed', async () => {
    const c = (await t.api('POST', '/api/cases', { body: { country: 'tj' } })).body.id;
    await submit(c, 'tj-f1-identification-consent', fixture('tj-f1-identification-consent'));
    const refused = await t.api('POST', `/api/cases/${c}/referrals`, {
      body: { receivingBody: 'City clinic No. 2', kind: 'medical', sections: ['tj-f1-identification-consent'] },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'referral-sections', sections: ['tj-f1-identification-consent'] });
    await submit(c, 'tj-f5-help-consent', fixture('tj-f5-help-consent'));
    const missing = await t.api('POST', `/api/cases/${c}/referrals`, {
      body: { receivingBody: 'City clinic No. 2', kind: 'medical', sections: ['tj-f6-needs-assessment'] },
    });
    expect(missing.status).toBe(409);
    const ok = await t.api('POST', `/api/cases/${c}/referrals`, {
      body: { receivingBody: 'City clinic No. 2', kind: 'medical', sections: ['tj-f1-identification-consent'] },
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ status: 'sent', acceptedAt: null, sections: ['tj-f1-identification-consent'] });
    const early = await t.api('POST', `/api/referrals/${ok.body.id}/status`, { body: { status: 'closed' } });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('referral-transition');
    expect(
      (
        await t.api('POST', `/api/referrals/${ok.body.id}/status`, {
          body: { status: 'declined', note: 'No capacity' },
        })
      ).body,
    ).toMatchObject({ status: 'declined', note: 'No capacity' });
    const closed = await t.api('POST', `/api/referrals/${ok.body.id}/status`, { body: { status: 'closed' } });
    expect(closed.body.closedAt).toMatch(/^\d{4}-/);
    expect((await t.api('POST', `/api/referrals/${ok.body.id}/status`, { body: { status: 'accepted' } })).status).toBe(
      409,
    );
    const second = (
      await t.api('POST', `/api/cases/${c}/referrals`, {
        body: { receivingBody: 'Legal aid centre', kind: 'legal', sections: [] },
      })
    ).body;
    const accepted = await t.api('POST', `/api/referrals/${second.id}/status`, { body: { status: 'accepted' } });
    expect(accepted.body.status).toBe('accepted');
    expect(accepted.body.acceptedAt).toMatch(/^\d{4}-/);
    const view = (await t.api('GET', `/api/cases/${c}`)).body;
    expect(view.referrals.map((r: { status: string }) => r.status)).toEqual(['closed', 'accepted']);
    expect(
      (await t.api('POST', `/api/referrals/${randomUUID()}/status`, { body: { status: 'accepted' } })).status,
    ).toBe(404);
  });

  it("keeps every note of a referral: the sender's is not replaced by the answer or the outcome", async () => {
    const c = (await t.api('POST', '/api/cases', { body: { country: 'tj' } })).body.id;
    await submit(c, 'tj-f1-identification-consent', fixture('tj-f1-identification-consent'));
    await submit(c, 'tj-f5-help-consent', fixture('tj-f5-help-consent'));
    const once = { 'idempotency-key': randomUUID() };
    const sent = await t.api('POST', `/api/cases/${c}/referrals`, {
      body: { receivingBody: 'City clinic No. 2', kind: 'medical', sections: [], note: 'Call before the visit' },
      headers: once,
    });
    expect(sent.status).toBe(201);
    const id = sent.body.id as string;
    // A retry replays the stored reply, note included; the reply is kept sealed, like the note itself.
    const again = await t.api('POST', `/api/cases/${c}/referrals`, {
      body: { receivingBody: 'City clinic No. 2', kind: 'medical', sections: [], note: 'Call before the visit' },
      headers: once,
    });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(sent.body);
    const kept = await t.server.services.database.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('key', '=', once['idempotency-key'])
      .executeTakeFirstOrThrow();
    expect(kept.response).toBeNull();
    expect(Buffer.from(kept.response_sealed!).includes('Call before the visit')).toBe(false);
    await t.api('POST', `/api/referrals/${id}/status`, { body: { status: 'accepted', note: 'Seen on Monday' } });
    const closed = await t.api('POST', `/api/referrals/${id}/status`, {
      body: { status: 'closed', note: 'Treated; no follow-up' },
    });
    expect(closed.body.note).toBe('Treated; no follow-up');
    expect(closed.body.notes.map((n: { status: string; note: string }) => [n.status, n.note])).toEqual([
      ['sent', 'Call before the visit'],
      ['accepted', 'Seen on Monday'],
      ['closed', 'Treated; no follow-up'],
    ]);
    const view = (await t.api('GET', `/api/cases/${c}`)).body;
    expect(view.referrals[0].notes).toHaveLength(3);
    // Notes are free text about a person: sealed at rest, nothing of them readable in the row.
    const row = await t.server.services.database.db
      .selectFrom('referrals')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.note).toBeNull();
    expect(row.notes).toEqual([]);
    const stored = Buffer.from(row.notes_sealed!);
    for (const text of ['Call before the visit', 'Seen on Monday', 'Treated'])
      expect(stored.includes(text)).toBe(false);
    if (engine === 'postgresql') {
      const dump = execFileSync('pg_dump', ['--data-only', t.databaseUrl!], {
        maxBuffer: 256 * 1024 * 1024,
      }).toString();
      expect(dump).toContain(id);
      for (const text of ['Call before the visit', 'Seen on Monday', 'Treated']) expect(dump).not.toContain(text);
    }
  });

  it('seals at start the plaintext notes of referrals stored before notes were sealed', async () => {
    const c = (await t.api('POST', '/api/cases', { body: { country: 'tj' } })).body.id;
    const sent = await t.api('POST', `/api/cases/${c}/referrals`, {
      body: { receivingBody: 'Shelter', kind: 'shelter', sections: [] },
    });
    const id = sent.body.id as string;
    const db = t.server.services.database.db;
    // As an older version stored it: readable note columns, nothing sealed.
    const legacy = [
      { status: 'sent', at: '2026-01-05T09:00:00.000Z', note: 'Needs an interpreter (Uzbek)' },
      { status: 'accepted', at: '2026-01-06T09:00:00.000Z', note: 'Bed from Friday' },
    ];
    await db
      .updateTable('referrals')
      .set({ note: 'Bed from Friday', notes: JSON.stringify(legacy), notes_sealed: null, notes_key_id: null })
      .where('id', '=', id)
      .execute();
    expect(await sealReferralNotes(db, t.server.services.keys)).toBe(1);
    expect(await sealReferralNotes(db, t.server.services.keys)).toBe(0);
    const row = await db.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect([row.note, row.notes]).toEqual([null, []]);
    expect(Buffer.from(row.notes_sealed!).includes('Bed from Friday')).toBe(false);
    const view = (await t.api('GET', `/api/cases/${c}`)).body;
    expect(view.referrals[0].notes).toEqual(legacy);
    expect(view.referrals[0].note).toBe('Bed from Friday');

    // A reply kept in plaintext by an older version is sealed at start too, and still replayed.
    const key = { 'idempotency-key': randomUUID() };
    const body = { receivingBody: 'Shelter', kind: 'shelter', sections: [], note: 'Arrives with two children' };
    const first = await t.api('POST', `/api/cases/${c}/referrals`, { body, headers: key });
    await db
      .updateTable('idempotency_keys')
      .set({ response: JSON.stringify(first.body), response_sealed: null, key_id: null })
      .where('key', '=', key['idempotency-key'])
      .execute();
    expect(await sealStoredReplies(db, t.server.services.keys)).toBe(1);
    expect(await sealStoredReplies(db, t.server.services.keys)).toBe(0);
    const kept = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('key', '=', key['idempotency-key'])
      .executeTakeFirstOrThrow();
    expect(kept.response).toBeNull();
    expect(Buffer.from(kept.response_sealed!).includes('Arrives with two children')).toBe(false);
    expect((await t.api('POST', `/api/cases/${c}/referrals`, { body, headers: key })).body).toEqual(first.body);
  });

  it('lists deadlines: overdue and within a week', async () => {
    const c = (await t.api('POST', '/api/cases', { body: { country: 'kz' } })).body.id;
    await submit(c, 'kz-f4-interview-consent', fixture('kz-f4-interview-consent'));
    await submit(c, 'kz-f5-identification-application', fixture('kz-f5-identification-application'));
    const overdue = (await t.api('GET', '/api/tasks?due=overdue')).body.tasks.filter(
      (x: { caseId: string }) => x.caseId === c,
    );
    expect(overdue).toEqual([
      expect.objectContaining({
        ruleId: 'kz-needs-assessment',
        dueOn: '2024-08-24',
        overdue: true,
        sop: 'KZ 8.1',
        sourceLines: '2707',
      }),
    ]);
    expect(
      (await t.api('GET', '/api/tasks?due=week')).body.tasks.filter((x: { caseId: string }) => x.caseId === c),
    ).toEqual([]);
    // A TJ consent signed today: the needs assessment is due within 10 working days, not this week's list unless near.
    const tj = (await t.api('POST', '/api/cases', { body: { country: 'tj' } })).body.id;
    const today = new Date().toISOString().slice(0, 10);
    const consent = fixture('tj-f5-help-consent');
    await submit(tj, 'tj-f5-help-consent', {
      ...consent,
      applicantSignature: { ...consent.applicantSignature, date: today },
    });
    const all = (await t.api('GET', '/api/tasks')).body.tasks.find((x: { caseId: string }) => x.caseId === tj);
    expect(all).toMatchObject({ ruleId: 'tj-needs-assessment', overdue: false });
    expect(all.dueOn > today).toBe(true);
    expect((await t.api('GET', `/api/cases/${c}`)).body.tasks).toEqual([
      expect.objectContaining({ ruleId: 'kz-needs-assessment', doneAt: null }),
    ]);
  });

  it('exports a form as JSON lines, CSV and XLSX with labels in two languages beside the codes', async () => {
    const c = (await t.api('POST', '/api/cases', { body: { country: 'kz' } })).body.id;
    const id = await submit(c, 'kz-f1-initial-application', {
      ...fixture('kz-f1-initial-application'),
      fullName: '=HYPERLINK("x")',
    });
    const jsonl = await t.api('GET', '/api/export?form=kz-f1-initial-application&format=jsonl');
    expect(jsonl.status).toBe(200);
    const lines = new TextDecoder()
      .decode(jsonl.bytes)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.find((l) => l.id === id).data.fullName).toBe('=HYPERLINK("x")');
    const csv = await t.api('GET', '/api/export?form=kz-f1-initial-application&format=csv&lang=kk,ru');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = csv.body as string;
    const header = text.split('\r\n')[0]!;
    expect(header).toContain('(/fullName)');
    expect(header).toMatch(/[ӘәҒғҚқҢңӨөҰұҮүҺһІі].* \/ [А-Яа-я]/);
    expect(header).toContain('— label');
    const row = text.split('\r\n').find((l) => l.startsWith(id))!;
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    const xlsx = await t.api('GET', '/api/export?form=kz-f1-initial-application&format=xlsx&lang=ru');
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.bytes) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const headings = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const col = headings.findIndex((h) => h.endsWith('(/fullName)')) + 1;
    const rows: string[] = [];
    sheet.eachRow((r, n) => {
      if (n > 1) rows.push(r.getCell(col).text);
    });
    expect(rows).toContain('=HYPERLINK("x")');
    // Choice columns: the label beside the code.
    const labelCol = headings.findIndex((h) => h.includes('— label'));
    expect(labelCol).toBeGreaterThan(0);
    expect((await t.api('GET', '/api/export?form=kz-f1-initial-application&lang=xx')).status).toBe(400);
    expect((await t.api('GET', '/api/export?form=nope')).status).toBe(404);
  });
});
