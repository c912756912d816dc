/**
 * The head of service's approvals of decisions and plans (routes/approvals.ts), the receiving organisation's list of
 * referrals, the organisations to refer to, and the catalog's signatures: on PGlite, signed in as staff of two
 * organisations, each step checked in the audit trail where it is a change.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, organisationNamed } from '@komek/server';
import { sealApprovalComments } from '../../packages/server/src/routes/approvals.js';
import { fixture, startTestServer, type TestServer } from './harness.js';

describe('approvals and referrals for the case desk', () => {
  let t: TestServer;
  const password = 'a long enough password 1';
  const who = new Map<string, Record<string, string>>();
  let orgB = '';

  async function signIn(username: string) {
    const r = await t.api('POST', '/api/session', { token: null, body: { username, password } });
    const cookie = /komek_session=([^;]+)/.exec(r.headers.get('set-cookie') ?? '')![1]!;
    return { cookie: `komek_session=${cookie}`, 'x-csrf-token': r.body.csrfToken as string };
  }
  const call = (method: string, path: string, as: string, body?: unknown) =>
    t.api(method, path, {
      token: null,
      headers: { ...who.get(as), ...(method === 'POST' ? { 'idempotency-key': randomUUID() } : {}) },
      ...(body !== undefined ? { body } : {}),
    });

  beforeAll(async () => {
    t = await startTestServer('pglite', '');
    const db = t.server.services.database.db;
    const orgA = (await db.selectFrom('organisations').select('id').executeTakeFirstOrThrow()).id;
    orgB = await organisationNamed(db, 'Shelter Osh');
    const users: [string, string, string][] = [
      ['spec', orgA, 'specialist'],
      ['head', orgA, 'head-of-service'],
      ['b-spec', orgB, 'specialist'],
    ];
    for (const [username, organisationId, role] of users) {
      await createUser(db, {
        organisationId,
        username,
        displayName: username,
        roles: [role as 'specialist'],
        password,
      });
      who.set(username, await signIn(username));
    }
  });
  afterAll(() => t?.close());

  it('a specialist sends the identification decision; the head of service sees it pending and approves it; audited', async () => {
    const c = (await call('POST', '/api/cases', 'spec', { country: 'kz' })).body;
    await call('POST', `/api/cases/${c.id}/submissions`, 'spec', {
      formId: 'kz-f4-interview-consent',
      data: fixture('kz-f4-interview-consent'),
    });
    const consent = (await call('GET', `/api/cases/${c.id}`, 'spec')).body.submissions[0];
    const f5 = await call('POST', `/api/cases/${c.id}/submissions`, 'spec', {
      formId: 'kz-f5-identification-application',
      data: fixture('kz-f5-identification-application'),
    });
    expect(f5.status).toBe(201);

    // A consent needs no approval; the decision does, and asking twice gives the same request.
    const notNeeded = await call('POST', `/api/cases/${c.id}/approvals`, 'spec', { submissionId: consent.id });
    expect(notNeeded.status).toBe(409);
    expect(notNeeded.body.code).toBe('approval-not-required');
    const asked = await call('POST', `/api/cases/${c.id}/approvals`, 'spec', { submissionId: f5.body.id });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'pending', formId: 'kz-f5-identification-application', revision: 1 });
    const again = await call('POST', `/api/cases/${c.id}/approvals`, 'spec', { submissionId: f5.body.id });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(asked.body.id);

    // Pending for the head of service; a specialist cannot decide, nor the head of another organisation see it.
    const pending = (await call('GET', '/api/approvals', 'head')).body.approvals;
    expect(pending.map((a: { id: string }) => a.id)).toContain(asked.body.id);
    expect((await call('GET', '/api/approvals', 'b-spec')).body.approvals).toEqual([]);
    const bySpecialist = await call('POST', `/api/approvals/${asked.body.id}/decision`, 'spec', {
      decision: 'approved',
    });
    expect(bySpecialist.status).toBe(403);
    const byOtherOrg = await call('POST', `/api/approvals/${asked.body.id}/decision`, 'b-spec', {
      decision: 'approved',
    });
    expect(byOtherOrg.status).toBe(403);

    const approved = await call('POST', `/api/approvals/${asked.body.id}/decision`, 'head', {
      decision: 'approved',
      comment: 'Agreed with the migration service.',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', comment: 'Agreed with the migration service.' });
    const twice = await call('POST', `/api/approvals/${asked.body.id}/decision`, 'head', { decision: 'returned' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('approval-decided');

    const view = (await call('GET', `/api/cases/${c.id}`, 'spec')).body;
    expect(view.approvals).toEqual([expect.objectContaining({ id: asked.body.id, status: 'approved' })]);
    expect((await call('GET', '/api/approvals', 'head')).body.approvals).toEqual([]);

    const audit = (await t.api('GET', '/api/audit?limit=500')).body.entries as {
      action: string;
      target: string | null;
    }[];
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'approval.request', target: `case:${c.id}` }),
        expect.objectContaining({ action: 'approval.decide', target: `approval:${asked.body.id}` }),
      ]),
    );
  });

  it('a plan is returned with a comment (required), revised, sent again and approved; the requester cannot approve their own', async () => {
    const c = (await call('POST', '/api/cases', 'head', { country: 'tj' })).body;
    await call('POST', `/api/cases/${c.id}/submissions`, 'head', {
      formId: 'tj-f5-help-consent',
      data: fixture('tj-f5-help-consent'),
    });
    const plan = await call('POST', `/api/cases/${c.id}/submissions`, 'head', {
      formId: 'tj-f7-individual-work-plan',
      data: fixture('tj-f7-individual-work-plan'),
    });
    expect(plan.status).toBe(201);
    const asked = (await call('POST', `/api/cases/${c.id}/approvals`, 'head', { submissionId: plan.body.id })).body;
    const own = await call('POST', `/api/approvals/${asked.id}/decision`, 'head', { decision: 'approved' });
    expect(own.status).toBe(403);

    const byHeadAsSpecialist = await call('POST', `/api/cases/${c.id}/approvals`, 'spec', {
      submissionId: plan.body.id,
    });
    expect(byHeadAsSpecialist.body.id).toBe(asked.id);
    // A second head of service returns it: a comment is required.
    const db = t.server.services.database.db;
    const orgA = (
      await db.selectFrom('cases').select('organisation_id').where('id', '=', c.id).executeTakeFirstOrThrow()
    ).organisation_id;
    await createUser(db, {
      organisationId: orgA,
      username: 'head2',
      displayName: 'head2',
      roles: ['head-of-service'],
      password,
    });
    who.set('head2', await signIn('head2'));
    const bare = await call('POST', `/api/approvals/${asked.id}/decision`, 'head2', { decision: 'returned' });
    expect(bare.status).toBe(400);
    expect(bare.body.code).toBe('approval-comment-required');
    const returned = await call('POST', `/api/approvals/${asked.id}/decision`, 'head2', {
      decision: 'returned',
      comment: 'Name who is responsible for the housing measure.',
    });
    expect(returned.body.status).toBe('returned');

    // A new revision is sent again and approved.
    const revised = await t.api('PUT', `/api/submissions/${plan.body.id}`, {
      token: null,
      headers: { ...who.get('head'), 'if-match': '"1"' },
      body: { data: fixture('tj-f7-individual-work-plan') },
    });
    expect(revised.status).toBe(200);
    const second = (await call('POST', `/api/cases/${c.id}/approvals`, 'head', { submissionId: plan.body.id })).body;
    expect(second).toMatchObject({ status: 'pending', revision: 2 });
    expect((await call('POST', `/api/approvals/${second.id}/decision`, 'head2', { decision: 'approved' })).status).toBe(
      200,
    );
    const view = (await call('GET', `/api/cases/${c.id}`, 'head')).body;
    expect(view.approvals.map((a: { status: string }) => a.status)).toEqual(['returned', 'approved']);
    expect(view.approvals[0].comment).toBe('Name who is responsible for the housing measure.');
    const all = (await call('GET', '/api/approvals?status=all', 'head')).body.approvals as Record<string, unknown>[];
    expect(all.find((a) => a['id'] === asked.id)).toMatchObject({
      comment: 'Name who is responsible for the housing measure.',
      country: 'tj',
    });

    // The comment is free text about a person's plan: sealed at rest, nothing of it readable in the row.
    const row = await db.selectFrom('approvals').selectAll().where('id', '=', asked.id).executeTakeFirstOrThrow();
    expect(row.comment).toBeNull();
    expect(Buffer.from(row.comment_sealed!).includes('housing')).toBe(false);
  });

  it('seals at start the plaintext comments of approvals decided before comments were sealed', async () => {
    const c = (await call('POST', '/api/cases', 'spec', { country: 'tj' })).body;
    await call('POST', `/api/cases/${c.id}/submissions`, 'spec', {
      formId: 'tj-f5-help-consent',
      data: fixture('tj-f5-help-consent'),
    });
    const plan = await call('POST', `/api/cases/${c.id}/submissions`, 'spec', {
      formId: 'tj-f7-individual-work-plan',
      data: fixture('tj-f7-individual-work-plan'),
    });
    expect(plan.status).toBe(201);
    const asked = (await call('POST', `/api/cases/${c.id}/approvals`, 'spec', { submissionId: plan.body.id })).body;
    const db = t.server.services.database.db;
    // As an older version stored it: a readable comment, nothing sealed.
    await db
      .updateTable('approvals')
      .set({ status: 'returned', decided_at: new Date(), comment: 'Ask the father first', comment_sealed: null })
      .where('id', '=', asked.id)
      .execute();
    const keys = t.server.services.keys;
    expect(await sealApprovalComments(db, keys)).toBe(1);
    expect(await sealApprovalComments(db, keys)).toBe(0);
    const row = await db.selectFrom('approvals').selectAll().where('id', '=', asked.id).executeTakeFirstOrThrow();
    expect(row.comment).toBeNull();
    expect(Buffer.from(row.comment_sealed!).includes('father')).toBe(false);
    const view = (await call('GET', `/api/cases/${c.id}`, 'spec')).body;
    expect(view.approvals[0]).toMatchObject({ status: 'returned', comment: 'Ask the father first' });
  });

  it('the receiving organisation lists the referrals sent to it; the organisations to refer to exclude one’s own', async () => {
    const orgs = (await call('GET', '/api/organisations', 'spec')).body.organisations;
    expect(orgs).toEqual([{ id: orgB, name: 'Shelter Osh' }]);
    const c = (await call('POST', '/api/cases', 'spec', { country: 'tj' })).body;
    await call('POST', `/api/cases/${c.id}/submissions`, 'spec', {
      formId: 'tj-f1-identification-consent',
      data: fixture('tj-f1-identification-consent'),
    });
    await call('POST', `/api/cases/${c.id}/submissions`, 'spec', {
      formId: 'tj-f5-help-consent',
      data: fixture('tj-f5-help-consent'),
    });
    const sent = await call('POST', `/api/cases/${c.id}/referrals`, 'spec', {
      receivingBody: 'Shelter Osh',
      kind: 'shelter',
      sections: ['tj-f1-identification-consent'],
      receivingOrganisationId: orgB,
    });
    expect(sent.status).toBe(201);
    const incoming = (await call('GET', '/api/referrals', 'b-spec')).body.referrals;
    expect(incoming).toEqual([
      expect.objectContaining({
        id: sent.body.id,
        caseId: c.id,
        country: 'tj',
        status: 'sent',
        sections: ['tj-f1-identification-consent'],
      }),
    ]);
    expect((await call('GET', '/api/referrals', 'spec')).body.referrals).toEqual([]);
  });

  it('the catalog names who signs each form, in the asked language, and which forms the head of service approves', async () => {
    const forms = (await t.api('GET', '/api/forms?lang=ru')).body.forms as {
      id: string;
      label: string;
      signatures: { label: string; pointer: string }[];
      approval: unknown;
    }[];
    const f5 = forms.find((f) => f.id === 'kz-f5-identification-application')!;
    expect(f5.signatures.map((s) => s.pointer)).toEqual(expect.arrayContaining(['/specialistSignature']));
    expect(f5.signatures.find((s) => s.pointer === '/specialistSignature')!.label).toMatch(/[а-я]/i);
    expect(f5.approval).toMatchObject({ what: 'decision' });
    expect(forms.find((f) => f.id === 'kz-f4-interview-consent')!.approval).toBeNull();
  });
});
