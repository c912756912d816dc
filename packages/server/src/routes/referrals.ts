import { sql } from 'kysely';
import { type RouteDef } from '../routeTypes.js';
import { referralColumns, toReferral } from '../store/referrals.js';
import { consentInForce } from '../access.js';

/** The routes a receiving organisation and a referring specialist use beside those of casework.ts. */
export const referralRoutes: RouteDef[] = [
  {
    method: 'GET',
    url: '/api/referrals',
    operationId: 'listReferrals',
    summary:
      "Referrals sent to the principal's organisation by other organisations on this server, newest first: the receiving body's list to accept, decline and close",
    action: 'referral.list',
    auth: 'principal',
    schema: {
      querystring: {
        type: 'object',
        properties: { status: { enum: ['sent', 'accepted', 'declined', 'closed', 'all'], default: 'all' } },
      },
    },
    responses: {
      200: {
        description: '`{referrals: [{id, caseId, country, from, receivingBody, kind, sections, status, sentAt, …}]}`',
      },
    },
    handler: async (req) => {
      const { status } = req.query as { status: string };
      let q = req.services.database.db
        .selectFrom('referrals')
        .innerJoin('cases', 'cases.id', 'referrals.case_id')
        .innerJoin('organisations', 'organisations.id', 'cases.organisation_id')
        .select(referralColumns.map((c) => `referrals.${c}` as const))
        .select(['cases.country', 'organisations.name as from'])
        .where('referrals.receiving_organisation_id', '=', req.principal!.organisationId)
        .orderBy('referrals.sent_at', 'desc')
        .limit(500);
      if (status !== 'all') q = q.where('referrals.status', '=', status as 'sent');
      const rows = await q.execute();
      const db = req.services.database.db;
      // Once the migrant has refused or withdrawn consent, sharing ends: the referral stays listed (the receiving
      // body knows what became of it), its notes — free text about the person — do not. Asked once per case.
      const inForce = new Map<string, Promise<boolean>>();
      const consentHolds = (r: { case_id: string; country: string }) => {
        let holds = inForce.get(r.case_id);
        if (!holds)
          inForce.set(
            r.case_id,
            (holds = consentInForce(db, req.services.keys, { id: r.case_id, country: r.country })),
          );
        return holds;
      };
      return {
        referrals: await Promise.all(
          rows.map(async (r) => ({
            ...(await toReferral(db, req.services.keys, r)),
            ...((await consentHolds(r)) ? {} : { note: null, notes: [], consentEnded: true as const }),
            country: r.country,
            from: r.from,
          })),
        ),
      };
    },
  },
  {
    method: 'GET',
    url: '/api/organisations',
    operationId: 'listOrganisations',
    summary: 'The other organisations on this server (id and name), to refer a case to',
    action: 'organisation.list',
    auth: 'principal',
    responses: { 200: { description: '`{organisations: [{id, name}]}`' } },
    handler: async (req) => ({
      organisations: await req.services.database.db
        .selectFrom('organisations')
        .select(['id', 'name'])
        .where('id', '<>', req.principal!.organisationId)
        .orderBy(sql`lower(name)`)
        .execute(),
    }),
  },
];
