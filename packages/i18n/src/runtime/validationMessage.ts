import type { ValidationIssue } from '@komek/core';
import type { Language } from '../languages.js';
import { formatNumber } from './format.js';
import type { MessageLookup } from './messages.js';

/** Keywords whose `limit` is a count of things (characters, entries): their messages have plural forms. */
const COUNTED = new Set(['minLength', 'maxLength', 'minItems', 'maxItems']);

function localizedList(lookup: MessageLookup, lang: Language, prefix: string, value: unknown): string {
  // ajv gives a list, or several names in one string separated by commas (`type: 'string,null'`).
  const items: unknown[] = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value.split(',')
      : value == null
        ? []
        : [value];
  return items
    .map((v) => String(v).trim())
    .filter(Boolean)
    .map((v) => lookup(lang, `ui:${prefix}.${v}`) ?? lookup('en', `ui:${prefix}.${v}`) ?? v)
    .join(' / ');
}

/** The interpolation values of an issue in a language: the label, numbers formatted, type and format names localized. */
function paramsOf(
  lookup: MessageLookup,
  issue: ValidationIssue,
  lang: Language,
  label: string,
): Record<string, unknown> {
  const p = issue.params;
  const params: Record<string, unknown> = { label };
  if (typeof p.limit === 'number') {
    params.limit = formatNumber(p.limit, lang);
    if (COUNTED.has(issue.keyword)) params.count = p.limit;
  }
  if (p.type !== undefined) params.type = localizedList(lookup, lang, 'type', p.type);
  if (typeof p.format === 'string') params.format = localizedList(lookup, lang, 'format', p.format);
  // Validators count items from 0; people count rows from 1.
  if (typeof p.i === 'number') params.i = formatNumber(p.i + 1, lang);
  if (typeof p.j === 'number') params.j = formatNumber(p.j + 1, lang);
  // A string that is not text (`text`): the code of the character, as U+0007.
  if (typeof p.character === 'string') params.character = p.character;
  // A date order (`dateOrder`): the label of the date this one may not precede.
  if (typeof p.earlierLabelKey === 'string')
    params.earlier =
      lookup(lang, p.earlierLabelKey) ??
      lookup('en', p.earlierLabelKey) ??
      (typeof p.earlierEnglishLabel === 'string' ? p.earlierEnglishLabel : p.earlier);
  return params;
}

/** Message keys to try, most specific first: the issue's own keys, refined where a keyword has variants. */
function candidateKeys(issue: ValidationIssue): { key: string; context?: string }[] {
  const out: { key: string; context?: string }[] = [];
  for (const key of issue.messageKeys) {
    const generic = key.startsWith('ui:');
    if (generic && issue.keyword === 'minLength' && issue.params.limit === 1) out.push({ key: 'ui:error.empty' });
    if (typeof issue.params.format === 'string') out.push({ key, context: issue.params.format });
    out.push({ key });
  }
  out.push({ key: 'ui:error.invalid' });
  return out;
}

/**
 * The localized message of a ValidationIssue (from `mapErrors` of @komek/core) with the field's label filled in,
 * numbers formatted and the plural form of the language. Tries every candidate key in the language before any in
 * English; the validator's own English message is the last resort.
 */
export function validationMessageFrom(
  lookup: MessageLookup,
  issue: ValidationIssue,
  lang: Language,
  label: string,
): string {
  const keys = candidateKeys(issue);
  for (const l of lang === 'en' ? (['en'] as const) : ([lang, 'en'] as const)) {
    const params = paramsOf(lookup, issue, l, label);
    for (const { key, context } of keys) {
      const text = lookup(l, key, params, context);
      if (text !== undefined) return text;
    }
  }
  return `${label}: ${issue.message}`;
}
