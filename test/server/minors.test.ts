/**
 * The case summary, its search (a blind index: no readable name in the database) and minors (the age at each
 * step from the recorded date of birth; minor indicators set, never asked; a changed date of birth flags the
 * signed forms), on PGlite and PostgreSQL.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { queryKeys, searchForm, summaryKeys, words } from '../../packages/server/src/security/blindIndex.js';
import { ageOn, minorState } from '../../packages/server/src/minors.js';
import { createPaperForm } from '@komek/pdf';
import { engines, fixture, startTestServer, type TestServer } from './harness.js';

/** A date `years` years (and `days` days) before today, as the forms write dates. */
function yearsAgo(years: number, days = 0): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}
const todayIso = () => new Date().toISOString().slice(0, 10);

describe('search form of what staff type', () => {
  it('folds case, ё/е, Latin diacritics and apostrophes; Cyrillic and Latin meet; Kazakh, Kyrgyz and Tajik letters stay exact', () => {
    expect(words('ЁЛКИНА Айгерим')).toEqual(words('елкина айгерим'));
    expect(searchForm('Иванов')).toBe(searchForm('Ivanov'));
    expect(searchForm('Хасанов')).toBe(searchForm('Xasanov'));
    expect(searchForm('Хасанов')).toBe(searchForm('Khasanov'));
    expect(searchForm('Айгерим')).toBe(searchForm('Aigerim'));
    expect(searchForm('Айгерим')).toBe(searchForm('Aygerim'));
    expect(searchForm('Жасур')).toBe(searchForm('Jasur'));
    expect(searchForm('José')).toBe(searchForm('jose'));
    expect(searchForm("O'lmas")).toBe(searchForm('Oʻlmas'));
    expect(searchForm('Oʼlmas')).toBe(searchForm('Oʻlmas'));
    for (const [a, b] of [
      ['Қасымов', 'Касымов'],
      ['Әли', 'Али'],
      ['Өмір', 'Омір'],
      ['Үмбетов', 'Умбетов'],
      ['Ғани', 'Гани'],
      ['Ҷамшед', 'Чамшед'],
      ['Ҳасан', 'Хасан'],
      ['Ӣсо', 'Исо'],
      ['Ӯлмас', 'Улмас'],
      ['Раҳмон', 'Рахмон'],
      ['Ўлмас', 'Улмас'],
    ])
      expect(searchForm(a!), `${a} ≠ ${b}`).not.toBe(searchForm(b!));
    expect(searchForm('Қасымов')).toBe(searchForm('қасымов'));
  });
  it('indexes word prefixes, the date of birth and its year; a search needs each typed word', () => {
    const keys = summaryKeys({ fullName: 'Tursunov Jasur', dateOfBirth: '1994-10-02' });
    expect(keys.has('tu')).toBe(true);
    expect(keys.has('tursunov')).toBe(true);
    expect(keys.has('jas')).toBe(true);
    expect(keys.has('t')).toBe(false);
    expect(keys.has('date:1994-10-02')).toBe(true);
    expect(keys.has('1994')).toBe(true);
    expect(queryKeys('Турсунов 02.10.1994')).toEqual(['tursunov', 'date:1994-10-02']);
    expect(queryKeys('a')).toEqual([]);
  });
});

describe('age at each step', () => {
  it('counts full years to the day of the form, its own date first', () => {
    expect(ageOn('2008-06-10', '2026-06-09')).toBe(17);
    expect(ageOn('2008-06-10', '2026-06-10')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('not a date', '2026-02-28')).toBeUndefined();
    const f1 = {
      id: 'a',
      formId: 'kz-f1-initial-application',
      data: { dateOfBirth: '2008-06-10', documentDate: '2026-06-01' },
      createdAt: '2026-06-01T09:00:00Z',
      updatedAt: '2026-06-01T09:00:00Z',
    };
    // Signed while a minor (dated 9 June), then 18 on 10 June: the form stays a minor's form.
    const f5 = (day: string, minor: boolean) => ({
      id: `f5-${day}`,
      formId: 'kz-f5-identification-application',
      data: { applicationDate: day, personIsMinor: minor },
      createdAt: '2026-07-01T09:00:00Z',
      updatedAt: '2026-06-01T08:00:00Z',
    });
    expect(minorState('kz', [f1, f5('2026-06-09', true)], '2026-07-01')).toMatchObject({
      age: 18,
      minor: false,
      flags: [],
      childProtection: [],
    });
    expect(minorState('kz', [f1, f5('2026-06-10', true)], '2026-07-01').flags).toEqual([
      expect.objectContaining({ kind: 'minor-indicator', pointer: '/personIsMinor', expected: false, ageAtStep: 18 }),
    ]);
    // Filled again, correctly: the earlier submission of the form is superseded and no longer flagged.
    const again = { ...f5('2026-06-10', false), id: 'f5-again', updatedAt: '2026-07-02T08:00:00Z' };
    expect(minorState('kz', [f1, f5('2026-06-10', true), again], '2026-07-03').flags).toEqual([]);
  });
});

describe.each(engines)('case summaries and minors on %s', (engine) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(engine, inject('postgresUrl'));
  });
  afterAll(() => t?.close());

  const open = async (country = 'kz') => {
    const r = await t.api('POST', '/api/cases', { body: { country } });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  const submit = (caseId: string, formId: string, data: unknown) =>
    t.api('POST', `/api/cases/${caseId}/submissions`, {
      body: { formId, data },
      headers: { 'idempotency-key': crypto.randomUUID() },
    });
  const search = async (q: string) =>
    (await t.api('GET', `/api/cases?limit=200&q=${encodeURIComponent(q)}`)).body.cases.map((c: any) => c.id);

  it('lists each case with its summary and finds it by name, date of birth and year, as staff type them', async () => {
    const elkina = await open();
    expect(
      (
        await submit(elkina, 'kz-f1-initial-application', {
          ...fixture('kz-f1-initial-application'),
          fullName: 'Ёлкина Айгерим',
          dateOfBirth: '1994-10-02',
        })
      ).status,
    ).toBe(201);
    const qasymov = await open();
    await submit(qasymov, 'kz-f1-initial-application', {
      ...fixture('kz-f1-initial-application'),
      fullName: 'Қасымов Әли',
      dateOfBirth: '1990-01-05',
    });
    const tj = await open('tj');
    await submit(tj, 'tj-f1-identification-consent', {
      ...fixture('tj-f1-identification-consent'),
      fullName: 'Oʻlmas Rahimov',
    });
    const empty = await open();

    const list = (await t.api('GET', '/api/cases?limit=200')).body.cases as any[];
    expect(list.find((c) => c.id === elkina)).toMatchObject({
      summary: { fullName: 'Ёлкина Айгерим', dateOfBirth: '1994-10-02' },
      minor: false,
    });
    expect(list.find((c) => c.id === empty).summary).toEqual({});

    expect(await search('елкина')).toEqual([elkina]);
    expect(await search('ЁЛК')).toEqual([elkina]);
    expect(await search('Elkina aig')).toEqual([elkina]);
    expect(await search('елкина 1994')).toEqual([elkina]);
    expect(await search('02.10.1994')).toEqual([elkina]);
    expect(await search('1994-10-02 айгерим')).toEqual([elkina]);
    expect(await search('елкина 1995')).toEqual([]);
    expect(await search('қасым')).toEqual([qasymov]);
    expect(await search('Касымов')).toEqual([]);
    expect(await search("o'lmas")).toEqual([tj]);
    // Filters still apply beside a search.
    expect((await t.api('GET', `/api/cases?q=${encodeURIComponent('елкина')}&country=tj`)).body.cases).toEqual([]);
  });

  it('keeps the index blind: no name, prefix or date of birth in readable form, and a new revision replaces the terms', async () => {
    const name = 'Гульнара Сапарбекова';
    const c = await open();
    const s = await submit(c, 'kz-f1-initial-application', {
      ...fixture('kz-f1-initial-application'),
      fullName: name,
      dateOfBirth: '1987-03-14',
    });
    expect(s.status).toBe(201);
    const db = t.server.services.database.db;
    const terms = await db.selectFrom('case_search_terms').select(['term']).where('case_id', '=', c).execute();
    expect(terms.length).toBeGreaterThan(10);
    const needles = [
      ...[name, 'гульнара', 'сапарбекова', 'gulnara', 'saparbekova', 'гу', 'sa', '1987-03-14', '14.03.1987'].map((x) =>
        Buffer.from(x, 'utf8'),
      ),
      Buffer.from('Гульнара', 'utf16le'),
    ];
    for (const { term } of terms) {
      expect(term.length).toBe(16);
      for (const n of needles) expect(Buffer.from(term).includes(n)).toBe(false);
    }
    const row = await db.selectFrom('cases').selectAll().where('id', '=', c).executeTakeFirstOrThrow();
    for (const n of needles) expect(Buffer.from(row.summary!).includes(n)).toBe(false);
    if (engine === 'postgresql') {
      const dump = execFileSync('pg_dump', ['--data-only', t.databaseUrl!], { maxBuffer: 256 * 1024 * 1024 }).toString(
        'utf8',
      );
      expect(dump).toContain(c);
      for (const x of [name, 'Сапарбекова', 'saparbekova', '1987-03-14']) expect(dump).not.toContain(x);
    }
    expect(await search('сапарбекова')).toEqual([c]);
    const sub = (await t.api('GET', `/api/submissions/${s.body.id}`)).body;
    const put = await t.api('PUT', `/api/submissions/${s.body.id}`, {
      body: { data: { ...sub.data, fullName: 'Гульнара Омарова' } },
      headers: { 'if-match': '"1"' },
    });
    expect(put.status).toBe(200);
    expect(await search('сапарбекова')).toEqual([]);
    expect(await search('омарова гульнара')).toEqual([c]);
  });

  it('a minor: later forms come with the minor indicators set and the guardian required; a contradiction is refused', async () => {
    const c = await open();
    const born = yearsAgo(15);
    const f1 = await submit(c, 'kz-f1-initial-application', {
      ...fixture('kz-f1-initial-application'),
      fullName: 'Sardor Ergashev',
      dateOfBirth: born,
      documentDate: todayIso(),
      signature: { signedBy: 'Sardor Ergashev', date: todayIso() },
    });
    expect(f1.status).toBe(201);
    const p = (await t.api('GET', `/api/cases/${c}/prefill/kz-f4-interview-consent`)).body;
    expect(p.data.needsLegalRepresentative).toBe(true);
    expect(p.data.dateAndPlaceOfBirth.date).toBe(born);
    expect(p.sources).toContainEqual(
      expect.objectContaining({
        fact: 'minor',
        pointer: '/needsLegalRepresentative',
        derived: true,
        age: 15,
        from: '/dateOfBirth',
      }),
    );
    expect(
      (await t.api('GET', `/api/cases/${c}/prefill/kz-f5-identification-application`)).body.data.personIsMinor,
    ).toBe(true);

    const consent: Record<string, unknown> = {
      ...fixture('kz-f4-interview-consent'),
      fullName: 'Sardor Ergashev',
      dateAndPlaceOfBirth: { date: born, place: 'Andijan' },
      interviewedAsHeadOfFamily: false,
      date: todayIso(),
    };
    delete consent.familyConsent;
    delete consent.familyMembers;
    const refused = await t.api('POST', `/api/cases/${c}/submissions?lang=ru`, {
      body: { formId: 'kz-f4-interview-consent', data: { ...consent, needsLegalRepresentative: false } },
      headers: { 'idempotency-key': crypto.randomUUID() },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('minor-indicator');
    expect(refused.body.issues[0].pointer).toBe('/needsLegalRepresentative');
    expect(refused.body.message).toContain('несовершеннолетн');
    expect(refused.body.message).toContain(born);
    // The minor indicator set: the form's own rule requires the legal representative.
    const noGuardian = await submit(c, 'kz-f4-interview-consent', { ...consent, needsLegalRepresentative: true });
    expect(noGuardian.status).toBe(400);
    expect(noGuardian.body.issues.map((i: any) => i.pointer)).toEqual(
      expect.arrayContaining(['/legalRepresentative', '/legalRepresentativeSignature']),
    );
    const signed = await submit(c, 'kz-f4-interview-consent', {
      ...consent,
      needsLegalRepresentative: true,
      legalRepresentative: { fullName: 'Shakhnoza Ergasheva', relationship: 'mother (parent)' },
      legalRepresentativeSignature: { signedBy: 'Shakhnoza Ergasheva', date: todayIso() },
    });
    expect(signed.status).toBe(201);

    let view = (await t.api('GET', `/api/cases/${c}`)).body;
    expect(view.minor).toMatchObject({ dateOfBirth: born, age: 15, minor: true, flags: [] });
    expect(view.minor.source.formId).toBe('kz-f4-interview-consent');
    expect(view.minor.childProtection.map((s: any) => s.id)).toContain('kz-unaccompanied');
    const listed = (await t.api('GET', '/api/cases?limit=200')).body.cases.find((x: any) => x.id === c);
    expect(listed).toMatchObject({ minor: true, age: 15 });

    // The date of birth changes on the initial application: 25 years old. The unsigned forms follow (prefill), the
    // signed consent is flagged.
    const first = (await t.api('GET', `/api/submissions/${f1.body.id}`)).body;
    const adult = yearsAgo(25);
    const put = await t.api('PUT', `/api/submissions/${f1.body.id}`, {
      body: { data: { ...first.data, dateOfBirth: adult } },
      headers: { 'if-match': '"1"' },
    });
    expect(put.status).toBe(200);
    view = (await t.api('GET', `/api/cases/${c}`)).body;
    expect(view.minor).toMatchObject({ dateOfBirth: adult, age: 25, minor: false, childProtection: [] });
    expect(view.minor.flags).toEqual([
      expect.objectContaining({
        kind: 'date-of-birth',
        submissionId: signed.body.id,
        formId: 'kz-f4-interview-consent',
        pointer: '/dateAndPlaceOfBirth/date',
        recorded: born,
        expected: adult,
      }),
    ]);
    const later = (await t.api('GET', `/api/cases/${c}/prefill/kz-f5-identification-application`)).body.data;
    expect(later.personIsMinor).toBe(false);
    expect(later.personInformation.dateAndPlaceOfBirth.date).toBe(adult);
    expect(
      (await t.api('GET', `/api/cases/${c}/prefill/kz-f4-interview-refusal`)).body.data.needsLegalRepresentative,
    ).toBe(undefined);
  });

  it('a paper form of a minor that says otherwise is named as a problem before anything is stored', async () => {
    const c = await open();
    await submit(c, 'kz-f1-initial-application', {
      ...fixture('kz-f1-initial-application'),
      dateOfBirth: yearsAgo(12),
    });
    const consent = {
      ...fixture('kz-f4-interview-consent'),
      dateAndPlaceOfBirth: { date: yearsAgo(12), place: 'Osh' },
    };
    const pdf = await createPaperForm('kz-f4-interview-consent', {
      languages: ['kk', 'ru'],
      data: consent,
      mode: 'filled',
    });
    const preview = await t.api('POST', `/api/cases/${c}/paper?dryRun=true&lang=kk`, {
      raw: pdf,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ wouldStore: false, issues: [] });
    expect(preview.body.problems).toEqual([expect.objectContaining({ code: 'minor-indicator' })]);
    expect(preview.body.problems[0].message).toContain('кәмелетке толма');
    const upload = await t.api('POST', `/api/cases/${c}/paper`, {
      raw: pdf,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(upload.status).toBe(400);
    expect(upload.body.code).toBe('minor-indicator');
    expect((await t.api('GET', `/api/cases/${c}`)).body.submissions).toHaveLength(1);
  });

  it('an adult whose date of birth turns out to be a minor’s: the signed forms that said otherwise are flagged', async () => {
    const c = await open();
    const f1 = await submit(c, 'kz-f1-initial-application', { ...fixture('kz-f1-initial-application') });
    const consent = await submit(c, 'kz-f4-interview-consent', {
      ...fixture('kz-f4-interview-consent'),
      dateAndPlaceOfBirth: { date: '1994-10-02', place: 'Namangan' },
      date: todayIso(),
    });
    expect(consent.status).toBe(201);
    expect((await t.api('GET', `/api/cases/${c}`)).body.minor.flags).toEqual([]);
    const first = (await t.api('GET', `/api/submissions/${f1.body.id}`)).body;
    const born = yearsAgo(16);
    expect(
      (
        await t.api('PUT', `/api/submissions/${f1.body.id}`, {
          body: { data: { ...first.data, dateOfBirth: born } },
          headers: { 'if-match': '"1"' },
        })
      ).status,
    ).toBe(200);
    const flags = (await t.api('GET', `/api/cases/${c}`)).body.minor.flags;
    expect(flags).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'minor-indicator',
          formId: 'kz-f4-interview-consent',
          pointer: '/needsLegalRepresentative',
          recorded: false,
          expected: true,
          ageAtStep: 16,
        }),
        expect.objectContaining({
          kind: 'date-of-birth',
          formId: 'kz-f4-interview-consent',
          recorded: '1994-10-02',
          expected: born,
        }),
      ]),
    );
  });
});
