/**
 * Search by the case summary fields without readable names in the database: a blind index. Each word of a summary
 * value is folded as staff type it (below), and each prefix of two characters or more becomes a term: HMAC-SHA-256
 * under the organisation's search key, cut to 16 bytes. The database holds only these terms; a search computes the
 * terms of what was typed and looks them up. The search key is kept beside the key-encryption keys, never in the
 * database (`<data>/keys/search.key`, or `KOMEK_SEARCH_KEY`), and each organisation's terms are made under a key
 * derived from it and the organisation's id, so equal names in two organisations give different terms.
 */
import { createHmac } from 'node:crypto';
import type { SummaryField } from '@komek/core';
import { secretKey } from './keyFile.js';

/** The shortest prefix indexed and searched; the longest prefix indexed (a longer word is also indexed whole). */
export const MIN_PREFIX = 2;
const MAX_PREFIX = 24;
const TERM_BYTES = 16;

/** Apostrophe-like characters staff type for the Uzbek ʻ (oʻ, gʻ) and in names: all read as U+02BB. */
const APOSTROPHES = /[\u02BB\u02BC\u02B9\u2018\u2019\u0060\u00B4']/g;

/**
 * Folds text as a search compares it: lower case; ё as е; Latin letters without diacritics (é → e, ş → s); every
 * apostrophe as ʻ. Cyrillic letters keep their marks: the letters of Kazakh, Kyrgyz, Tajik and Uzbek Cyrillic
 * (ә ғ қ ң ө ұ ү һ і ӣ ӯ ҳ ҷ ў) stay themselves.
 */
export function fold(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(APOSTROPHES, 'ʻ')
    .replace(/[\u00C0-\u024F\u1E00-\u1EFF]/g, (ch) => ch.normalize('NFD').replace(/\p{M}/gu, ''));
}

/** The Russian alphabet in Latin letters, so a name typed in either script finds the other (Иванов ~ Ivanov). */
const LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sh',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
}; // prettier-ignore

/**
 * The form a word is indexed and searched in: folded, then the letters of the Russian alphabet written in Latin
 * letters, and the spellings staff use for the same sound made one: dzh/zh/j → j, kh/x/h → h, y/i → i (Aigerim =
 * Aygerim = Айгерим, Khasanov = Xasanov = Хасанов, Jasur = Zhasur = Жасур). The letters proper to Kazakh, Kyrgyz
 * and Tajik are left as they are, so қ matches only қ, never к or q.
 */
export function searchForm(word: string): string {
  return [...fold(word)]
    .map((ch) => LATIN[ch] ?? ch)
    .join('')
    .replace(/d?zh/g, 'j')
    .replace(/kh|x/g, 'h')
    .replace(/y/g, 'i');
}

/** The words of a text, in search form. */
export function words(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}ʻ]+/u)
    .map((w) => w.replace(/^ʻ+|ʻ+$/g, ''))
    .filter(Boolean)
    .map(searchForm);
}

/** A date as staff type it (2009-03-14, 14.03.2009, 14/03/2009) in ISO form, or undefined. */
export function typedDate(text: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return text;
  const dmy = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(text);
  if (!dmy) return undefined;
  return `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
}

/** The plain search keys of a case's summary (before HMAC): word prefixes, a date of birth whole and its year. */
export function summaryKeys(summary: Partial<Record<SummaryField, string>>): Set<string> {
  const keys = new Set<string>();
  for (const [field, value] of Object.entries(summary)) {
    if (typeof value !== 'string' || !value) continue;
    if (field === 'dateOfBirth') {
      const day = typedDate(value.trim());
      if (day) {
        keys.add(`date:${day}`);
        keys.add(day.slice(0, 4));
      }
      continue;
    }
    for (const w of words(value)) {
      const chars = [...w];
      for (let n = MIN_PREFIX; n <= Math.min(chars.length, MAX_PREFIX); n++) keys.add(chars.slice(0, n).join(''));
      if (chars.length > MAX_PREFIX) keys.add(w);
    }
  }
  return keys;
}

/** The plain search keys of what was typed: each word must match (a prefix of a word, a date, a year). */
export function queryKeys(query: string): string[] {
  const out = new Set<string>();
  for (const part of query.trim().split(/\s+/).filter(Boolean)) {
    const day = typedDate(part);
    if (day) {
      out.add(`date:${day}`);
      continue;
    }
    for (const w of words(part)) {
      const chars = [...w];
      if (chars.length < MIN_PREFIX) continue;
      out.add(chars.length > MAX_PREFIX ? w : chars.slice(0, MAX_PREFIX).join(''));
    }
  }
  return [...out];
}

/** The blind index of one organisation: plain keys → 16-byte terms. */
export class SearchIndex {
  constructor(private readonly key: Buffer) {}

  private organisationKey(organisationId: string): Buffer {
    return createHmac('sha256', this.key).update(`komek-search:${organisationId}`).digest();
  }

  terms(organisationId: string, keys: Iterable<string>): Buffer[] {
    const k = this.organisationKey(organisationId);
    return [...keys].map((key) => createHmac('sha256', k).update(key).digest().subarray(0, TERM_BYTES));
  }
}

/** The search key: `KOMEK_SEARCH_KEY` (base64, 32 bytes or more), else `<data>/keys/search.key` (0600), made on first start. */
export function searchKey(dataDir: string, options: { env?: NodeJS.ProcessEnv; create?: boolean } = {}): Buffer {
  return secretKey(dataDir, 'search.key', 'KOMEK_SEARCH_KEY', options);
}
