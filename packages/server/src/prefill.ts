import { readFileSync } from 'node:fs';
import { getAtPointer, setAtPointer } from '@komek/core';
import type { Submission } from './store/submissions.js';

/** One fact and the places forms write it (schemas/prefill.json). */
export interface PrefillFact {
  id: string;
  title: string;
  items?: string[];
  places: { form: string; pointer: string }[];
}

export const prefillFacts: readonly PrefillFact[] = (
  JSON.parse(readFileSync(new URL('../../../schemas/prefill.json', import.meta.url), 'utf8')) as {
    facts: PrefillFact[];
  }
).facts;

const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * What a case's earlier forms already know for a form: its data with each known fact in place, and where each
 * came from. The latest submission holding a fact wins.
 */
export function prefill(
  formId: string,
  submissions: readonly Pick<Submission, 'id' | 'formId' | 'data' | 'updatedAt'>[],
  facts: readonly PrefillFact[] = prefillFacts,
) {
  let data: unknown = {};
  const sources: { fact: string; pointer: string; submissionId: string; formId: string; from: string }[] = [];
  const latestFirst = [...submissions].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  for (const fact of facts) {
    const targets = fact.places.filter((p) => p.form === formId);
    if (!targets.length) continue;
    let found: { value: unknown; s: (typeof latestFirst)[number]; pointer: string } | undefined;
    for (const s of latestFirst) {
      for (const place of fact.places) {
        if (place.form !== s.formId) continue;
        const value = getAtPointer(s.data, place.pointer);
        if (!empty(value)) {
          found = { value, s, pointer: place.pointer };
          break;
        }
      }
      if (found) break;
    }
    if (!found) continue;
    const items = fact.items;
    const value =
      items && Array.isArray(found.value)
        ? (found.value as Record<string, unknown>[]).map((row) =>
            Object.fromEntries(items.filter((k) => row[k] !== undefined).map((k) => [k, row[k]])),
          )
        : found.value;
    for (const target of targets) {
      data = setAtPointer(data, target.pointer, structuredClone(value));
      sources.push({
        fact: fact.id,
        pointer: target.pointer,
        submissionId: found.s.id,
        formId: found.s.formId,
        from: found.pointer,
      });
    }
  }
  return { formId, data, sources };
}
