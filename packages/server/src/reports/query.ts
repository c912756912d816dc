import { sql, type RawBuilder } from 'kysely';
import { childrenOf, translate, type FormNode } from '@komek/core';
import type { Language } from '@komek/i18n';
import { loadForm } from '../forms.js';
import { ensureMessages, translatorFor } from '../i18n.js';
import type { Db } from '../store/types.js';
import { protect, SMALL, type Cell } from './disclosure.js';
import { questionnaireForms } from './facts.js';
import {
  reportWords,
  valueWords,
  type DimensionId,
  type Indicator,
  type PeriodFact,
  type SourceId,
  type Words,
} from './indicators.js';

/** A period of whole calendar months: first day of `from`, last day of `to`. */
export interface Period {
  from: string;
  to: string;
}

/** The filters a report takes beside its period. */
export interface ReportFilters {
  country?: string | undefined;
  region?: string | undefined;
  organisation?: string | undefined;
}

const month = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * A period from `?from=YYYY-MM&to=YYYY-MM`: whole calendar months only, ending before the current month (whose
 * figures still change day by day). Without them, the last whole quarter. An error message names what is wrong.
 */
export function parsePeriod(from: string | undefined, to: string | undefined, now = new Date()): Period | string {
  const current = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  if (from === undefined && to === undefined) {
    const q = Math.floor(now.getUTCMonth() / 3); // this quarter; the last whole one ends before it
    const end = new Date(Date.UTC(now.getUTCFullYear(), q * 3, 0));
    const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 2, 1));
    const m = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    return { from: m(start), to: m(end) };
  }
  if (!from || !month.test(from)) return `from must be a month as YYYY-MM (got "${from ?? ''}")`;
  if (!to || !month.test(to)) return `to must be a month as YYYY-MM (got "${to ?? ''}")`;
  if (to < from) return `to (${to}) is before from (${from})`;
  if (to >= current) return `to (${to}) must be a month that has ended (before ${current})`;
  return { from, to };
}

const firstDay = (m: string) => `${m}-01`;
function lastDay(m: string): string {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
}

/** The SQL of a dimension's value (over the aliases of its source: rc, rv, rr, d). */
const dimensionSql: Record<DimensionId, RawBuilder<unknown>> = {
  country: sql`rc.country`,
  status: sql`rc.status`,
  step: sql`rc.step`,
  region: sql`coalesce(rc.region, '')`,
  organisation: sql`rc.organisation_id::text`,
  identification: sql`rc.identification`,
  minor: sql`rc.minor`,
  vulnerability: sql`rv.category`,
  receivingBody: sql`rr.receiving_body`,
  referralOutcome: sql`rr.outcome`,
  daysToIdentification: bucket(sql`rc.identified_on - rc.first_contact_on`),
  daysToReferral: bucket(sql`rc.first_referral_on - rc.first_contact_on`),
  deadline: sql`case when d.missed then 'missed' else 'met' end`,
};

function bucket(days: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`case when ${days} <= 7 then '0-7' when ${days} <= 30 then '8-30' when ${days} <= 90 then '31-90' else '91+' end`;
}

/** The day that places a row in the period; the deadlines' period is applied inside their source. */
const periodSql: Record<PeriodFact, RawBuilder<unknown> | undefined> = {
  opened: sql`rc.opened_on`,
  identified: sql`rc.identified_on`,
  referred: sql`rc.first_referral_on`,
  referralSent: sql`rr.sent_on`,
  deadlineDue: undefined,
};

/** The rows a source counts over, within the period (the deadlines of a case in it taken together). */
function sourceSql(source: SourceId, from: string, to: string): RawBuilder<unknown> {
  switch (source) {
    case 'cases':
      return sql`report_cases rc`;
    case 'vulnerabilities':
      return sql`report_cases rc cross join lateral unnest(rc.vulnerabilities) as rv(category)`;
    case 'referrals':
      // The referral's own copy of its case's country, region and organisation stands in for the case (`rc`).
      return sql`report_referrals rr cross join lateral (select rr.case_id, rr.country, rr.region, rr.organisation_id) rc`;
    case 'deadlines':
      return sql`(select case_id, bool_or(coalesce(done_on > due_on, due_on < current_date)) as missed
        from report_deadlines where due_on between ${from}::date and ${to}::date group by case_id) d
        join report_cases rc on rc.case_id = d.case_id`;
  }
}

/** Exact counts of cases by (row value, column value) — never leaves this module unprotected. */
async function countCases(
  db: Db,
  indicator: Indicator,
  period: Period,
  filters: ReportFilters,
): Promise<{ r: string; c: string; n: number }[]> {
  const from = firstDay(period.from);
  const to = lastDay(period.to);
  const day = periodSql[indicator.period];
  // (Repeating the deadlines' period outside their source would make the planner expect a few rows and loop.)
  const conditions: RawBuilder<unknown>[] = [day ? sql`${day} between ${from}::date and ${to}::date` : sql`true`];
  if (filters.country) conditions.push(sql`rc.country = ${filters.country}`);
  if (filters.region) conditions.push(sql`rc.region = ${filters.region}`);
  if (filters.organisation) conditions.push(sql`rc.organisation_id = ${filters.organisation}::uuid`);
  const unit = indicator.source === 'referrals' ? sql`distinct rc.case_id` : sql`rc.case_id`;
  const result = await sql<{ r: string; c: string; n: number }>`
    select ${dimensionSql[indicator.rows]} as r, ${dimensionSql[indicator.columns]} as c, count(${unit})::int as n
    from ${sourceSql(indicator.source, from, to)}
    where ${sql.join(conditions, sql` and `)}
    group by 1, 2`.execute(db);
  return result.rows.map((x) => ({ r: String(x.r), c: String(x.c), n: Number(x.n) }));
}

/** A value of a dimension: its code and its words in the report's languages. */
export interface Heading {
  key: string;
  label: string;
}

/** What a report of one indicator gives out: protected figures only. */
export interface IndicatorReport {
  indicator: string;
  title: string;
  description: string;
  period: Period;
  filters: ReportFilters;
  rows: Heading[];
  columns: Heading[];
  cells: Cell[][];
  rowTotals: Cell[];
  columnTotals: Cell[] | null;
  total: Cell | null;
  rule: string;
}

/** One or two languages' words joined with " / ". */
export const worded = (w: Words, langs: readonly Language[]) => langs.map((l) => w[l]).join(' / ');

const numericStep = (s: string) => Number(s.replace('step-', ''));

/** The fixed order of a dimension's values, or undefined for an open list (ordered by figure). */
function order(dimension: DimensionId): string[] | undefined {
  const words = valueWords[dimension];
  return words ? Object.keys(words) : undefined;
}

let vulnerabilityLabels: Promise<Map<string, Map<Language, string>>> | undefined;

/** The label of an indicator group (`individualIndicators/factorOfViolence`) as the questionnaires word it. */
async function vulnerabilityLabel(key: string, lang: Language): Promise<string> {
  await ensureMessages(lang, [...questionnaireForms]);
  vulnerabilityLabels ??= Promise.resolve(new Map());
  const cache = await vulnerabilityLabels;
  const cached = cache.get(key)?.get(lang);
  if (cached) return cached;
  const t = translatorFor(lang);
  let label = key;
  for (const id of questionnaireForms) {
    const form = await loadForm(id)!;
    const [section, group] = key.split('/') as [string, string];
    const find = (n: FormNode, pointer: string): FormNode | undefined =>
      n.pointer === pointer
        ? n
        : childrenOf(n)
            .map((c) => find(c, pointer))
            .find(Boolean);
    const g = find(form.model.root, `/${section}/${group}`);
    if (g) {
      label = translate(t, g.labelKey, g.englishLabel).replace(/[:：]\s*$/, '');
      break;
    }
  }
  if (!cache.has(key)) cache.set(key, new Map());
  cache.get(key)!.set(lang, label);
  return label;
}

async function headingOf(
  dimension: DimensionId,
  key: string,
  langs: readonly Language[],
  organisations: Map<string, string>,
): Promise<string> {
  const words = valueWords[dimension]?.[key];
  if (words) return worded(words, langs);
  switch (dimension) {
    case 'step':
      return key === 'step-0'
        ? worded(reportWords.stepNone, langs)
        : langs.map((l) => `${reportWords.step[l]} ${numericStep(key)}`).join(' / ');
    case 'region':
      return key || worded(reportWords.notStated, langs);
    case 'organisation':
      return organisations.get(key) ?? key;
    case 'receivingBody':
      return key === '\u0000other' ? worded(reportWords.otherBodies, langs) : key;
    case 'vulnerability':
      return (await Promise.all(langs.map((l) => vulnerabilityLabel(key, l)))).join(' / ');
    default:
      return key;
  }
}

/** The protected table of one indicator over a period, in one or two languages. */
export async function runIndicator(
  db: Db,
  indicator: Indicator,
  period: Period,
  filters: ReportFilters,
  langs: readonly Language[],
): Promise<IndicatorReport> {
  const counts = await countCases(db, indicator, period, filters);
  let rowKeys = unique(
    counts.map((x) => x.r),
    indicator.rows,
    counts,
    'r',
  );
  const colKeys = unique(
    counts.map((x) => x.c),
    indicator.columns,
    counts,
    'c',
  );
  const matrix = new Map<string, number>();
  for (const x of counts) matrix.set(`${x.r}\u0001${x.c}`, x.n);
  if (indicator.foldSmallRows) {
    const rowTotal = (r: string) => colKeys.reduce((a, c) => a + (matrix.get(`${r}\u0001${c}`) ?? 0), 0);
    const small = rowKeys.filter((r) => rowTotal(r) < SMALL);
    if (small.length > 1 || (small.length === 1 && rowKeys.length > 1)) {
      for (const c of colKeys)
        matrix.set(
          `\u0000other\u0001${c}`,
          small.reduce((a, r) => a + (matrix.get(`${r}\u0001${c}`) ?? 0), 0),
        );
      rowKeys = [...rowKeys.filter((r) => !small.includes(r)), '\u0000other'];
    }
  }
  const table = protect(
    rowKeys.map((r) => colKeys.map((c) => matrix.get(`${r}\u0001${c}`) ?? 0)),
    { columnTotals: !indicator.multiResponse },
  );
  const organisations = new Map<string, string>();
  if (indicator.rows === 'organisation' || indicator.columns === 'organisation')
    for (const o of await db.selectFrom('organisations').select(['id', 'name']).execute())
      organisations.set(o.id, o.name);
  const heading = async (d: DimensionId, key: string) => ({
    key: key === '\u0000other' ? 'other' : key,
    label: await headingOf(d, key, langs, organisations),
  });
  return {
    indicator: indicator.id,
    title: worded(indicator.title, langs),
    description: worded(indicator.description, langs),
    period,
    filters,
    rows: await Promise.all(rowKeys.map((k) => heading(indicator.rows, k))),
    columns: await Promise.all(colKeys.map((k) => heading(indicator.columns, k))),
    ...table,
    rule: worded(reportWords.rule, langs),
  };
}

/** The values of a dimension in the table: a closed list in full and in its order, an open one by figure. */
function unique(
  present: string[],
  dimension: DimensionId,
  counts: { r: string; c: string; n: number }[],
  side: 'r' | 'c',
): string[] {
  const fixed = order(dimension);
  if (fixed) return [...fixed, ...[...new Set(present)].filter((v) => !fixed.includes(v)).sort()];
  const totals = new Map<string, number>();
  for (const x of counts) totals.set(x[side], (totals.get(x[side]) ?? 0) + x.n);
  const keys = [...totals.keys()];
  if (dimension === 'step') return keys.sort((a, b) => numericStep(a) - numericStep(b));
  return keys.sort((a, b) => totals.get(b)! - totals.get(a)! || a.localeCompare(b));
}
