import type { Kysely } from 'kysely';
import { getAtPointer } from '@komek/core';
import type { Tables } from '../db/tables.js';
import type { AnswerKeys } from '../security/answerKeys.js';
import { caseSubmissions, type Submission } from '../store/submissions.js';
import type { Db } from '../store/types.js';

/**
 * The de-identified facts of a case, the only thing reports read. Answers are sealed at rest, so SQL cannot count
 * over them: each change of a case (a submission stored or revised, a referral sent or answered) re-derives its
 * facts here, in the same transaction, from the opened answers. A fact is a code, a yes/no, a day or a count —
 * never a name, a free text, a place of birth or a birth date.
 */
export interface CaseFacts {
  country: string;
  status: string;
  /** `step-N`: the SOP step of the latest form (the case's `step`), or `step-0` before any form. */
  step: string;
  openedOn: string;
  /** The earliest day the case's forms name (application, document or form date), or the day it was opened. */
  firstContactOn: string;
  /** identified · not-identified · refused · pending. */
  identification: string;
  identifiedOn: string | null;
  /** yes · no · unknown: from the forms' "is a minor" answers, else the age at first contact from a birth date. */
  minor: string;
  /** Indicator groups of the identification questionnaires answered yes (`individualIndicators/factorOfViolence`). */
  vulnerabilities: string[];
}

const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const day = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString()).slice(0, 10);

/** The questionnaires whose indicator sections and decisions the facts read. */
export const questionnaireForms = [
  'kz-f5-identification-application',
  'kg-3.1-f3-identification-questionnaire',
  'tj-f3-identification-questionnaire',
] as const;
const familyForms = ['kg-3.1-f4-family-questionnaire', 'tj-f4-family-questionnaire'];
const refusalForms = ['kz-f4-interview-refusal', 'kg-3.1-f2-identification-refusal', 'tj-f2-identification-refusal'];

/** The indicator sections of the identification questionnaires (section 3–6 of the printed forms). */
export const indicatorSections = [
  'individualIndicators',
  'familyIndicators',
  'communityIndicators',
  'situationalIndicators',
] as const;

const anyYes = (v: unknown): boolean =>
  v === true || (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).some(anyYes));

/** The indicator groups answered yes (a group counts once, whichever of its items are yes). */
export function vulnerabilitiesOf(data: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const section of indicatorSections) {
    const s = data[section];
    if (!s || typeof s !== 'object') continue;
    for (const [key, value] of Object.entries(s as Record<string, unknown>))
      if (typeof value !== 'string' && anyYes(value)) out.push(`${section}/${key}`);
  }
  return out;
}

/** Whole years between a birth day and a day. */
function ageOn(birth: string, on: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

const MINOR_POINTERS = ['/personIsMinor', '/applicantIsMinor', '/migrantIsMinor'];
const BIRTH_POINTERS = ['/dateOfBirth', '/dateAndPlaceOfBirth/date', '/personInformation/dateAndPlaceOfBirth/date'];
const DATE_POINTERS = ['/applicationDate', '/documentDate', '/date', '/signature/date'];

/** The facts of a case from its record and its submissions (oldest first). Pure: tested on its own. */
export function caseFacts(
  c: { country: string; status: string; step: string | null; createdAt: string },
  submissions: readonly Pick<Submission, 'formId' | 'data' | 'createdAt'>[],
): CaseFacts {
  const openedOn = day(c.createdAt);
  const days = submissions.flatMap((s) => DATE_POINTERS.map((p) => getAtPointer(s.data, p)).filter(isDay));
  const firstContactOn = [openedOn, ...days].sort()[0]!;

  let identification = 'pending';
  let identifiedOn: string | null = null;
  for (const s of submissions) {
    if (refusalForms.includes(s.formId) && identification === 'pending') identification = 'refused';
    const isQuestionnaire = (questionnaireForms as readonly string[]).includes(s.formId);
    if (!isQuestionnaire && !familyForms.includes(s.formId)) continue;
    const outcome = getAtPointer(s.data, '/decision/outcome');
    const identified = getAtPointer(s.data, '/identificationResult/identified');
    const when = getAtPointer(s.data, '/decision/date') ?? getAtPointer(s.data, '/applicationDate');
    if (outcome !== undefined || typeof identified === 'boolean') {
      identification = outcome === 'identified' || identified === true ? 'identified' : 'not-identified';
      identifiedOn = isDay(when) ? when : day(s.createdAt);
    }
  }

  let minor = 'unknown';
  for (const s of submissions) {
    for (const p of MINOR_POINTERS) {
      const v = getAtPointer(s.data, p);
      if (typeof v === 'boolean') minor = v ? 'yes' : minor === 'yes' ? 'yes' : 'no';
    }
  }
  if (minor === 'unknown') {
    const birth = submissions.flatMap((s) => BIRTH_POINTERS.map((p) => getAtPointer(s.data, p))).find(isDay);
    if (birth) minor = ageOn(birth, firstContactOn) < 18 ? 'yes' : 'no';
  }

  const vulnerabilities = new Set<string>();
  // The latest questionnaire of the case speaks for it (a revision or a second interview replaces the first).
  const latest = [...submissions].reverse().find((s) => (questionnaireForms as readonly string[]).includes(s.formId));
  if (latest) for (const v of vulnerabilitiesOf(latest.data)) vulnerabilities.add(v);

  const stepNumber = c.step ? /Step\s+(\d+)/i.exec(c.step)?.[1] : undefined;
  return {
    country: c.country,
    status: c.status,
    step: `step-${stepNumber ?? 0}`,
    openedOn,
    firstContactOn,
    identification,
    identifiedOn,
    minor,
    vulnerabilities: [...vulnerabilities].sort(),
  };
}

const text = (d: Date | string | null) => (d instanceof Date ? d.toISOString().slice(0, 10) : d);

/**
 * Re-derives and stores the facts of one case: its row of `report_cases` (with its indicator groups), its referrals and
 * its deadlines. Call in the transaction that changed the case.
 */
export async function recordFacts(db: Db, keys: AnswerKeys, caseId: string): Promise<void> {
  const c = await db
    .selectFrom('cases')
    .innerJoin('organisations', 'organisations.id', 'cases.organisation_id')
    .select([
      'cases.id',
      'cases.organisation_id',
      'cases.country',
      'cases.status',
      'cases.step',
      'cases.created_at',
      'organisations.region',
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
  if (!c) return;
  const submissions = await caseSubmissions(db, keys, caseId);
  const facts = caseFacts(
    { country: c.country, status: c.status, step: c.step, createdAt: new Date(c.created_at).toISOString() },
    submissions,
  );
  const referrals = await db
    .selectFrom('referrals')
    .select(['id', 'receiving_body', 'kind', 'status', 'sent_at'])
    .where('case_id', '=', caseId)
    .execute();
  const tasks = await db
    .selectFrom('tasks')
    .select(['rule_id', 'due_on', 'done_at'])
    .where('case_id', '=', caseId)
    .execute();
  const firstReferral = referrals.map((r) => day(r.sent_at)).sort()[0] ?? null;

  await db.deleteFrom('report_referrals').where('case_id', '=', caseId).execute();
  await db.deleteFrom('report_deadlines').where('case_id', '=', caseId).execute();
  const row = {
    organisation_id: c.organisation_id,
    country: facts.country,
    region: c.region,
    status: facts.status,
    step: facts.step,
    opened_on: facts.openedOn,
    first_contact_on: facts.firstContactOn,
    identification: facts.identification,
    identified_on: facts.identifiedOn,
    minor: facts.minor,
    first_referral_on: firstReferral,
    vulnerabilities: facts.vulnerabilities,
    recorded_at: new Date(),
  };
  await db
    .insertInto('report_cases')
    .values({ case_id: caseId, ...row })
    .onConflict((oc) => oc.column('case_id').doUpdateSet(row))
    .execute();
  if (referrals.length)
    await db
      .insertInto('report_referrals')
      .values(
        referrals.map((r) => ({
          referral_id: r.id,
          case_id: caseId,
          // The receiving body is an organisation's name, trimmed and folded to one spelling of its case.
          receiving_body: r.receiving_body.trim().replace(/\s+/g, ' ').slice(0, 120),
          kind: r.kind.trim().toLowerCase().slice(0, 60),
          outcome: r.status,
          sent_on: day(r.sent_at),
          country: facts.country,
          region: c.region,
          organisation_id: c.organisation_id,
        })),
      )
      .execute();
  if (tasks.length)
    await db
      .insertInto('report_deadlines')
      .values(
        tasks.map((t) => ({
          case_id: caseId,
          rule_id: t.rule_id,
          due_on: text(t.due_on)!,
          done_on: t.done_at ? day(t.done_at) : null,
        })),
      )
      .execute();
}

/** Re-derives the facts of every case (`komek reports rebuild`, and after an upgrade that adds facts). */
export async function rebuildFacts(
  db: Kysely<Tables>,
  keys: AnswerKeys,
  progress?: (done: number, total: number) => void,
): Promise<number> {
  const ids = (await db.selectFrom('cases').select('id').orderBy('created_at').execute()).map((r) => r.id);
  let done = 0;
  for (const id of ids) {
    await db.transaction().execute((tx) => recordFacts(tx, keys, id));
    progress?.(++done, ids.length);
  }
  return ids.length;
}

/**
 * Records the facts of cases that have none (cases stored before facts existed, after the upgrade that added
 * them): run at start. Returns how many were recorded.
 */
export async function backfillFacts(db: Kysely<Tables>, keys: AnswerKeys): Promise<number> {
  const missing = await db
    .selectFrom('cases')
    .leftJoin('report_cases', 'report_cases.case_id', 'cases.id')
    .select('cases.id')
    .where('report_cases.case_id', 'is', null)
    .execute();
  for (const { id } of missing) await db.transaction().execute((tx) => recordFacts(tx, keys, id));
  return missing.length;
}
