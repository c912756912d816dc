import { createInstance, type i18n as I18n } from 'i18next';
import type { Language } from './languages.js';
import { isLanguage, languages } from './languages.js';
import type { LocaleFile } from './localeFile.js';
import { Loads } from './runtime/loads.js';
import { messagesOf } from './runtime/messages.js';
import { pluralRule } from './runtime/plural.js';
import { InvalidNamespaceError, MessagesLoadError, UnsupportedLanguageError } from './runtime/errors.js';

/**
 * Reads one locale file; resolves to undefined when the language has no file for the namespace (not translated
 * yet). Rejects on any other failure.
 */
export type MessageLoader = (lang: Language, namespace: string) => Promise<LocaleFile | undefined>;

/** The i18next instance holding every loaded message: flat keys (`keySeparator: false`), `ns:key` lookups. */
export const i18next: I18n = createInstance();
// With initAsync false, init is done when it returns; the promise it also returns has nothing left to wait for.
void i18next.init({
  initAsync: false,
  resources: {},
  lng: 'en',
  fallbackLng: false,
  ns: ['ui'],
  defaultNS: 'ui',
  keySeparator: false,
  nsSeparator: ':',
  returnNull: false,
  returnEmptyString: false,
  // Messages are rendered as text (Lit bindings, PDF strings), never as HTML: no escaping to undo.
  interpolation: { escapeValue: false },
});

// i18next asks Intl for plural rules and, when the engine lacks a language (Tajik in Node and in Debian's
// Chromium), silently gets English ones. Route every language through our rule so both environments agree.
const resolver = i18next.services.pluralResolver as unknown as {
  getRule: (code: string, options?: { ordinal?: boolean }) => unknown;
};
const intlGetRule = resolver.getRule.bind(resolver);
resolver.getRule = (code, options = {}) =>
  !options.ordinal && isLanguage(code) ? pluralRule(code) : intlGetRule(code, options);

const NAMESPACE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Reads locale files from disk next to this module (Node, tsx, vitest). */
const nodeLoader: MessageLoader = async (lang, ns) => {
  const fsName = 'node:fs/promises';
  const { readFile } = (await import(/* @vite-ignore */ fsName)) as {
    readFile: (path: URL, encoding: 'utf8') => Promise<string>;
  };
  const here = import.meta.url;
  try {
    return JSON.parse(await readFile(new URL(`../locales/${lang}/${ns}.json`, here), 'utf8')) as LocaleFile;
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return undefined;
    throw e;
  }
};

/** Imports locale files as modules: Vite turns the template into one lazily loaded chunk per language and namespace. */
const bundlerLoader: MessageLoader = async (lang, ns) => {
  try {
    const mod = (await import(`../locales/${lang}/${ns}.json`)) as { default: LocaleFile };
    return mod.default;
  } catch (e) {
    // Vite's runtime helper rejects an unknown file with this message: the language has no such file yet.
    if (/Unknown variable dynamic import/.test(String((e as Error)?.message))) return undefined;
    throw e;
  }
};

const runsFromDisk =
  import.meta.url.startsWith('file:') && typeof (globalThis as { process?: unknown }).process === 'object';
let loader: MessageLoader = runsFromDisk ? nodeLoader : bundlerLoader;

/**
 * Replaces how locale files are read, e.g. to fetch them from a CDN or to bundle them eagerly. Already loaded
 * messages stay; pass undefined to restore the default loader.
 */
export function setMessageLoader(custom: MessageLoader | undefined): void {
  loader = custom ?? (runsFromDisk ? nodeLoader : bundlerLoader);
}

const loads = new Loads();

/** Adds the messages of a locale file for a language and namespace (replacing what was loaded for them). */
export function addMessages(lang: Language, namespace: string, file: LocaleFile): void {
  i18next.addResourceBundle(lang, namespace, messagesOf(file), false, true);
  loads.done(lang, namespace);
}

function loadOne(lang: Language, ns: string): Promise<void> {
  return loads.once(lang, ns, async () => {
    const file = await loader(lang, ns);
    if (file === undefined) {
      if (lang === 'en')
        throw new MessagesLoadError(lang, ns, `No English messages for namespace "${ns}" (run \`pnpm gen\`)`);
      return;
    }
    i18next.addResourceBundle(lang, ns, messagesOf(file), false, true);
  });
}

/**
 * Loads (idempotently) the messages of these namespaces (`ui` included automatically) for a language, and the
 * English ones every language falls back to, in Node and in a Vite-built browser page. A namespace with no
 * translation in the language yet is not an error: its messages fall back to English.
 */
export async function loadMessages(lang: Language, namespaces: readonly string[]): Promise<void> {
  if (!isLanguage(lang))
    throw new UnsupportedLanguageError(
      String(lang),
      languages.map((l) => l.code),
    );
  const all = [...new Set(['ui', ...namespaces])];
  for (const ns of all) if (!NAMESPACE.test(ns)) throw new InvalidNamespaceError(ns);
  const langs: Language[] = lang === 'en' ? ['en'] : ['en', lang];
  await Promise.all(langs.flatMap((l) => all.map((ns) => loadOne(l, ns))));
}

/** Whether messages of a language and namespace are loaded (or known to be missing). */
export function isLoaded(lang: Language, namespace: string): boolean {
  return loads.has(lang, namespace);
}
