// Synthetic report facts for the reports benchmark: `n` cases made up from the shapes of the fixtures and the
// declarations (countries, SOP steps of the catalog, the indicator groups the questionnaires' fixtures have, the
// deadline rules, identification outcomes) with a seeded generator. No real data: no names, no answers at all.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { catalog } from '@komek/forms';
import pg from 'pg';

const QUESTIONNAIRES = [
  'kz-f5-identification-application',
  'kg-3.1-f3-identification-questionnaire',
  'tj-f3-identification-questionnaire',
];
const SECTIONS = ['individualIndicators', 'familyIndicators', 'communityIndicators', 'situationalIndicators'];

/** The indicator groups of the questionnaires, read from their fixtures' shapes (keys only). */
function indicatorGroups(): string[] {
  const groups = new Set<string>();
  for (const id of QUESTIONNAIRES) {
    const data = JSON.parse(
      readFileSync(new URL(`../fixtures/forms/${id}/valid-1.json`, import.meta.url), 'utf8'),
    ) as Record<string, Record<string, unknown>>;
    for (const s of SECTIONS)
      for (const [k, v] of Object.entries(data[s] ?? {})) if (typeof v !== 'string') groups.add(`${s}/${k}`);
  }
  return [...groups].sort();
}

/** mulberry32: a small seeded generator, so every run makes the same data set. */
function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const day = (start: Date, plus: number) => new Date(start.getTime() + plus * 86_400_000).toISOString().slice(0, 10);

/** Inserts `n` synthetic cases and their facts (batches through `unnest`); returns the organisations made. */
export async function insertSyntheticFacts(url: string, n: number, seed = 16): Promise<{ organisations: number }> {
  const random = generator(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const countries = ['kz', 'kg', 'tj'] as const;
  const steps = Object.fromEntries(
    countries.map((c) => [
      c,
      [...new Set(catalog.filter((e) => e.country.toLowerCase() === c).map((e) => /Step\s+(\d+)/.exec(e.step)?.[1]))]
        .filter(Boolean)
        .map((s) => `step-${s}`),
    ]),
  ) as Record<(typeof countries)[number], string[]>;
  const rules = (
    JSON.parse(readFileSync(new URL('../../schemas/deadlines.json', import.meta.url), 'utf8')) as {
      deadlines: { id: string; country: string }[];
    }
  ).deadlines;
  const groups = indicatorGroups();
  const regions = ['Almaty', 'Astana', 'Shymkent', 'Bishkek', 'Osh', 'Chuy', 'Dushanbe', 'Sughd', 'Khatlon', 'GBAO'];
  const bodies = Array.from({ length: 40 }, (_, i) => `Receiving body ${i + 1}`);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const orgs = Array.from({ length: 24 }, (_, i) => ({
      id: randomUUID(),
      name: `Organisation ${i + 1}`,
      region: pick(regions),
    }));
    for (const o of orgs)
      await client.query('insert into organisations (id, name, region) values ($1, $2, $3)', [o.id, o.name, o.region]);
    const start = new Date('2024-01-01T00:00:00Z');
    const BATCH = 5000;
    for (let done = 0; done < n; done += BATCH) {
      const c: Record<string, unknown[]> = {
        id: [],
        org: [],
        country: [],
        region: [],
        status: [],
        step: [],
        opened: [],
        first: [],
        ident: [],
        identOn: [],
        minor: [],
        vulnerable: [],
        referred: [],
      };
      const r: Record<string, unknown[]> = {
        id: [],
        case: [],
        body: [],
        kind: [],
        outcome: [],
        sent: [],
        country: [],
        region: [],
        org: [],
      };
      const d: Record<string, unknown[]> = { case: [], rule: [], due: [], done: [] };
      for (let i = done; i < Math.min(n, done + BATCH); i++) {
        const id = randomUUID();
        const org = pick(orgs);
        const country = pick(countries);
        const openedAt = Math.floor(random() * 730);
        const first = Math.max(0, openedAt - Math.floor(random() * 20));
        const outcome = pick(['identified', 'identified', 'identified', 'not-identified', 'refused', 'pending']);
        const identOn =
          outcome === 'identified' || outcome === 'not-identified' ? openedAt + Math.floor(random() * 120) : null;
        const referred =
          outcome === 'identified' && random() < 0.6 ? (identOn ?? openedAt) + Math.floor(random() * 60) : null;
        c.id!.push(id);
        c.org!.push(org.id);
        c.country!.push(country);
        c.region!.push(org.region);
        c.status!.push(random() < 0.4 ? 'closed' : 'open');
        c.step!.push(pick(steps[country]));
        c.opened!.push(day(start, openedAt));
        c.first!.push(day(start, first));
        c.ident!.push(outcome);
        c.identOn!.push(identOn === null ? null : day(start, identOn));
        c.minor!.push(random() < 0.12 ? 'yes' : random() < 0.9 ? 'no' : 'unknown');
        c.referred!.push(referred === null ? null : day(start, referred));
        c.vulnerable!.push(
          outcome !== 'pending' && outcome !== 'refused' ? groups.filter(() => random() < 0.18).join('|') : '',
        );
        if (referred !== null)
          for (let k = 0, m = 1 + Math.floor(random() * 3); k < m; k++) {
            r.id!.push(randomUUID());
            r.case!.push(id);
            r.body!.push(pick(bodies));
            r.kind!.push(pick(['medical', 'legal', 'psychological', 'shelter', 'return']));
            r.outcome!.push(pick(['sent', 'accepted', 'accepted', 'declined', 'closed']));
            r.sent!.push(day(start, referred + k * 3));
            r.country!.push(country);
            r.region!.push(org.region);
            r.org!.push(org.id);
          }
        for (const rule of rules.filter((x) => x.country === country))
          if (random() < 0.5) {
            const due = openedAt + Math.floor(random() * 40);
            d.case!.push(id);
            d.rule!.push(rule.id);
            d.due!.push(day(start, due));
            d.done!.push(random() < 0.8 ? day(start, due + Math.floor(random() * 10) - 7) : null);
          }
      }
      await client.query('begin');
      await client.query(
        `insert into cases (id, organisation_id, country, status, step, created_at, updated_at)
         select id, org, country, status, null, opened::timestamptz, opened::timestamptz
         from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::date[]) as t(id, org, country, status, opened)`,
        [c.id, c.org, c.country, c.status, c.opened],
      );
      await client.query(
        `insert into report_cases (case_id, organisation_id, country, region, status, step, opened_on, first_contact_on,
           identification, identified_on, minor, first_referral_on)
         select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[],
           $8::date[], $9::text[], $10::date[], $11::text[], $12::date[])`,
        [
          c.id,
          c.org,
          c.country,
          c.region,
          c.status,
          c.step,
          c.opened,
          c.first,
          c.ident,
          c.identOn,
          c.minor,
          c.referred,
        ],
      );
      await client.query(
        `insert into referrals (id, case_id, receiving_body, kind, sections, status, sent_at)
         select id, c, b, k, '[]', o, s::timestamptz from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::date[]) as t(id, c, b, k, o, s)`,
        [r.id, r.case, r.body, r.kind, r.outcome, r.sent],
      );
      await client.query(
        `insert into report_referrals (referral_id, case_id, receiving_body, kind, outcome, sent_on, country, region,
           organisation_id)
         select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::date[], $7::text[],
           $8::text[], $9::uuid[])`,
        [r.id, r.case, r.body, r.kind, r.outcome, r.sent, r.country, r.region, r.org],
      );
      await client.query(
        `insert into report_deadlines (case_id, rule_id, due_on, done_on)
         select * from unnest($1::uuid[], $2::text[], $3::date[], $4::date[])`,
        [d.case, d.rule, d.due, d.done],
      );
      await client.query('commit');
    }
    await client.query('analyze');
    return { organisations: orgs.length };
  } finally {
    await client.end();
  }
}
