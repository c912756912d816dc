import type { FormModel, Translator } from '@komek/core';
import {
  Loads,
  lookupIn,
  MessagesLoadError,
  messagesOf,
  translatorFrom,
  type Language,
  type Messages,
} from '@komek/i18n/runtime';
import { beside } from '../files.js';

/**
 * The element's front door to the messages of `@komek/i18n`: the same locale files, read without i18next so that
 * the whole renderer stays within its size budget. Lookup, fallbacks (language → English → the model's English, which
 * a form built from a host's own schema has),
 * plural forms and validation messages are `@komek/i18n/runtime`, the code `@komek/i18n` itself runs over i18next;
 * only loading is the element's own. `messages.browser.test.ts` checks that both give every message alike.
 */

export { formatDate, formatNumber, isLanguage } from '@komek/i18n/runtime';
export type { Language, Messages } from '@komek/i18n/runtime';

/** Reads the messages of a language and namespace; undefined when there is no such file (not translated yet). */
export type MessageLoader = (lang: Language, namespace: string) => Promise<Messages | undefined>;

/** A locale file as stored (entries `{ text, … }`) or as the build serves it (plain strings). */
type LocaleFile = Record<string, unknown>;

/** Set to true by the standalone build (`dist/komek.js`), whose locale files are JSON next to it. */
declare const __KOMEK_STANDALONE__: boolean | undefined;
const standalone = typeof __KOMEK_STANDALONE__ !== 'undefined' && __KOMEK_STANDALONE__;

/**
 * Locale files of `@komek/i18n` through the bundler (tests, hosts that build from source): one lazily loaded chunk
 * per language and namespace, listed per language in a small chunk of its own (`bundled/<lang>.ts`), so that the
 * entry carries six entries rather than one per file of every language.
 */
const bundledLanguages: Record<Language, () => Promise<{ default: Record<string, () => Promise<LocaleFile>> }>> = {
  en: () => import('./bundled/en.js'),
  ru: () => import('./bundled/ru.js'),
  kk: () => import('./bundled/kk.js'),
  ky: () => import('./bundled/ky.js'),
  tg: () => import('./bundled/tg.js'),
  uz: () => import('./bundled/uz.js'),
};

const bundledLoader: MessageLoader = async (lang, ns) => {
  // `ui` comes with the language's forms where the build has them (formMessages in vite.config.ts): then the list of
  // the language's namespaces is not fetched for it.
  const ui = ns === 'ui' ? await bundledFormTexts(lang, '#ui').catch(() => undefined) : undefined;
  if (isFormTexts(ui) && ui.ui) return messagesOf(ui.ui);
  const files = (await bundledLanguages[lang]?.())?.default;
  const load = files?.[`../../../../i18n/locales/${lang}/${ns}.json`];
  return load ? messagesOf(await load()) : undefined;
};

/** Locale files of the standalone build: `locales/<lang>/<namespace>.json` beside `komek.js`, texts only. */
/** A JSON file `locales/<lang>/<name>.json` beside `komek.js`; undefined when there is none. */
const fetchBeside = async (lang: Language, name: string): Promise<LocaleFile | undefined> => {
  // A variable, not a template in `new URL(…)`: the bundler would take that for an asset to resolve at build time.
  const path = `./locales/${lang}/${name}.json`;
  const response = await fetch(beside(path));
  if (response.status === 404) return undefined;
  if (!response.ok) throw new MessagesLoadError(lang, name, `HTTP ${response.status} for ${path} beside komek.js`);
  return (await response.json()) as LocaleFile;
};

const fetchedLoader: MessageLoader = async (lang, ns) => {
  const file = await fetchBeside(lang, encodeURIComponent(ns));
  return file && messagesOf(file);
};

const defaultLoader = standalone ? fetchedLoader : bundledLoader;
let loader: MessageLoader = defaultLoader;
const store = new Map<string, Messages>();
const loads = new Loads();

/** Replaces how messages are read (e.g. fetched from a CDN); undefined restores the bundled files. */
export function setMessageLoader(custom: MessageLoader | undefined): void {
  loader = custom ?? defaultLoader;
}

/** Adds (replaces) the messages of a language and namespace. */
export function addMessages(lang: Language, ns: string, messages: Messages | LocaleFile): void {
  store.set(`${lang}/${ns}`, messagesOf(messages));
  loads.done(lang, ns);
}

function loadOne(lang: Language, ns: string): Promise<void> {
  return loads.once(lang, ns, async () => {
    const messages = await loader(lang, ns);
    if (messages) store.set(`${lang}/${ns}`, messages);
  });
}

/**
 * Loads the messages of these namespaces (and `ui`) in a language: one file each and, for a form namespace the
 * language has no file of (not translated yet), the English one, which its texts fall back to (a catalog model
 * carries no English of its own). English `ui` is not fetched for another language: `@komek/i18n` checks that every
 * language's `ui.json` is complete, and each interface string has its English beside it in the code.
 */
export async function loadMessages(lang: Language, namespaces: readonly string[]): Promise<void> {
  const wanted = [...new Set(['ui', ...namespaces])];
  await Promise.all(wanted.map((ns) => loadOne(lang, ns)));
  if (lang === 'en') return;
  const missing = wanted.filter((ns) => ns !== 'ui' && !store.has(`${lang}/${ns}`));
  await Promise.all(missing.map((ns) => loadOne('en', ns)));
}

/** A form's messages in one language, by namespace (see `loadFormMessages`). */
type FormTexts = Record<string, Record<string, unknown>>;

/** Texts by namespace (`#ui`: `{ ui }`), as the elements' build writes them (undefined where it wrote none). */
const isFormTexts = (v: unknown): v is FormTexts => typeof v === 'object' && v !== null;

/** Each language's list of its forms' message chunks (`bundled/forms-<lang>.ts`). */
const bundledFormLanguages: Partial<
  Record<Language, () => Promise<{ default: Record<string, () => Promise<unknown>> }>>
> = {
  en: () => import('./bundled/forms-en.js'),
  ru: () => import('./bundled/forms-ru.js'),
  kk: () => import('./bundled/forms-kk.js'),
  ky: () => import('./bundled/forms-ky.js'),
  tg: () => import('./bundled/forms-tg.js'),
  uz: () => import('./bundled/forms-uz.js'),
};

/** A form's texts; `null` when the build has no file of the form (a result, not a failure to retry). */
const bundledFormTexts = async (lang: Language, formId: string): Promise<unknown> => {
  const load = (await bundledFormLanguages[lang]?.())?.default[formId];
  return load ? ((await load()) as { default?: unknown } | undefined)?.default : null;
};

/** A form's texts; `null` when there is no file of the form beside komek.js (a result, not a failure to retry). */
const fetchedFormTexts = async (lang: Language, formId: string): Promise<unknown> =>
  (await fetchBeside(lang, `forms/${encodeURIComponent(formId)}`)) ?? null;

/**
 * Loads the messages a catalog form shows in a language, English too (a catalog model carries no English): `ui` and,
 * in one file, the texts of its namespaces that the form uses (written by the elements' build in the order of the
 * keys of the form's model, with the English text of any key the language lacks; see `unpackFormTexts`), rather than
 * the whole namespaces it shares with other forms; the whole namespaces where there is no such file (a build
 * without the elements' plugins, a custom loader set with `setMessageLoader`, a failed fetch, a file of another
 * version of the form) and for `namespaces` the form's file does not hold. Another form's file, or the whole
 * namespace loaded later, adds to what is there. `model` is the form's (`preloadForm` loads it), whose keys the
 * file's texts are in the order of.
 */
export async function loadFormMessages(
  lang: Language,
  formId: string,
  namespaces: readonly string[],
  model: FormModel,
): Promise<void> {
  if (loader !== defaultLoader) return loadMessages(lang, namespaces);
  const fetchFile = () => (standalone ? fetchedFormTexts : bundledFormTexts)(lang, formId).catch(() => undefined);
  const id = `${lang}/${formId}`;
  const [, held] = await Promise.all([
    loadOne(lang, 'ui'),
    loads
      .once(lang, `#${formId}`, async () => {
        const file = await fetchFile();
        // No such file in this build (built without the elements' plugins): the whole namespaces, not a retry each time.
        if (file === null) return;
        // Keyed by the form's model in a chunk of its own: komek.js stays as small. A file written for other keys (a
        // model of another version) is not read: the whole namespaces instead, for good.
        const texts = file === undefined ? undefined : (await import('./form-texts.js')).unpackFormTexts(file, model);
        if (file !== undefined && !texts) return;
        if (!texts) throw new MessagesLoadError(lang, formId, 'no messages file of the form');
        for (const [ns, file] of Object.entries(texts))
          store.set(`${lang}/${ns}`, { ...store.get(`${lang}/${ns}`), ...messagesOf(file) });
        formFiles.set(id, new Set(Object.keys(texts)));
      })
      .then(
        () => formFiles.get(id),
        () => undefined,
      ),
  ]);
  await loadMessages(
    lang,
    namespaces.filter((ns) => !held?.has(ns)),
  );
}

/** The namespaces each loaded form file (`<lang>/<form>`) holds. */
const formFiles = new Map<string, Set<string>>();

/** A message in exactly one language (plural form by `params.count`, context), or undefined. */
export const lookup = lookupIn((lang, ns) => store.get(`${lang}/${ns}`));

/** A translator over the loaded messages: the language's message, else English, else the caller's fallback. */
export function createTranslator(lang: Language): Translator {
  return translatorFrom(lookup, lang);
}
