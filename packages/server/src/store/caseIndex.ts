import type { Kysely } from 'kysely';
import type { SummaryField } from '@komek/core';
import type { Tables } from '../db/tables.js';
import type { AnswerKeys } from '../security/answerKeys.js';
import { queryKeys, summaryKeys, type SearchIndex } from '../security/blindIndex.js';
import { caseSummary, summaryFormIds } from '../minors.js';
import { caseSubmissions } from './submissions.js';
import type { Db } from './types.js';

/** Where a case's summary is sealed (bound to the case: a copied row does not open). */
const place = (caseId: string) => `case-summary:${caseId}`;

export type Summary = Partial<Record<SummaryField, string>>;

/**
 * Recomputes a case's summary from its forms, seals it on the case row, and replaces the case's blind search terms.
 * Called in the transaction that stores or revises a form, so the list and search never lag behind the forms.
 */
export async function refreshCaseIndex(
  tx: Db,
  keys: AnswerKeys,
  search: SearchIndex,
  c: { id: string; organisationId: string },
): Promise<Summary> {
  const { values } = caseSummary(await caseSubmissions(tx, keys, c.id, summaryFormIds));
  const sealed = keys.seal(values, place(c.id));
  await tx
    .updateTable('cases')
    .set({ summary: sealed.answers, summary_key_id: sealed.keyId })
    .where('id', '=', c.id)
    .execute();
  await tx.deleteFrom('case_search_terms').where('case_id', '=', c.id).execute();
  const terms = search.terms(c.organisationId, summaryKeys(values));
  if (terms.length)
    await tx
      .insertInto('case_search_terms')
      .values(terms.map((term) => ({ case_id: c.id, organisation_id: c.organisationId, term })))
      .execute();
  return values;
}

/** Opens a case row's sealed summary ({} when it has none yet). */
export async function openSummary(
  db: Db,
  keys: AnswerKeys,
  row: { id: string; summary: Uint8Array | null; summary_key_id: string | null },
): Promise<Summary> {
  if (!row.summary || !row.summary_key_id) return {};
  return await keys.open(db, row.summary, row.summary_key_id, place(row.id));
}

/**
 * The terms a search must all find in a case (one per typed word), or undefined when nothing searchable was typed
 * (every word shorter than two characters).
 */
export function searchTerms(search: SearchIndex, organisationId: string, query: string): Buffer[] | undefined {
  const keys = queryKeys(query);
  return keys.length ? search.terms(organisationId, keys) : undefined;
}

/**
 * Indexes the cases that have forms but no summary yet (cases stored before summaries existed). Run at start;
 * each case in its own transaction.
 */
export async function indexUnsummarisedCases(
  db: Kysely<Tables>,
  keys: AnswerKeys,
  search: SearchIndex,
): Promise<number> {
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'organisation_id'])
    .where('summary', 'is', null)
    .where((eb) =>
      eb.exists(eb.selectFrom('submissions').select('id').whereRef('submissions.case_id', '=', 'cases.id')),
    )
    .execute();
  for (const r of rows)
    await db
      .transaction()
      .execute((tx) => refreshCaseIndex(tx, keys, search, { id: r.id, organisationId: r.organisation_id }));
  return rows.length;
}

/**
 * Re-derives every case's summary and blind search terms, each case in its own transaction (`komek search
 * reindex`): after the search key was replaced (the terms made under the old key no longer match anything) or the
 * summary fields of the schemas changed. Returns how many cases it indexed.
 */
export async function reindexCases(db: Kysely<Tables>, keys: AnswerKeys, search: SearchIndex): Promise<number> {
  const rows = await db.selectFrom('cases').select(['id', 'organisation_id']).orderBy('id').execute();
  for (const r of rows)
    await db
      .transaction()
      .execute((tx) => refreshCaseIndex(tx, keys, search, { id: r.id, organisationId: r.organisation_id }));
  return rows.length;
}
