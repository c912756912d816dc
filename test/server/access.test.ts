/**
 * Access control, the audit trail and encryption at rest, on PGlite and on PostgreSQL: an authorization matrix over
 * every route of the route table, attacks (another organisation's case, CSRF, session fixation, a token beyond its
 * scope, brute force, withdrawn consent), tampering with the trail, and what a database dump or the data folder
 * shows of the answers.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  addKek,
  auditKey,
  createApiToken,
  createUser,
  kekRingFor,
  loadKekRing,
  organisationNamed,
  rewrapDataKeys,
  routeTable,
  verifyAuditTrail,
  type Role,
} from '@komek/server';
import { engines, fixture, startTestServer, type TestServer } from './harness.js';

type Who =
  'anonymous' | 'admin' | 'specialist' | 'head-of-service' | 'coordinator' | 'org-admin' | 'reporting' | 'submit-token';
const everyone: Who[] = [
  'admin',
  'specialist',
  'head-of-service',
  'coordinator',
  'org-admin',
  'reporting',
  'submit-token',
];
const staff: Who[] = ['admin', 'specialist', 'head-of-service', 'coordinator', 'org-admin', 'reporting'];
const caseWork: Who[] = ['admin', 'specialist', 'head-of-service'];
const readers: Who[] = [...caseWork, 'coordinator'];

/**
 * Who may call each route (by operationId), written out here on purpose rather than read from the server's rules:
 * a route missing from this table fails the test, so a new route cannot ship without its rule being decided.
 * `public`: no credentials needed.
 */
const allowed: Record<string, Who[] | 'public'> = {
  health: everyone,
  liveness: 'public',
  readiness: 'public',
  listForms: everyone,
  blankFormPdf: readers,
  openapi: 'public',
  docs: 'public',
  signIn: 'public',
  whoAmI: staff,
  signOut: staff,
  signOutEverywhere: staff,
  auditTrail: ['admin', 'org-admin'],
  grantAccess: ['admin', 'head-of-service', 'org-admin'],
  revokeGrant: ['admin', 'head-of-service', 'org-admin'],
  createCase: [...caseWork, 'submit-token'],
  listCases: readers,
  getCase: readers,
  createSubmission: [...caseWork, 'submit-token'],
  getSubmission: readers,
  reviseSubmission: caseWork,
  listRevisions: readers,
  submissionPdf: readers,
  casePacket: caseWork,
  uploadPaperForm: caseWork,
  prefill: caseWork,
  createReferral: caseWork,
  setReferralStatus: caseWork,
  listTasks: readers,
  exportForm: ['admin', 'head-of-service', 'org-admin'],
  queuePdfBatch: caseWork,
  getBatch: caseWork,
  getJobFile: caseWork,
  requestApproval: caseWork,
  listApprovals: caseWork,
  decideApproval: ['admin', 'head-of-service'],
  listReferrals: readers,
  listOrganisations: caseWork,
  listIndicators: ['admin', 'reporting'],
  getIndicator: ['admin', 'reporting'],
  reportFile: ['admin', 'reporting'],
};

describe.each(engines)('access control on %s', (engine) => {
  let t: TestServer;
  const creds = new Map<Who, { headers: Record<string, string> }>();
  let orgB = '';
  let otherSpecialist: { headers: Record<string, string> };
  const password = 'a long enough password 1';

  async function signIn(username: string, pass = password) {
    const r = await t.api('POST', '/api/session', { token: null, body: { username, password: pass } });
    const cookie = /komek_session=([^;]+)/.exec(r.headers.get('set-cookie') ?? '')?.[1];
    return {
      r,
      headers: cookie ? { cookie: `komek_session=${cookie}`, 'x-csrf-token': r.body.csrfToken as string } : {},
    };
  }
  const as = (
    who: { headers: Record<string, string> } | undefined,
  ): { token?: null; headers: Record<string, string> } =>
    who?.headers.authorization ? { headers: who.headers } : { token: null, headers: who?.headers ?? {} };
  const call = (method: string, path: string, who: { headers: Record<string, string> } | undefined, body?: unknown) => {
    const o = as(who);
    return t.api(method, path, {
      ...o,
      headers: { ...o.headers, ...(method === 'POST' ? { 'idempotency-key': randomUUID() } : {}) },
      ...(body !== undefined ? { body } : {}),
    });
  };

  /** A person of organisation B (the other organisation) with one role. */
  const userAtB = (username: string, role: Role, displayName: string) =>
    createUser(t.server.services.database.db, { organisationId: orgB, username, displayName, roles: [role], password });

  /** Stores a form of a case, its fixture's answers unless given others. */
  const submit = (
    caseId: string,
    who: { headers: Record<string, string> } | undefined,
    formId: string,
    data: unknown = fixture(formId),
  ) => call('POST', `/api/cases/${caseId}/submissions`, who, { formId, data });

  beforeAll(async () => {
    t = await startTestServer(engine, inject('postgresUrl'));
    const db = t.server.services.database.db;
    const orgA = t.server.services.database.kind
      ? (await db.selectFrom('organisations').select('id').executeTakeFirstOrThrow()).id
      : '';
    orgB = await organisationNamed(db, 'Receiving NGO');
    for (const role of ['specialist', 'head-of-service', 'coordinator', 'org-admin', 'reporting'] as Role[]) {
      await createUser(db, { organisationId: orgA, username: `a-${role}`, displayName: role, roles: [role], password });
      creds.set(role as Who, await signIn(`a-${role}`));
    }
    await userAtB('b-specialist', 'specialist', 'B');
    otherSpecialist = await signIn('b-specialist');
    creds.set('admin', { headers: { authorization: `Bearer ${t.token}` } });
    const submitToken = await createApiToken(db, {
      organisationId: orgA,
      scope: 'submit',
      forms: ['kz-f1-initial-application'],
    });
    creds.set('submit-token', { headers: { authorization: `Bearer ${submitToken.token}` } });
  });
  afterAll(() => t?.close());

  it('every route has a rule, and each role gets exactly the status its rule gives (matrix)', async () => {
    const missing = routeTable.filter((r) => !(r.operationId in allowed)).map((r) => r.operationId);
    expect(missing, 'routes without a rule in this matrix').toEqual([]);
    const failures: string[] = [];
    for (const route of routeTable) {
      const rule = allowed[route.operationId]!;
      const path = route.url.replace(/:id\b/g, randomUUID()).replace(/:(\w+)/g, 'x');
      const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
      for (const who of ['anonymous', ...everyone] as Who[]) {
        if (route.operationId === 'signOutEverywhere' || route.operationId === 'signOut') continue; // would end the sessions the matrix uses; tested below
        const r = await call(route.method, path, creds.get(who), body);
        const expected = rule === 'public' ? 'pass' : who === 'anonymous' ? 401 : rule.includes(who) ? 'pass' : 403;
        const ok = expected === 'pass' ? ![401, 403].includes(r.status) : r.status === expected;
        if (!ok) failures.push(`${route.method} ${route.url} as ${who}: ${r.status}, expected ${expected}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("another organisation's case is not found (nothing leaked), until shared; then only the consented sections, and not after a refusal", async () => {
    const admin = creds.get('admin');
    const c = (await call('POST', '/api/cases', admin, { country: 'kz' })).body;
    const application = (await submit(c.id, admin, 'kz-f1-initial-application')).body;
    const consent = (await submit(c.id, admin, 'kz-f4-interview-consent')).body;
    const guessed = await call('GET', `/api/cases/${c.id}`, otherSpecialist);
    expect(guessed.status).toBe(404);
    expect(JSON.stringify(guessed.body)).not.toContain('Tursunov');
    expect(guessed.body.code).toBe('case-not-found');
    expect((await call('GET', `/api/submissions/${application.id}`, otherSpecialist)).status).toBe(404);

    const grant = await call('POST', `/api/cases/${c.id}/grants`, creds.get('head-of-service'), {
      organisationId: orgB,
      sections: ['kz-f1-initial-application'],
    });
    expect(grant.status).toBe(201);
    const shared = await call('GET', `/api/cases/${c.id}`, otherSpecialist);
    expect(shared.status).toBe(200);
    expect(shared.body.submissions.map((s: { formId: string }) => s.formId)).toEqual(['kz-f1-initial-application']);
    expect((await call('GET', `/api/submissions/${application.id}`, otherSpecialist)).status).toBe(200);
    expect((await call('GET', `/api/submissions/${consent.id}`, otherSpecialist)).status).toBe(404);
    // Reading is all a share gives: no edits.
    expect(
      (
        await t.api('PUT', `/api/submissions/${application.id}`, {
          ...as(otherSpecialist),
          headers: { ...otherSpecialist.headers, 'if-match': '1' },
          body: { data: fixture('kz-f1-initial-application') },
        })
      ).status,
    ).toBe(404);

    const refusal = await call('POST', `/api/cases/${c.id}/submissions`, admin, {
      formId: 'kz-f4-interview-refusal',
      data: { ...fixture('kz-f4-interview-refusal') },
    });
    expect(refusal.status).toBe(201);
    expect((await call('GET', `/api/cases/${c.id}`, otherSpecialist)).status).toBe(404);
    const gated = await submit(c.id, admin, 'kz-f5-identification-application');
    expect(gated.status).toBe(409);
  });

  it("a shared case's consent state comes from the shared sections only: a consent form not shared shows no date", async () => {
    const admin = creds.get('admin');
    const c = (await call('POST', '/api/cases', admin, { country: 'kz' })).body;
    await submit(c.id, admin, 'kz-f1-initial-application');
    const signedOn = '2024-05-06';
    expect(fixture('kz-f4-interview-consent').applicantSignature.date).toBe(signedOn);
    const consent = await submit(c.id, admin, 'kz-f4-interview-consent');
    expect(consent.status).toBe(201);
    // The holding organisation sees the consent in force, dated.
    const own = await call('GET', `/api/cases/${c.id}`, admin);
    expect(Object.values(own.body.consent)).toContainEqual({ allowed: true, since: signedOn });

    const head = creds.get('head-of-service');
    const grant = { organisationId: orgB, sections: ['kz-f1-initial-application'] };
    expect((await call('POST', `/api/cases/${c.id}/grants`, head, grant)).status).toBe(201);
    const shared = await call('GET', `/api/cases/${c.id}`, otherSpecialist);
    expect(shared.status).toBe(200);
    expect(shared.body.submissions.map((s: { formId: string }) => s.formId)).toEqual(['kz-f1-initial-application']);
    expect(shared.body.consent).toEqual({});
    expect(JSON.stringify(shared.body)).not.toContain(signedOn);

    // Once the consent form is shared too, its state and date are the recipient's to see.
    const both = { organisationId: orgB, sections: ['kz-f4-interview-consent'] };
    expect((await call('POST', `/api/cases/${c.id}/grants`, head, both)).status).toBe(201);
    const withConsent = await call('GET', `/api/cases/${c.id}`, otherSpecialist);
    expect(withConsent.body.consent).toEqual(own.body.consent);
  });

  it('shares only what the migrant consented to disclose: a grant beyond it is refused, and a consent to disclose revised to no ends that section for the recipient', async () => {
    const admin = creds.get('admin');
    const head = creds.get('head-of-service');
    // KZ: no Form 4 yet, so no consent to pass personal data on.
    const kz = (await call('POST', '/api/cases', admin, { country: 'kz' })).body;
    await call('POST', `/api/cases/${kz.id}/submissions`, admin, {
      formId: 'kz-f1-initial-application',
      data: fixture('kz-f1-initial-application'),
    });
    const grant = await call('POST', `/api/cases/${kz.id}/grants?lang=ru`, head, {
      organisationId: orgB,
      sections: ['kz-f1-initial-application'],
    });
    expect([grant.status, grant.body.code, grant.body.sections]).toEqual([
      409,
      'referral-sections',
      ['kz-f1-initial-application'],
    ]);
    expect(grant.body.message).toContain('Receiving NGO');
    expect((await call('GET', `/api/cases/${kz.id}`, otherSpecialist)).status).toBe(404);

    // KG: the questionnaire's own disclosure consent says yes, then a new revision says no.
    const kg = (await call('POST', '/api/cases', admin, { country: 'kg' })).body;
    await call('POST', `/api/cases/${kg.id}/submissions`, admin, {
      formId: 'kg-3.1-f1-identification-consent',
      data: fixture('kg-3.1-f1-identification-consent'),
    });
    const questionnaire = fixture('kg-3.1-f3-identification-questionnaire');
    expect(questionnaire.disclosureConsent.consentGiven).toBe(true);
    const q = (
      await call('POST', `/api/cases/${kg.id}/submissions`, admin, {
        formId: 'kg-3.1-f3-identification-questionnaire',
        data: questionnaire,
      })
    ).body;
    const shared = await call('POST', `/api/cases/${kg.id}/grants`, head, {
      organisationId: orgB,
      sections: ['kg-3.1-f3-identification-questionnaire'],
    });
    expect(shared.status).toBe(201);
    expect((await call('GET', `/api/submissions/${q.id}`, otherSpecialist)).status).toBe(200);
    const revised = await t.api('PUT', `/api/submissions/${q.id}`, {
      headers: { 'if-match': '1' },
      body: { data: { ...questionnaire, disclosureConsent: { consentGiven: false } } },
    });
    expect(revised.status).toBe(200);
    const seen = await call('GET', `/api/cases/${kg.id}`, otherSpecialist);
    expect(seen.body.submissions).toEqual([]);
    expect(JSON.stringify(seen.body)).not.toContain(questionnaire.disclosureConsent.signature.signedBy);
    for (const path of [
      `/api/submissions/${q.id}`,
      `/api/submissions/${q.id}/revisions`,
      `/api/submissions/${q.id}/pdf`,
    ])
      expect((await call('GET', path, otherSpecialist)).status, path).toBe(404);
  });

  it("shows the organisation holding a case who else read it or asked for it (another organisation's people), and nothing more of their work", async () => {
    const admin = creds.get('admin');
    await userAtB('b-org-admin', 'org-admin', 'B');
    const bAdmin = await signIn('b-org-admin');
    const c = (await call('POST', '/api/cases', admin, { country: 'kz' })).body;
    const application = (await submit(c.id, admin, 'kz-f1-initial-application')).body;
    await submit(c.id, admin, 'kz-f4-interview-consent');
    const hidden = (await call('POST', '/api/cases', admin, { country: 'kz' })).body;
    const grant = { organisationId: orgB, sections: ['kz-f1-initial-application'] };
    expect((await call('POST', `/api/cases/${c.id}/grants`, creds.get('head-of-service'), grant)).status).toBe(201);

    const reader = (await call('GET', '/api/session', otherSpecialist)).body.id as string;
    expect((await call('GET', `/api/cases/${c.id}`, otherSpecialist)).status).toBe(200);
    expect((await call('GET', `/api/submissions/${application.id}/pdf`, otherSpecialist)).status).toBe(200);
    expect((await call('GET', `/api/cases/${hidden.id}`, otherSpecialist)).status).toBe(404);
    const own = (await call('POST', '/api/cases', otherSpecialist, { country: 'kg' })).body;

    type Entry = { actor: string; action: string; target: string | null; outcome: string };
    const trail = async (who: { headers: Record<string, string> } | undefined) =>
      (await call('GET', '/api/audit?limit=500', who)).body.entries as Entry[];
    const holder = (await trail(creds.get('org-admin'))).filter((e) => e.actor === reader);
    expect(holder).toContainEqual(
      expect.objectContaining({ action: 'case.read', target: `case:${c.id}`, outcome: 'ok' }),
    );
    expect(holder).toContainEqual(
      expect.objectContaining({ action: 'submission.print', target: `submission:${application.id}`, outcome: 'ok' }),
    );
    expect(holder).toContainEqual(
      expect.objectContaining({ action: 'case.read', target: `case:${hidden.id}`, outcome: 'denied' }),
    );
    // Their own work is their organisation's alone.
    expect(holder.filter((e) => e.target === `case:${own.id}` || e.action === 'session.read')).toEqual([]);
    // The other organisation's administrator sees its people's reads, never the holder's own work on the case.
    const theirs = await trail(bAdmin);
    expect(theirs.some((e) => e.target === `submission:${application.id}` && e.actor === reader)).toBe(true);
    expect(theirs.filter((e) => e.actor !== reader && e.target?.includes(c.id))).toEqual([]);
  });

  it("withholds a referral's notes from the receiving organisation once the migrant refuses consent, and says why", async () => {
    const admin = creds.get('admin');
    const c = (await call('POST', '/api/cases', admin, { country: 'kz' })).body;
    for (const formId of ['kz-f1-initial-application', 'kz-f4-interview-consent'])
      await call('POST', `/api/cases/${c.id}/submissions`, admin, { formId, data: fixture(formId) });
    const referral = await call('POST', `/api/cases/${c.id}/referrals`, creds.get('head-of-service'), {
      receivingBody: 'Receiving NGO',
      kind: 'medical',
      sections: ['kz-f1-initial-application'],
      receivingOrganisationId: orgB,
      note: 'Lives at 5 Lenin street, needs treatment',
    });
    expect(referral.status).toBe(201);
    expect(
      (await call('POST', `/api/referrals/${referral.body.id}/status`, otherSpecialist, { status: 'accepted' })).status,
    ).toBe(200);
    const listed = async () =>
      ((await call('GET', '/api/referrals', otherSpecialist)).body.referrals as { id: string }[]).find(
        (r) => r.id === referral.body.id,
      ) as Record<string, unknown>;
    expect((await listed()).note).toBe('Lives at 5 Lenin street, needs treatment');

    const refusal = await submit(c.id, admin, 'kz-f4-interview-refusal');
    expect(refusal.status).toBe(201);
    const after = await listed();
    expect(after).toMatchObject({ status: 'accepted', consentEnded: true, note: null, notes: [] });
    expect(JSON.stringify(after)).not.toContain('Lenin');
  });

  it('a referral to an organisation: its staff accept it and then read only the referred sections; the sender cannot accept for them', async () => {
    const head = creds.get('head-of-service');
    const c = (await call('POST', '/api/cases', head, { country: 'tj' })).body;
    await submit(c.id, head, 'tj-f1-identification-consent');
    await submit(c.id, head, 'tj-f5-help-consent');
    const referral = await call('POST', `/api/cases/${c.id}/referrals`, head, {
      receivingBody: 'Receiving NGO',
      kind: 'shelter',
      sections: ['tj-f1-identification-consent'],
      receivingOrganisationId: orgB,
    });
    expect(referral.status).toBe(201);
    expect((await call('GET', `/api/cases/${c.id}`, otherSpecialist)).status).toBe(404);
    expect((await call('POST', `/api/referrals/${referral.body.id}/status`, head, { status: 'accepted' })).status).toBe(
      403,
    );
    const accepted = await call('POST', `/api/referrals/${referral.body.id}/status`, otherSpecialist, {
      status: 'accepted',
    });
    expect(accepted.status).toBe(200);
    const seen = await call('GET', `/api/cases/${c.id}`, otherSpecialist);
    expect(seen.status).toBe(200);
    expect(seen.body.submissions.map((x: { formId: string }) => x.formId)).toEqual(['tj-f1-identification-consent']);
    expect((await call('GET', `/api/cases/${c.id}/prefill/tj-f6-needs-assessment`, otherSpecialist)).status).toBe(404);
  });

  it('tells a request with an ended session to sign in again, and a token request what a token needs (401)', async () => {
    const db = t.server.services.database.db;
    await userAtB('expiring', 'specialist', 'E');
    const { headers } = await signIn('expiring');
    expect((await t.api('GET', '/api/cases', { token: null, headers })).status).toBe(200);
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60 * 1000) })
      .where(
        'user_id',
        '=',
        (await db.selectFrom('users').select('id').where('username', '=', 'expiring').executeTakeFirstOrThrow()).id,
      )
      .execute();
    const ended = await t.api('GET', '/api/cases', { token: null, headers });
    const forged = await t.api('POST', '/api/cases', {
      token: null,
      headers: { cookie: `komek_session=${'x'.repeat(43)}`, 'x-csrf-token': 'whatever' },
      body: { country: 'kz' },
    });
    const ru = await t.api('GET', '/api/session?lang=ru', { token: null, headers });
    for (const r of [ended, forged, ru]) {
      expect([r.status, r.body.code]).toEqual([401, 'session-expired']);
      expect(Object.keys(r.body).sort()).toEqual(['code', 'message']);
      expect(r.body.message).not.toMatch(/Bearer|Authorization|TOKEN/);
    }
    expect(ended.body.message).toContain('sign in again');
    expect(ru.body.message).toContain('войдите снова');
    // Token requests keep their wording, whatever cookie comes with them.
    for (const o of [
      { token: 'kmk_not-a-token-at-all' },
      { token: 'kmk_not-a-token-at-all', headers },
      { token: null },
    ]) {
      const r = await t.api('GET', '/api/cases', o);
      expect([r.status, r.body.code]).toEqual([401, 'unauthorized']);
      expect(r.body.message).toContain('Authorization: Bearer');
    }
  });

  it('refuses a cookie request that changes something without the CSRF token', async () => {
    const specialist = creds.get('specialist')!;
    const { 'x-csrf-token': _token, ...cookieOnly } = specialist.headers;
    const forged = await t.api('POST', '/api/cases', { token: null, headers: cookieOnly, body: { country: 'kz' } });
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('csrf');
    const wrong = await t.api('POST', '/api/cases', {
      token: null,
      headers: { ...cookieOnly, 'x-csrf-token': 'guess' },
      body: { country: 'kz' },
    });
    expect(wrong.status).toBe(403);
    expect((await call('POST', '/api/cases', specialist, { country: 'kz' })).status).toBe(201);
  });

  it('sets a Secure, HTTP-only, SameSite cookie, and never adopts a session id from before sign-in (fixation)', async () => {
    const planted = 'planted-session-id-0123456789abcdef';
    const r = await t.api('POST', '/api/session', {
      token: null,
      headers: { cookie: `komek_session=${planted}` },
      body: { username: 'a-specialist', password },
    });
    const setCookie = r.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/Secure/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(planted);
    expect(
      (await t.api('GET', '/api/session', { token: null, headers: { cookie: `komek_session=${planted}` } })).status,
    ).toBe(401);
  });

  it('keeps a submit token to creating cases and submitting its forms', async () => {
    const token = creds.get('submit-token');
    const c = await call('POST', '/api/cases', token, { country: 'kz' });
    expect(c.status).toBe(201);
    expect(
      (
        await call('POST', `/api/cases/${c.body.id}/submissions`, token, {
          formId: 'kz-f1-initial-application',
          data: fixture('kz-f1-initial-application'),
        })
      ).status,
    ).toBe(201);
    const other = await call('POST', `/api/cases/${c.body.id}/submissions`, token, {
      formId: 'kz-f4-interview-consent',
      data: fixture('kz-f4-interview-consent'),
    });
    expect(other.status).toBe(403);
    expect((await call('GET', `/api/cases/${c.body.id}`, token)).status).toBe(403);
    expect((await call('GET', '/api/cases', token)).status).toBe(403);
  });

  it('locks an account after five wrong passwords, even for the right one, and lets it in again after the lock', async () => {
    const db = t.server.services.database.db;
    await userAtB('target', 'specialist', 'T');
    for (let i = 0; i < 5; i++) expect((await signIn('target', `wrong password ${i}`)).r.status).toBe(401);
    const locked = await signIn('target');
    expect(locked.r.status).toBe(429);
    expect(Number(locked.r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(locked.r.body.message).toMatch(/Try again in \d+ min/);
    await db
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('username', '=', 'target')
      .execute();
    expect((await signIn('target')).r.status).toBe(200);
    expect((await signIn('nobody-here')).r.body.code).toBe('sign-in-failed');
  });

  it('signs out everywhere: every session of the person ends', async () => {
    await userAtB('traveller', 'specialist', 'T');
    const one = await signIn('traveller');
    const two = await signIn('traveller');
    expect((await call('GET', '/api/session', two)).status).toBe(200);
    expect((await call('POST', '/api/session/end-all', one)).status).toBe(204);
    expect((await call('GET', '/api/session', one)).status).toBe(401);
    expect((await call('GET', '/api/session', two)).status).toBe(401);
  });

  it('records sign-ins and views in the audit trail without content, and verify finds a changed, removed or reordered row', async () => {
    const admin = creds.get('admin');
    const c = (await call('POST', '/api/cases', admin, { country: 'kz' })).body;
    await submit(c.id, admin, 'kz-f1-initial-application');
    await call('GET', `/api/cases/${c.id}`, creds.get('specialist'));
    expect((await signIn('a-reporting', 'not the password at all')).r.status).toBe(401);
    await t.server.services.audit.append({
      actor: 'test',
      action: 'flush',
      target: null,
      origin: null,
      organisation: null,
      outcome: 'ok',
    });
    const trail = await call('GET', '/api/audit?limit=500', creds.get('org-admin'));
    expect(trail.status).toBe(200);
    const entries = trail.body.entries as {
      action: string;
      target: string;
      actor: string;
      origin: string;
      outcome: string;
    }[];
    expect(entries.some((e) => e.action === 'case.read' && e.target === `case:${c.id}` && e.origin)).toBe(true);
    expect(entries.some((e) => e.action === 'session.create' && e.outcome === 'ok')).toBe(true);
    expect(entries.some((e) => e.action === 'session.create' && e.outcome === 'denied')).toBe(true);
    expect(JSON.stringify(trail.body)).not.toContain('Tursunov');
    expect((await call('GET', '/api/audit', creds.get('specialist'))).status).toBe(403);

    const db = t.server.services.database.db;
    const key = auditKey(t.dataDir, { create: false });
    expect((await verifyAuditTrail(db, key)).problem).toBeUndefined();
    const victim = await db
      .selectFrom('audit_log')
      .select(['seq', 'actor'])
      .where('action', '=', 'case.read')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    await db.updateTable('audit_log').set({ actor: 'someone-else' }).where('seq', '=', victim.seq).execute();
    expect((await verifyAuditTrail(db, key)).problem).toMatchObject({ seq: Number(victim.seq), kind: 'changed' });
    await db.updateTable('audit_log').set({ actor: victim.actor }).where('seq', '=', victim.seq).execute();
    expect((await verifyAuditTrail(db, key)).problem).toBeUndefined();
    const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    const [x, y] = [rows[3]!, rows[4]!];
    // Reordered: two rows swap places (their sequence numbers swapped).
    await db.updateTable('audit_log').set({ seq: -1 }).where('seq', '=', x.seq).execute();
    await db.updateTable('audit_log').set({ seq: x.seq }).where('seq', '=', y.seq).execute();
    await db.updateTable('audit_log').set({ seq: y.seq }).where('seq', '=', '-1').execute();
    expect((await verifyAuditTrail(db, key)).problem?.seq).toBe(Number(x.seq));
    await db.deleteFrom('audit_log').where('seq', '=', rows[6]!.seq).execute();
    expect((await verifyAuditTrail(db, key)).problem).toBeDefined();
  });

  it('keeps answers only encrypted: a name is nowhere in a dump or the data folder; rotation keeps them readable', async () => {
    const admin = creds.get('admin');
    const marker = `Zarina Qodirova ${randomUUID().slice(0, 8)}`;
    const c = (await call('POST', '/api/cases', admin, { country: 'kz' })).body;
    const s = (
      await call('POST', `/api/cases/${c.id}/submissions`, admin, {
        formId: 'kz-f1-initial-application',
        data: { ...fixture('kz-f1-initial-application'), fullName: marker },
      })
    ).body;
    const db = t.server.services.database.db;
    if (engine === 'postgresql') {
      const dump = execFileSync('pg_dump', ['--data-only', t.databaseUrl!], { maxBuffer: 256 * 1024 * 1024 }).toString(
        'utf8',
      );
      expect(dump).toContain(s.id);
      expect(dump).not.toContain(marker);
    } else {
      await t.server.services.database.db.selectFrom('cases').select('id').execute();
      const needle = Buffer.from(marker, 'utf8');
      const files: string[] = [];
      const walk = (dir: string): void => {
        for (const e of readdirSync(dir, { withFileTypes: true })) {
          if (e.isDirectory()) walk(join(dir, e.name));
          else files.push(join(dir, e.name));
        }
      };
      walk(t.dataDir);
      expect(files.length).toBeGreaterThan(10);
      expect(files.filter((f) => readFileSync(f).includes(needle))).toEqual([]);
    }
    for (const f of readdirSync(join(t.dataDir, 'keys')))
      expect(statSync(join(t.dataDir, 'keys', f)).mode & 0o077).toBe(0);

    addKek(t.dataDir);
    const ring = loadKekRing(t.dataDir);
    const rotated = await rewrapDataKeys(db, ring);
    expect(rotated.rewrapped).toBeGreaterThanOrEqual(1);
    expect((await db.selectFrom('data_keys').select('kek_id').distinct().execute()).map((r) => r.kek_id)).toEqual([
      ring.current.id,
    ]);
    // The running server reads what was stored before, and stores new answers under the new data key.
    expect((await call('GET', `/api/submissions/${s.id}`, admin)).body.data.fullName).toBe(marker);
    await t.server.services.keys.refreshActive(db);
    const after = (await submit(c.id, admin, 'kz-f1-initial-application')).body;
    expect(
      (await db.selectFrom('submissions').select('key_id').where('id', '=', after.id).executeTakeFirstOrThrow()).key_id,
    ).toBe(rotated.newKeyId);
    expect(kekRingFor(t.dataDir, false)().all.size).toBe(2);
  });
  it('another organisation cannot follow or download a PDF batch it did not queue', async () => {
    const admin = creds.get('admin');
    const c = (await call('POST', '/api/cases', admin, { country: 'kz' })).body;
    const s = (await submit(c.id, admin, 'kz-f1-initial-application')).body;
    const batch = await call('POST', '/api/jobs/pdf', creds.get('specialist'), {
      submissionIds: [s.id],
      lang: 'kk,ru',
    });
    expect(batch.status).toBe(202);
    expect((await call('GET', `/api/jobs/${batch.body.batchId}`, creds.get('specialist'))).status).toBe(200);
    expect((await call('GET', `/api/jobs/${batch.body.batchId}`, otherSpecialist)).status).toBe(404);
  });

  // Last: it leaves this server's sign-in limit for 127.0.0.1 used up.
  it('limits sign-in attempts from one address (30 in 5 minutes), whatever the user names', async () => {
    let limited: Awaited<ReturnType<typeof signIn>>['r'] | undefined;
    for (let i = 0; i < 31 && !limited; i++) {
      const r = (await signIn(`nobody-${i}`, 'not a password at all')).r;
      if (r.status === 429) limited = r;
      else expect(r.status).toBe(401);
    }
    expect(limited?.body.code).toBe('too-many-attempts');
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await signIn('a-specialist')).r.status).toBe(429);
  });
});
