import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { createPaperForm, readPaperForm, readPaperPack } from '@komek/pdf';
import { engines, fixture, startTestServer, type TestServer } from './harness.js';

/** Renders a PDF's first page with poppler and returns the PNG's size (a blank page compresses to almost nothing). */
function renderFirstPage(pdf: Uint8Array): number {
  const dir = mkdtempSync(join(tmpdir(), 'komek-render-'));
  try {
    writeFileSync(join(dir, 'a.pdf'), pdf);
    execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', join(dir, 'a.pdf'), join(dir, 'p')]);
    const png = readdirSync(dir).find((f) => f.endsWith('.png'))!;
    return statSync(join(dir, png)).size;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(engines)('PDFs and paper forms on %s', (engine) => {
  let t: TestServer;
  let caseId: string;
  let consentId: string;
  beforeAll(async () => {
    t = await startTestServer(engine, inject('postgresUrl'));
    caseId = (await t.api('POST', '/api/cases', { body: { country: 'kz' } })).body.id;
    consentId = (
      await t.api('POST', `/api/cases/${caseId}/submissions`, {
        body: { formId: 'kz-f4-interview-consent', data: fixture('kz-f4-interview-consent') },
        headers: { 'idempotency-key': randomUUID() },
      })
    ).body.id;
    await t.api('POST', `/api/cases/${caseId}/submissions`, {
      body: { formId: 'kz-f1-initial-application', data: fixture('kz-f1-initial-application') },
      headers: { 'idempotency-key': randomUUID() },
    });
  });
  afterAll(() => t?.close());

  it('prints a submission in two languages; a filled PDF reads back to the stored answers, a final one is drawn', async () => {
    const filled = await t.api('GET', `/api/submissions/${consentId}/pdf?lang=kk,ru&mode=filled`);
    expect(filled.status).toBe(200);
    expect(filled.headers.get('content-type')).toBe('application/pdf');
    expect(filled.headers.get('content-disposition')).toMatch(
      /^attachment; filename="kz-f4-interview-consent-[0-9a-f]{8}-filled\.pdf"$/,
    );
    const back = await readPaperForm(filled.bytes);
    expect(back.formId).toBe('kz-f4-interview-consent');
    expect(back.languages).toEqual(['kk', 'ru']);
    expect(back.data).toEqual(fixture('kz-f4-interview-consent'));
    const final = await t.api('GET', `/api/submissions/${consentId}/pdf?lang=ru&mode=final`);
    expect(final.status).toBe(200);
    expect(renderFirstPage(final.bytes)).toBeGreaterThan(3000);
    expect((await PDFDocument.load(final.bytes)).getForm().getFields()).toHaveLength(0);
    const bad = await t.api('GET', `/api/submissions/${consentId}/pdf?lang=de`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid-language');
  });

  it("prints the case's forms as one packet, each form readable back", async () => {
    const r = await t.api('GET', `/api/cases/${caseId}/packet.pdf?lang=kk,ru&mode=filled`);
    expect(r.status).toBe(200);
    const forms = await readPaperPack(r.bytes);
    expect(forms.map((f) => f.formId)).toEqual(['kz-f4-interview-consent', 'kz-f1-initial-application']);
    expect(forms[1]!.data).toEqual(fixture('kz-f1-initial-application'));
    const empty = (await t.api('POST', '/api/cases', { body: { country: 'kz' } })).body.id;
    expect((await t.api('GET', `/api/cases/${empty}/packet.pdf`)).status).toBe(404);
  });

  it('stores a paper form filled in a viewer as a validated submission', async () => {
    const c = (await t.api('POST', '/api/cases', { body: { country: 'tj' } })).body.id;
    // A blank form, filled field by field as a PDF viewer would.
    const blank = await createPaperForm('tj-f1-identification-consent', { languages: ['tg', 'ru'] });
    const doc = await PDFDocument.load(blank);
    const filledByKomek = await readPaperForm(
      await createPaperForm('tj-f1-identification-consent', {
        languages: ['tg', 'ru'],
        data: fixture('tj-f1-identification-consent'),
        mode: 'filled',
      }),
    );
    const source = await PDFDocument.load(
      await createPaperForm('tj-f1-identification-consent', {
        languages: ['tg', 'ru'],
        data: fixture('tj-f1-identification-consent'),
        mode: 'filled',
      }),
    );
    const form = doc.getForm();
    for (const field of source.getForm().getFields()) {
      const target = form.getFieldMaybe(field.getName());
      if (!target) continue;
      const f = field as unknown as {
        getText?: () => string | undefined;
        isChecked?: () => boolean;
        getSelected?: () => string | undefined;
      };
      const g = target as unknown as {
        setText?: (v: string) => void;
        check?: () => void;
        select?: (v: string) => void;
      };
      if (f.getText && g.setText) g.setText(f.getText() ?? '');
      else if (f.isChecked && g.check && f.isChecked()) g.check();
      else if (f.getSelected && g.select && f.getSelected()) g.select(f.getSelected()!);
    }
    const upload = await doc.save();
    const r = await t.api('POST', `/api/cases/${c}/paper`, {
      raw: upload,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ formId: 'tj-f1-identification-consent', revision: 1, versionMatches: true });
    const stored = await t.api('GET', `/api/submissions/${r.body.id}`);
    expect(stored.body.data).toEqual(filledByKomek.data);
  });

  it('refuses a PDF that is not a Komek paper form, and a paper form with invalid answers, storing nothing', async () => {
    const c = (await t.api('POST', '/api/cases', { body: { country: 'kz' } })).body.id;
    const plain = await PDFDocument.create();
    plain.addPage();
    const notOurs = await t.api('POST', `/api/cases/${c}/paper`, {
      raw: await plain.save(),
      headers: { 'content-type': 'application/pdf' },
    });
    expect(notOurs.status).toBe(400);
    expect(notOurs.body.code).toBe('not-a-paper-form');
    const garbage = await t.api('POST', `/api/cases/${c}/paper`, {
      raw: new TextEncoder().encode('%PDF-1.7 nonsense'),
      headers: { 'content-type': 'application/pdf' },
    });
    expect(garbage.status).toBe(400);
    expect(garbage.body.code).toBe('not-a-paper-form');
    const blank = await createPaperForm('kz-f1-initial-application', { languages: ['ru'] });
    const invalid = await t.api('POST', `/api/cases/${c}/paper?lang=ru`, {
      raw: blank,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('invalid-data');
    expect(invalid.body.issues.length).toBeGreaterThan(0);
    expect((await t.api('GET', `/api/cases/${c}`)).body.submissions).toHaveLength(0);
  });

  it('prints a blank form of the catalog in two languages, fillable and readable back as empty', async () => {
    const r = await t.api('GET', '/api/forms/kg-3.1-f1-identification-consent/pdf?lang=ky,ru');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    const back = await readPaperForm(r.bytes);
    expect(back).toMatchObject({ formId: 'kg-3.1-f1-identification-consent', languages: ['ky', 'ru'] });
    expect((await PDFDocument.load(r.bytes)).getForm().getFields().length).toBeGreaterThan(5);
    expect(renderFirstPage(r.bytes)).toBeGreaterThan(3000);
    expect((await t.api('GET', '/api/forms/no-such-form/pdf')).status).toBe(404);
    expect((await t.api('GET', '/api/forms/kz-f1-initial-application/pdf?lang=xx')).status).toBe(400);
  });

  it('previews a paper upload (dryRun): answers, issues and problems listed, nothing stored; then stores it', async () => {
    const db = t.server.services.database.db;
    const before = (await db.selectFrom('audit_log').select(db.fn.max('seq').as('seq')).executeTakeFirst())?.seq ?? 0;
    const c = (await t.api('POST', '/api/cases', { body: { country: 'kz' } })).body.id;
    const pdf = (data?: Record<string, unknown>) =>
      createPaperForm('kz-f5-identification-application', {
        languages: ['kk', 'ru'],
        ...(data ? { data, mode: 'filled' as const } : {}),
      });
    const post = (bytes: Uint8Array, query: string) =>
      t.api('POST', `/api/cases/${c}/paper${query}`, { raw: bytes, headers: { 'content-type': 'application/pdf' } });
    // A blank form before consent: the issues of its answers and the consent it needs, in Russian.
    const blank = await post(await pdf(), '?dryRun=true&lang=ru');
    expect(blank.status).toBe(200);
    expect(blank.body).toMatchObject({ dryRun: true, formId: 'kz-f5-identification-application', wouldStore: false });
    expect(blank.body.issues.length).toBeGreaterThan(0);
    expect(blank.body.problems).toEqual([
      expect.objectContaining({ code: 'consent-required', consentForms: ['kz-f4-interview-consent'] }),
    ]);
    expect(blank.body.problems[0].message).toMatch(/[а-яё]/i);
    // Filled, but still without consent: only the consent is a problem.
    const filled = await pdf(fixture('kz-f5-identification-application'));
    const noConsent = await post(filled, '?dryRun=true');
    expect(noConsent.body.issues).toEqual([]);
    expect(noConsent.body.problems.map((p: { code: string }) => p.code)).toEqual(['consent-required']);
    // A form of another country is named as such.
    const kg = await post(
      await createPaperForm('kg-3.1-f1-identification-consent', {
        languages: ['ky', 'ru'],
        data: fixture('kg-3.1-f1-identification-consent'),
        mode: 'filled',
      }),
      '?dryRun=true',
    );
    expect(kg.body.problems.map((p: { code: string }) => p.code)).toEqual(['form-country']);
    expect((await t.api('GET', `/api/cases/${c}`)).body.submissions).toHaveLength(0);
    // With consent on record: the preview shows the answers it would add; then the upload stores them, once.
    await t.api('POST', `/api/cases/${c}/submissions`, {
      body: { formId: 'kz-f4-interview-consent', data: fixture('kz-f4-interview-consent') },
      headers: { 'idempotency-key': randomUUID() },
    });
    const good = await post(filled, '?dryRun=true');
    expect(good.body).toMatchObject({ wouldStore: true, issues: [], problems: [], versionMatches: true });
    expect(good.body.data).toEqual(fixture('kz-f5-identification-application'));
    expect((await t.api('GET', `/api/cases/${c}`)).body.submissions).toHaveLength(1);
    const stored = await post(filled, '');
    expect(stored.status).toBe(201);
    expect((await t.api('GET', `/api/submissions/${stored.body.id}`)).body.data).toEqual(good.body.data);
    // The trail tells the checks from the one upload that stored something.
    const trail = await db
      .selectFrom('audit_log')
      .select('action')
      .where('seq', '>', String(before))
      .where('action', 'in', ['paper.check', 'paper.upload'])
      .orderBy('seq')
      .execute();
    expect(trail.map((e) => e.action)).toEqual([
      'paper.check',
      'paper.check',
      'paper.check',
      'paper.check',
      'paper.upload',
    ]);
  });

  it('makes a batch of PDFs as jobs and serves each file', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(
        (
          await t.api('POST', `/api/cases/${caseId}/submissions`, {
            body: { formId: 'kz-f1-initial-application', data: fixture('kz-f1-initial-application') },
            headers: { 'idempotency-key': randomUUID() },
          })
        ).body.id,
      );
    }
    const queued = await t.api('POST', '/api/jobs/pdf', { body: { submissionIds: ids, lang: 'kk,ru' } });
    expect(queued.status).toBe(202);
    if (engine === 'postgresql') {
      // On PostgreSQL the server leaves jobs to `komek worker`; run one here, in process.
      const { JobQueue, jobHandlers } = await import('@komek/server');
      const worker = new JobQueue(t.server.services.database, jobHandlers, t.server.services.keys);
      while (await worker.runOne()) {
        // until none waits
      }
    }
    let batch: any;
    for (let i = 0; i < 600; i++) {
      batch = (await t.api('GET', `/api/jobs/${queued.body.batchId}`)).body;
      if (batch.done + batch.failed === 3) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(batch).toMatchObject({ total: 3, done: 3, failed: 0 });
    const file = await t.api('GET', `/api/jobs/${queued.body.batchId}/files/${batch.jobs[0].id}`);
    expect(file.status).toBe(200);
    expect((await readPaperForm(file.bytes).catch((e: Error) => e)) instanceof Error).toBe(true); // final: flattened, no fields
    expect(renderFirstPage(file.bytes)).toBeGreaterThan(3000);
    expect((await t.api('POST', '/api/jobs/pdf', { body: { submissionIds: [randomUUID()], lang: 'ru' } })).status).toBe(
      404,
    );
  });
});
