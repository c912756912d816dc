import type { AnswerKeys } from './security/answerKeys.js';
import { readFileSync } from 'node:fs';
import { getAtPointer } from '@komek/core';
import type { Case } from './store/cases.js';
import { caseSubmissions, type Submission } from './store/submissions.js';
import { setCaseTasks } from './store/tasks.js';
import type { Db } from './store/types.js';

/** One deadline of the SOPs (schemas/deadlines.json). */
export interface DeadlineRule {
  id: string;
  country: 'kz' | 'kg' | 'tj';
  sop: string;
  sourceLines: string;
  title: string;
  after: { form: string; from?: string; when?: { pointer: string; equals: unknown } };
  due?: { days?: number; workingDays?: number };
  doneWhen?: { form: string; pointer?: string };
  every?: { months: number; latest: string };
}

export const deadlineRules: readonly DeadlineRule[] = (
  JSON.parse(readFileSync(new URL('../../../schemas/deadlines.json', import.meta.url), 'utf8')) as {
    deadlines: DeadlineRule[];
  }
).deadlines;

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function addWorkingDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  while (n > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const w = d.getUTCDay();
    if (w !== 0 && w !== 6) n--;
  }
  return d.toISOString().slice(0, 10);
}

function addMonths(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  const target = d.getUTCMonth() + n;
  d.setUTCMonth(target);
  if (d.getUTCMonth() !== ((target % 12) + 12) % 12) d.setUTCDate(0); // 31 Jan + 1 month → 28/29 Feb
  return d.toISOString().slice(0, 10);
}

/** Every value at a pointer whose segments may be `*` (each item of an array). */
function valuesAt(data: unknown, pointer: string): unknown[] {
  const segs = pointer.split('/').slice(1);
  let current: unknown[] = [data];
  for (const seg of segs) {
    const next: unknown[] = [];
    for (const v of current) {
      if (seg === '*') {
        if (Array.isArray(v)) next.push(...(v as unknown[]));
      } else {
        const x = getAtPointer(v, `/${seg}`);
        if (x !== undefined) next.push(x);
      }
    }
    current = next;
  }
  return current;
}

/** The tasks a case has now under the rules: due day and whether done. */
export function computeTasks(
  country: string,
  submissions: readonly Pick<Submission, 'formId' | 'data' | 'createdAt'>[],
  rules: readonly DeadlineRule[] = deadlineRules,
): { ruleId: string; dueOn: string; done: boolean }[] {
  const out: { ruleId: string; dueOn: string; done: boolean }[] = [];
  for (const rule of rules) {
    if (rule.country !== country) continue;
    const triggers = submissions.filter(
      (s) =>
        s.formId === rule.after.form &&
        (!rule.after.when || getAtPointer(s.data, rule.after.when.pointer) === rule.after.when.equals),
    );
    const trigger = triggers[triggers.length - 1];
    if (!trigger) continue;
    const fromValue = rule.after.from ? getAtPointer(trigger.data, rule.after.from) : undefined;
    const start = isDate(fromValue) ? fromValue : trigger.createdAt.slice(0, 10);
    if (rule.every) {
      const dates = valuesAt(trigger.data, rule.every.latest).filter(isDate).sort();
      out.push({ ruleId: rule.id, dueOn: addMonths(dates[dates.length - 1] ?? start, rule.every.months), done: false });
      continue;
    }
    const due =
      rule.due?.workingDays !== undefined
        ? addWorkingDays(start, rule.due.workingDays)
        : addDays(start, rule.due?.days ?? 0);
    const doneWhen = rule.doneWhen;
    const done = doneWhen
      ? submissions.some(
          (s) =>
            s.formId === doneWhen.form && (!doneWhen.pointer || getAtPointer(s.data, doneWhen.pointer) !== undefined),
        )
      : false;
    out.push({ ruleId: rule.id, dueOn: due, done });
  }
  return out;
}

/** Recomputes a case's tasks after a change of its submissions (inside the same transaction). */
export async function refreshTasks(tx: Db, keys: AnswerKeys, c: Case, changedForm: string): Promise<void> {
  const forms = new Set(
    deadlineRules
      .filter((r) => r.country === c.country)
      .flatMap((r) => [r.after.form, ...(r.doneWhen ? [r.doneWhen.form] : [])]),
  );
  if (!forms.has(changedForm)) return;
  const submissions = await caseSubmissions(tx, keys, c.id, [...forms]);
  await setCaseTasks(tx, c.id, computeTasks(c.country, submissions));
}
