import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Language } from '../languages.js';

/**
 * The term base: the key terms of the national SOPs with the approved term per language, where it comes from, and
 * the variants that must not be used. `komek i18n check` enforces it on every translated string; `komek i18n export
 * --format tbx` hands it to translators' tools.
 *
 * Matching allows for inflection by matching on stems. A pattern is words separated by spaces:
 * - `опек*` (ends in `*`) is a stem: it matches any word that begins with it (`опеки`, `опекой`, `опекун`…);
 * - `и` (no `*`) matches that word only;
 * - the words must appear in this order, with at most two other words between neighbours in a translation, so that
 *   "мигранта, находящегося в уязвимом положении" matches `мигрант* в уязвим* положени*`; English patterns match
 *   adjacent words only ("social and medical services" is not "social services").
 * Words are compared in lower case, with ё read as е and every Uzbek okina/apostrophe variant (ʻ ʼ ' ‘ ’ `) read as
 * ʻ; a word is a run of letters, digits, combining marks, okinas and inner hyphens ("ота-она" is one word).
 */
export interface TermBase {
  $meta: { title: string; description: string; version: string; [extra: string]: unknown };
  /** Sources cited by id from the language entries. */
  sources: Record<string, TermSource>;
  terms: Term[];
}

/** A law, an official glossary, the national SOP, or a project decision. */
export interface TermSource {
  /** Full name, as a translator would look it up. */
  title: string;
  /** `law`, `sop` (the guidelines' own text), `glossary`, or `project` (a decision of this project, not an authority). */
  kind: 'law' | 'sop' | 'glossary' | 'project';
  note?: string;
}

/** One concept: its English term, how to recognise it in English, and the approved term in each language. */
export interface Term {
  /** Stable id (kebab-case): also the TBX termEntry id. */
  id: string;
  /** What the term means in the SOPs: the definition translators choose by. */
  definition: string;
  en: TermEnglish;
  /** The approved term per translated language. */
  languages: Partial<Record<Language, TermLanguage>>;
}

export interface TermEnglish {
  /** The English term (TBX `<term>`). */
  term: string;
  /** Patterns of the English text that mean the string translates this term. */
  match: string[];
  /** `namespace:key` of English strings where a pattern matches but the concept is not this one, with why. */
  except?: Record<string, string>;
}

export interface TermLanguage {
  /** The approved term, in its dictionary form (TBX preferred term). */
  term: string;
  /** Patterns any one of which a translation of the English term must contain (the approved term, inflected). */
  match: string[];
  /** Id in `sources`. */
  source: string;
  /** Where in the source, or why this term (article, section, decision). */
  note?: string;
  /** Variants that must not be used where the English term is translated. */
  forbidden?: ForbiddenVariant[];
  /** `namespace:key` strings of this language exempt from the approved-term rule, with why. */
  except?: Record<string, string>;
}

export interface ForbiddenVariant {
  /** The variant as a translator would write it (TBX deprecated term). */
  term: string;
  /** Patterns of the variant. */
  match: string[];
  /** Why it is wrong. */
  why: string;
  /** Forbidden in every string of the language, not only where the English term is translated. */
  anywhere?: boolean;
}

/** `packages/i18n/termbase.json`, beside `locales/`. */
export const TERMBASE_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'termbase.json');

/** Reads the term base. Throws naming the file on unreadable JSON. */
export function readTermBase(path = TERMBASE_PATH): TermBase {
  if (!existsSync(path)) throw new Error(`${path}: the term base is missing`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as TermBase;
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`, { cause: e });
  }
}

const WORD = /[\p{L}\p{M}\p{N}ʻ]+(?:-[\p{L}\p{M}\p{N}ʻ]+)*/gu;

/** Lower case, ё → е, every okina/apostrophe variant → ʻ (U+02BB). */
export function normalizeForTerms(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[ʼ'‘’`]/g, 'ʻ');
}

/** The words of a text as the term matcher sees them. */
export function wordsOf(text: string): string[] {
  return normalizeForTerms(text).match(WORD) ?? [];
}

/** A pattern compiled: per word, the text and whether it is a stem. */
interface CompiledPattern {
  source: string;
  words: { text: string; stem: boolean }[];
  gap: number;
}

/** Why a pattern is malformed, or undefined. */
export function patternProblem(pattern: string): string | undefined {
  const parts = pattern.trim().split(/\s+/);
  if (pattern.trim() === '') return 'empty pattern';
  for (const p of parts) {
    const word = p.endsWith('*') ? p.slice(0, -1) : p;
    if (word === '') return `"${p}": a stem needs letters before *`;
    const words = wordsOf(word);
    if (words.length !== 1 || words[0] !== normalizeForTerms(word))
      return `"${p}": a pattern word is letters (and inner hyphens) only, optionally ending in *`;
  }
  return undefined;
}

function compile(pattern: string, gap: number): CompiledPattern {
  const words = pattern
    .trim()
    .split(/\s+/)
    .map((p) =>
      p.endsWith('*')
        ? { text: normalizeForTerms(p.slice(0, -1)), stem: true }
        : { text: normalizeForTerms(p), stem: false },
    );
  return { source: pattern, words, gap };
}

const wordMatches = (w: { text: string; stem: boolean }, word: string) =>
  w.stem ? word.startsWith(w.text) : word === w.text;

/** Whether the words contain the pattern: its words in order, at most `gap` others between neighbours. */
function containsPattern(words: readonly string[], p: CompiledPattern): boolean {
  const from = (k: number, start: number, end: number): boolean => {
    if (k === p.words.length) return true;
    for (let i = start; i < Math.min(end, words.length); i++) {
      if (wordMatches(p.words[k]!, words[i]!) && from(k + 1, i + 1, i + 2 + p.gap)) return true;
    }
    return false;
  };
  return from(0, 0, words.length);
}

/** Whether a text contains a pattern (see TermBase for the pattern syntax). */
export function matchesPattern(text: string, pattern: string, gap = 2): boolean {
  return containsPattern(wordsOf(text), compile(pattern, gap));
}

/** A violation of the term base by one string. */
export interface TermViolation {
  termId: string;
  kind: 'approved' | 'forbidden';
  message: string;
}

/** The term base compiled for checking many strings. */
export interface TermChecker {
  /** What is wrong with a translation of an English string (`namespace:key` for exceptions), if anything. */
  check: (lang: Language, namespace: string, key: string, text: string, english: string) => TermViolation[];
  /** Terms whose English patterns match a text. */
  termsIn: (english: string, namespace?: string, key?: string) => Term[];
}

/** Compiles a term base for `check`. Use `termBaseProblems` first: a malformed pattern here throws. */
export function termChecker(base: TermBase): TermChecker {
  const compiled = base.terms.map((term) => ({
    term,
    en: term.en.match.map((p) => compile(p, 0)),
    langs: Object.fromEntries(
      Object.entries(term.languages).map(([lang, t]) => [
        lang,
        {
          t: t,
          approved: t.match.map((p) => compile(p, 2)),
          forbidden: (t.forbidden ?? []).map((f) => ({ f, patterns: f.match.map((p) => compile(p, 2)) })),
        },
      ]),
    ),
  }));
  const inEnglish = (c: (typeof compiled)[number], words: string[], id: string | undefined) =>
    !(id && c.term.en.except?.[id]) && c.en.some((p) => containsPattern(words, p));

  return {
    termsIn(english, namespace, key) {
      const words = wordsOf(english);
      const id = namespace !== undefined && key !== undefined ? `${namespace}:${key}` : undefined;
      return compiled.filter((c) => inEnglish(c, words, id)).map((c) => c.term);
    },
    check(lang, namespace, key, text, english) {
      const id = `${namespace}:${key}`;
      const enWords = wordsOf(english);
      const words = wordsOf(text);
      const out: TermViolation[] = [];
      for (const c of compiled) {
        const l = c.langs[lang];
        if (!l) continue;
        const translates = inEnglish(c, enWords, id);
        for (const { f, patterns } of l.forbidden) {
          if ((translates || f.anywhere) && patterns.some((p) => containsPattern(words, p))) {
            out.push({
              termId: c.term.id,
              kind: 'forbidden',
              message: `forbidden "${f.term}" (${f.why}); the approved term for "${c.term.en.term}" is "${l.t.term}"`,
            });
          }
        }
        if (translates && !l.t.except?.[id] && !l.approved.some((p) => containsPattern(words, p))) {
          out.push({
            termId: c.term.id,
            kind: 'approved',
            message: `"${c.term.en.term}" must be translated "${l.t.term}" (${base.sources[l.t.source]?.title ?? l.t.source}), inflected as needed`,
          });
        }
      }
      return out;
    },
  };
}

/** Why a term base is malformed: unknown sources, bad patterns, duplicate ids, approved terms their own patterns miss. */
export function termBaseProblems(base: TermBase, languages: readonly Language[]): string[] {
  const problems: string[] = [];
  if (!base || !Array.isArray(base.terms) || typeof base.sources !== 'object')
    return ['the term base needs "sources" and "terms"'];
  const ids = new Set<string>();
  for (const term of base.terms) {
    const at = `term "${term.id}"`;
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(term.id ?? '')) problems.push(`${at}: id must be kebab-case`);
    if (ids.has(term.id)) problems.push(`${at}: id appears twice`);
    ids.add(term.id);
    if (!term.definition) problems.push(`${at}: no definition`);
    if (!term.en?.term || !term.en.match?.length) problems.push(`${at}: English needs a term and at least one pattern`);
    for (const p of term.en?.match ?? []) {
      const bad = patternProblem(p);
      if (bad) problems.push(`${at} en: ${bad}`);
    }
    for (const lang of languages) {
      const t = term.languages?.[lang];
      if (!t) {
        problems.push(`${at}: no ${lang} term`);
        continue;
      }
      if (!t.term || !t.match?.length) problems.push(`${at} ${lang}: needs a term and at least one pattern`);
      if (!base.sources[t.source]) problems.push(`${at} ${lang}: unknown source "${t.source}"`);
      for (const p of [...(t.match ?? []), ...(t.forbidden ?? []).flatMap((f) => f.match ?? [])]) {
        const bad = patternProblem(p);
        if (bad) problems.push(`${at} ${lang}: ${bad}`);
      }
      if (t.term && t.match?.length && !patternProblems(t.match) && !t.match.some((p) => matchesPattern(t.term, p))) {
        problems.push(`${at} ${lang}: the approved term "${t.term}" does not match its own patterns`);
      }
      for (const f of t.forbidden ?? []) {
        if (!f.term || !f.match?.length || !f.why)
          problems.push(`${at} ${lang}: a forbidden variant needs term, match and why`);
        else if (!patternProblems(f.match) && !f.match.some((p) => matchesPattern(f.term, p)))
          problems.push(`${at} ${lang}: forbidden "${f.term}" does not match its own patterns`);
        else if (!patternProblems(f.match) && t.term && f.match.some((p) => matchesPattern(t.term, p)))
          problems.push(`${at} ${lang}: forbidden "${f.term}" matches the approved term`);
      }
    }
  }
  return problems;
}

const patternProblems = (patterns: readonly string[]) => patterns.some((p) => patternProblem(p) !== undefined);

/**
 * For translators without a CAT tool: a function giving, for an English string, the term base's approved terms it
 * needs in `lang` (` — terms: guardianship and trusteeship authority → орган опеки и попечительства`), or ''. An
 * unreadable or malformed term base gives no hints (`komek i18n check` reports it).
 */
export function termHints(
  lang: Language,
  path = TERMBASE_PATH,
): (english: string, namespace: string, key: string) => string {
  let checker: TermChecker;
  try {
    const base = readTermBase(path);
    if (termBaseProblems(base, [lang]).length) return () => '';
    checker = termChecker(base);
  } catch {
    return () => '';
  }
  return (english, namespace, key) => {
    const hints = checker
      .termsIn(english, namespace, key)
      .filter((t) => t.languages[lang] && !t.languages[lang].except?.[`${namespace}:${key}`])
      .map((t) => `${t.en.term} → ${t.languages[lang]!.term}`);
    return hints.length ? ` — terms: ${hints.join('; ')}` : '';
  };
}
