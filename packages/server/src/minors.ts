import { readFileSync } from 'node:fs';
import { getAtPointer, type SummaryField } from '@komek/core';
import { catalog } from '@komek/forms';
import type { ChildProtectionStep, MinorFlag, MinorState } from './api.js';
import type { Submission } from './store/submissions.js';

/** schemas/minors.json: minor indicators, the step date, the SOP's child-protection steps. */
export interface MinorRules {
  adultAge: number;
  stepDate: string[];
  indicators: { form: string; pointer: string; means: 'minor' | 'minorOrUnable' }[];
  childProtection: ChildProtectionStep[];
}

export const minorRules: MinorRules = JSON.parse(
  readFileSync(new URL('../../../schemas/minors.json', import.meta.url), 'utf8'),
) as MinorRules;

type Stored = Pick<Submission, 'id' | 'formId' | 'data' | 'updatedAt' | 'createdAt'>;

/** Where a summary value came from. */
export interface SummarySource {
  submissionId: string;
  formId: string;
  pointer: string;
}

const summaryPlaces = new Map(catalog.map((c) => [c.id as string, c.summary ?? []]));

/** The forms that hold any summary field. */
export const summaryFormIds = catalog.filter((c) => c.summary?.length).map((c) => c.id as string);

/**
 * The case's summary (`x-komek.summary` fields of its forms): for each field, the value of the latest submission
 * that holds it — the same rule as prefill — and where it came from.
 */
export function caseSummary(submissions: readonly Stored[]): {
  values: Partial<Record<SummaryField, string>>;
  sources: Partial<Record<SummaryField, SummarySource>>;
} {
  const values: Partial<Record<SummaryField, string>> = {};
  const sources: Partial<Record<SummaryField, SummarySource>> = {};
  const latestFirst = [...submissions].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  for (const s of latestFirst) {
    for (const { field, pointer } of summaryPlaces.get(s.formId) ?? []) {
      if (values[field] !== undefined) continue;
      const v = getAtPointer(s.data, pointer);
      if (typeof v === 'string' && v.trim()) {
        values[field] = v.trim();
        sources[field] = { submissionId: s.id, formId: s.formId, pointer };
      }
    }
  }
  return { values, sources };
}

const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** Today's date (UTC), as the forms write dates. */
export const today = (): string => new Date().toISOString().slice(0, 10);

/** Full years between a date of birth and a day (both YYYY-MM-DD); undefined when either is not a date. */
export function ageOn(dateOfBirth: string | undefined, day: string): number | undefined {
  if (!isDay(dateOfBirth) || !isDay(day)) return undefined;
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The day of a step: the form's own date (`stepDate` pointers), else `fallback`. */
export function stepDay(data: unknown, fallback: string): string {
  for (const pointer of minorRules.stepDate) {
    const v = getAtPointer(data, pointer);
    if (isDay(v)) return v;
  }
  return fallback;
}

/**
 * The value each minor indicator of a form must have on a day, from the date of birth: a "minor" indicator is YES
 * under 18 and NO from 18; a "minor or unable to decide" indicator is YES under 18 and left to the person from 18.
 */
export function derivedIndicators(
  formId: string,
  dateOfBirth: string | undefined,
  day: string,
): { pointer: string; value: boolean; age: number }[] {
  const age = ageOn(dateOfBirth, day);
  if (age === undefined) return [];
  const minor = age < minorRules.adultAge;
  return minorRules.indicators
    .filter((i) => i.form === formId && (minor || i.means === 'minor'))
    .map((i) => ({ pointer: i.pointer, value: minor, age }));
}

/** The answers of a form that contradict the date of birth the case (with this form's own answers) records. */
export function indicatorConflicts(
  formId: string,
  data: Record<string, unknown>,
  others: readonly Stored[],
  on: string = today(),
): { pointer: string; expected: boolean; age: number; dateOfBirth: string; day: string }[] {
  const now = new Date().toISOString();
  const self: Stored = { id: '', formId, data, createdAt: now, updatedAt: '\uffff' };
  const dateOfBirth = caseSummary([...others, self]).values.dateOfBirth;
  if (!dateOfBirth) return [];
  const day = stepDay(data, on);
  return derivedIndicators(formId, dateOfBirth, day)
    .filter((d) => getAtPointer(data, d.pointer) !== d.value)
    .map((d) => ({ pointer: d.pointer, expected: d.value, age: d.age, dateOfBirth, day }));
}

export type { MinorFlag, MinorState } from './api.js';

/**
 * The case's minor state: date of birth, age today, minor or not, the SOP's child-protection steps, and the flags
 * (the latest submission of each form that no longer agrees with the date of birth).
 */
export function minorState(country: string, submissions: readonly Stored[], on: string = today()): MinorState {
  const { values, sources } = caseSummary(submissions);
  const dateOfBirth = values.dateOfBirth;
  const age = ageOn(dateOfBirth, on);
  const flags: MinorFlag[] = [];
  if (isDay(dateOfBirth)) {
    // A form filled again supersedes its earlier submissions: only the latest of each form is checked.
    const latest = new Map<string, Stored>();
    for (const s of submissions) {
      const seen = latest.get(s.formId);
      if (!seen || s.updatedAt > seen.updatedAt) latest.set(s.formId, s);
    }
    for (const s of latest.values()) {
      const day = stepDay(s.data, s.createdAt.slice(0, 10));
      for (const d of derivedIndicators(s.formId, dateOfBirth, day)) {
        const recorded = getAtPointer(s.data, d.pointer);
        if (recorded !== d.value)
          flags.push({
            kind: 'minor-indicator',
            submissionId: s.id,
            formId: s.formId,
            pointer: d.pointer,
            recorded: recorded ?? null,
            expected: d.value,
            ageAtStep: d.age,
          });
      }
      for (const { field, pointer } of summaryPlaces.get(s.formId) ?? []) {
        if (field !== 'dateOfBirth') continue;
        const recorded = getAtPointer(s.data, pointer);
        if (isDay(recorded) && recorded !== dateOfBirth)
          flags.push({
            kind: 'date-of-birth',
            submissionId: s.id,
            formId: s.formId,
            pointer,
            recorded,
            expected: dateOfBirth,
          });
      }
    }
  }
  const minor = age !== undefined && age < minorRules.adultAge;
  return {
    dateOfBirth: dateOfBirth ?? null,
    source: sources.dateOfBirth ?? null,
    age: age ?? null,
    minor,
    childProtection: minor ? minorRules.childProtection.filter((p) => p.country === country) : [],
    flags,
  };
}

/** Prefill of a form's minor indicators from the case's date of birth, with where each came from. */
export function minorPrefill(formId: string, submissions: readonly Stored[], on: string = today()) {
  const { values, sources } = caseSummary(submissions);
  const source = sources.dateOfBirth;
  if (!values.dateOfBirth || !source) return [];
  return derivedIndicators(formId, values.dateOfBirth, on).map((d) => ({
    fact: 'minor',
    pointer: d.pointer,
    value: d.value,
    age: d.age,
    derived: true as const,
    submissionId: source.submissionId,
    formId: source.formId,
    from: source.pointer,
  }));
}
