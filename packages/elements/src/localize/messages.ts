import { interpolate, type Translator, type ValidationIssue } from '@komek/core';

/**
 * The browser side of `@komek/i18n` without i18next: the same locale files, keys, fallbacks (language → English →
 * the schema's English), plural suffixes, contexts and validation messages, in a fraction of the bytes, so that
 * the whole renderer stays within its size budget. `messages.browser.test.ts` checks that every message comes out
 * exactly as `@komek/i18n` gives it.
 */

/** A language Komek speaks (as in `@komek/i18n`). */
export type Language = 'en' | 'ru' | 'kk' | 'ky' | 'tg' | 'uz';
const LANGUAGES: readonly string[] = ['en', 'ru', 'kk', 'ky', 'tg', 'uz'];

/** Whether a string is one of the language codes. */
export const isLanguage = (x: string): x is Language => LANGUAGES.includes(x);

/** Messages of one language and namespace: key → text. */
export type Messages = Record<string, string>;

/** Reads the messages of a language and namespace; undefined when there is no such file (not translated yet). */
export type MessageLoader = (lang: Language, namespace: string) => Promise<Messages | undefined>;

type LocaleFile = Record<string, { text?: unknown } | string | unknown>;

/** Key → text of a locale file (entries `{ text }`, or plain strings once the build has stripped the metadata). */
function toMessages(file: LocaleFile): Messages {
  const out: Messages = {};
  for (const [key, entry] of Object.entries(file)) {
    if (key === '$meta') continue;
    const text = typeof entry === 'string' ? entry : (entry as { text?: unknown } | null)?.text;
    if (typeof text === 'string' && text !== '') out[key] = text;
  }
  return out;
}

/** Set to true by the standalone build (`dist/komek.js`), whose locale files are JSON next to it. */
declare const __KOMEK_STANDALONE__: boolean | undefined;
const standalone = typeof __KOMEK_STANDALONE__ !== 'undefined' && __KOMEK_STANDALONE__;

/**
 * Locale files of `@komek/i18n` through the bundler (tests, hosts that build from source): one lazily loaded chunk
 * per language and namespace. Of the English files only `ui.json` is needed (see `loadMessages`); the pattern
 * drops the others, none of which starts with `u`.
 */
const bundledLoader: MessageLoader = async (lang, ns) => {
  const files = import.meta.glob<LocaleFile>(['../../../i18n/locales/*/*.json', '!../../../i18n/locales/en/[!u]*.json'], {
    import: 'default',
  });
  const load = files[`../../../i18n/locales/${lang}/${ns}.json`];
  return load ? toMessages(await load()) : undefined;
};

/** Locale files of the standalone build: `locales/<lang>/<namespace>.json` beside `komek.js`, texts only. */
const fetchedLoader: MessageLoader = async (lang, ns) => {
  // A variable, not a template in `new URL(…)`: the bundler would take that for an asset to resolve at build time.
  const path = `./locales/${lang}/${encodeURIComponent(ns)}.json`;
  const response = await fetch(new URL(path, import.meta.url));
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`Messages ${lang}/${ns}: HTTP ${response.status}`);
  return toMessages((await response.json()) as LocaleFile);
};

const defaultLoader = standalone ? fetchedLoader : bundledLoader;
let loader: MessageLoader = defaultLoader;
const store = new Map<string, Messages>();
const loads = new Map<string, Promise<void>>();

/** Replaces how messages are read (e.g. fetched from a CDN); undefined restores the bundled files. */
export function setMessageLoader(custom: MessageLoader | undefined): void {
  loader = custom ?? defaultLoader;
}

/** Adds (replaces) the messages of a language and namespace. */
export function addMessages(lang: Language, ns: string, messages: Messages | LocaleFile): void {
  store.set(`${lang}/${ns}`, toMessages(messages));
  loads.set(`${lang}/${ns}`, Promise.resolve());
}

function loadOne(lang: Language, ns: string): Promise<void> {
  const id = `${lang}/${ns}`;
  let p = loads.get(id);
  if (!p) {
    p = loader(lang, ns).then((m) => {
      if (m) store.set(id, m);
    });
    p.catch(() => loads.delete(id));
    loads.set(id, p);
  }
  return p;
}

/**
 * Loads the messages of these namespaces (and `ui`) in a language: one file each, nothing else. English form
 * namespaces are not fetched: they are generated from the schemas, whose English every lookup already has as its
 * last fallback. Nor is English `ui` for another language: `@komek/i18n` checks that every language's `ui.json` is
 * complete, and each interface string has its English beside it in the code.
 */
export async function loadMessages(lang: Language, namespaces: readonly string[]): Promise<void> {
  const wanted = lang === 'en' ? ['ui'] : [...new Set(['ui', ...namespaces])];
  await Promise.all(wanted.map((ns) => loadOne(lang, ns)));
}

const rules = new Map<Language, (n: number) => string>();

/** The CLDR plural category; Tajik (absent from engines' data) uses `one: n = 1`, as `@komek/i18n` does. */
function plural(lang: Language, n: number): string {
  let rule = rules.get(lang);
  if (!rule) {
    const intl = Intl.PluralRules.supportedLocalesOf([lang]).length > 0 ? new Intl.PluralRules(lang) : undefined;
    rule = intl ? (x) => intl.select(x) : (x) => (x === 1 ? 'one' : 'other');
    rules.set(lang, rule);
  }
  return rule(n);
}

/** A message in exactly one language (plural form by `params.count`, context), or undefined. */
export function lookup(lang: Language, fullKey: string, params?: Record<string, unknown>, context?: string): string | undefined {
  const i = fullKey.indexOf(':');
  const messages = store.get(`${lang}/${i < 0 ? 'ui' : fullKey.slice(0, i)}`);
  if (!messages) return undefined;
  const key = fullKey.slice(i + 1);
  const count = typeof params?.count === 'number' ? params.count : undefined;
  const suffix = count === undefined ? undefined : `_${plural(lang, count)}`;
  const candidates: string[] = [];
  if (context !== undefined) {
    if (suffix) candidates.push(`${key}_${context}${suffix}`);
    candidates.push(`${key}_${context}`);
  }
  if (suffix) candidates.push(key + suffix);
  candidates.push(key);
  for (const c of candidates) {
    const text = messages[c];
    if (text !== undefined) return interpolate(text, params);
  }
  return undefined;
}

/** A translator over the loaded messages: the language's message, else English, else the caller's fallback. */
export function createTranslator(lang: Language): Translator {
  return (key, fallback, params) =>
    lookup(lang, key, params) ?? (lang !== 'en' ? lookup('en', key, params) : undefined) ?? (fallback === undefined ? undefined : interpolate(fallback, params));
}

const numberSymbols: Record<Language, [group: string, decimal: string]> = {
  en: [',', '.'], ru: ['\u00a0', ','], kk: ['\u00a0', ','], ky: ['\u00a0', ','], tg: ['\u00a0', ','], uz: ['\u00a0', ','],
};

/** A number grouped and with the decimal mark of the language (as `formatNumber` of `@komek/i18n`). */
export function formatNumber(n: number, lang: Language): string {
  const [group, decimal] = numberSymbols[lang];
  return new Intl.NumberFormat('en', { maximumFractionDigits: 3 })
    .formatToParts(n)
    .map((p) => (p.type === 'group' ? group : p.type === 'decimal' ? decimal : p.value))
    .join('');
}

const COUNTED = new Set(['minLength', 'maxLength', 'minItems', 'maxItems']);

function localizedList(lang: Language, prefix: string, value: unknown): string {
  return (Array.isArray(value) ? value : String(value ?? '').split(','))
    .map((v) => String(v).trim())
    .filter(Boolean)
    .map((v) => lookup(lang, `ui:${prefix}.${v}`) ?? lookup('en', `ui:${prefix}.${v}`) ?? v)
    .join(' / ');
}

function paramsOf(issue: ValidationIssue, lang: Language, label: string): Record<string, unknown> {
  const p = issue.params;
  const params: Record<string, unknown> = { label };
  if (typeof p.limit === 'number') {
    params.limit = formatNumber(p.limit, lang);
    if (COUNTED.has(issue.keyword)) params.count = p.limit;
  }
  if (p.type !== undefined) params.type = localizedList(lang, 'type', p.type);
  if (typeof p.format === 'string') params.format = localizedList(lang, 'format', p.format);
  // Validators count items from 0; people count rows from 1.
  if (typeof p.i === 'number') params.i = formatNumber(p.i + 1, lang);
  if (typeof p.j === 'number') params.j = formatNumber(p.j + 1, lang);
  return params;
}

/**
 * The localized message of a validation issue with the field's label filled in, as `validationMessage` of
 * `@komek/i18n`: the issue's keys most specific first, in the language, then in English, then the validator's text.
 */
export function validationMessage(issue: ValidationIssue, lang: Language, label: string): string {
  const keys: { key: string; context?: string }[] = [];
  for (const key of issue.messageKeys) {
    if (key.startsWith('ui:') && issue.keyword === 'minLength' && issue.params.limit === 1) keys.push({ key: 'ui:error.empty' });
    if (typeof issue.params.format === 'string') keys.push({ key, context: issue.params.format });
    keys.push({ key });
  }
  keys.push({ key: 'ui:error.invalid' });
  for (const l of lang === 'en' ? (['en'] as const) : [lang, 'en' as const]) {
    const params = paramsOf(issue, l, label);
    for (const { key, context } of keys) {
      const text = lookup(l, key, params, context);
      if (text !== undefined) return text;
    }
  }
  return `${label}: ${issue.message}`;
}
