import { sql } from 'kysely';
import type { Db } from './types.js';

/** A deadline of a case, from a rule of the SOPs (see deadlines.ts). */
export interface TaskRow {
  caseId: string;
  ruleId: string;
  dueOn: string;
  doneAt: string | null;
}

const toTask = (r: { case_id: string; rule_id: string; due_on: string; done_at: Date | null }): TaskRow => ({
  caseId: r.case_id,
  ruleId: r.rule_id,
  dueOn: typeof r.due_on === 'string' ? r.due_on : new Date(r.due_on).toISOString().slice(0, 10),
  doneAt: r.done_at ? r.done_at.toISOString() : null,
});

/** Replaces a case's tasks with those computed now (done ones keep their date). */
export async function setCaseTasks(
  db: Db,
  caseId: string,
  tasks: readonly { ruleId: string; dueOn: string; done: boolean }[],
): Promise<void> {
  await db
    .deleteFrom('tasks')
    .where('case_id', '=', caseId)
    .where('rule_id', 'not in', tasks.length ? tasks.map((t) => t.ruleId) : [''])
    .execute();
  for (const t of tasks) {
    await db
      .insertInto('tasks')
      .values({ case_id: caseId, rule_id: t.ruleId, due_on: t.dueOn, done_at: t.done ? new Date() : null })
      .onConflict((oc) =>
        oc
          .columns(['case_id', 'rule_id'])
          .doUpdateSet({ due_on: t.dueOn, done_at: t.done ? sql`coalesce(tasks.done_at, now())` : null }),
      )
      .execute();
  }
}

export async function caseTasks(db: Db, caseId: string): Promise<TaskRow[]> {
  const rows = await db.selectFrom('tasks').selectAll().where('case_id', '=', caseId).orderBy('due_on').execute();
  return rows.map(toTask);
}

/** Open tasks of an organisation due by a day (inclusive), oldest first. */
export async function dueTasks(
  db: Db,
  organisationId: string,
  o: { before?: string; from?: string; limit: number },
): Promise<TaskRow[]> {
  let q = db
    .selectFrom('tasks')
    .innerJoin('cases', 'cases.id', 'tasks.case_id')
    .select(['tasks.case_id', 'tasks.rule_id', 'tasks.due_on', 'tasks.done_at'])
    .where('cases.organisation_id', '=', organisationId)
    .where('tasks.done_at', 'is', null)
    .where('cases.status', '=', 'open');
  if (o.before) q = q.where('tasks.due_on', '<', o.before);
  if (o.from) q = q.where('tasks.due_on', '>=', o.from);
  const rows = await q.orderBy('tasks.due_on').orderBy('tasks.case_id').limit(o.limit).execute();
  return rows.map(toTask);
}
