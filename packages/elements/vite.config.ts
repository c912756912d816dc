import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type Plugin } from 'vite';

/**
 * Locale files carry, per message, its review status, source line and printed number for translators: the browser
 * needs the text only. Applies where locale files are bundled as modules (hosts and pages that build the element
 * from source with these plugins).
 */
function localeTextsOnly(): Plugin {
  return {
    name: 'komek-locale-texts-only',
    enforce: 'pre',
    transform(code, id) {
      const m = /[\\/]i18n[\\/]locales[\\/][^\\/]+[\\/]([^\\/]+)\.json$/.exec(id);
      if (!m) return null;
      return { code: JSON.stringify(textsOf(JSON.parse(code) as LocaleFile, m[1]!)), map: null };
    },
  };
}

type LocaleFile = Record<string, { text?: unknown } | undefined>;

/**
 * Families of `ui` keys the element's code builds at run time rather than writes out: validation messages
 * (`error.<keyword>`), type and format names in them, labels of choices and fields the schemas leave untitled.
 */
const BUILT_UI_KEYS = /^(error|type|format|enum|field)\./;

/** The sources whose code words the element's interface strings: the element, core and the messages runtime. */
const UI_SOURCES = ['./src/', '../core/src/', '../i18n/src/runtime/'].map((d) =>
  fileURLToPath(new URL(d, import.meta.url)),
);

/**
 * Which interface strings of `ui.json` the element shows: a key its sources write as a string (`'submit'`,
 * `'ui:error.text'`), a key under a prefix they complete at run time (`` `consent.${reason}` ``), or a built family
 * (`BUILT_UI_KEYS`). The rest of `ui.json` is the demo site's, the desk's and the paper forms' (read through
 * @komek/i18n from the full files): the element's copies leave it out.
 */
export function elementUiKeys(sources: readonly string[] = UI_SOURCES): (key: string) => boolean {
  const words = new Set<string>();
  const prefixes = new Set<string>();
  const visit = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const file = join(path, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
        const code = readFileSync(file, 'utf8');
        for (const m of code.matchAll(/['"`](?:ui:)?([A-Za-z][\w.]*)['"`]/g)) words.add(m[1]!);
        for (const m of code.matchAll(/[`](?:ui:)?([A-Za-z][\w.]*\.)\$\{/g)) prefixes.add(m[1]!);
      }
    }
  };
  sources.forEach(visit);
  return (key) => {
    const base = key.replace(/_(zero|one|two|few|many|other)$/, '');
    return BUILT_UI_KEYS.test(base) || words.has(base) || [...prefixes].some((p) => base.startsWith(p));
  };
}

let shownUiKey: ((key: string) => boolean) | undefined;

function textsOf(file: LocaleFile, namespace: string): Record<string, string> {
  const texts: Record<string, string> = {};
  const keep = namespace === 'ui' ? (shownUiKey ??= elementUiKeys()) : () => true;
  for (const [key, entry] of Object.entries(file)) {
    if (key !== '$meta' && keep(key) && typeof entry?.text === 'string' && entry.text !== '') texts[key] = entry.text;
  }
  return texts;
}

/**
 * The standalone build (`define: { __KOMEK_STANDALONE__: 'true' }`): copies the locale files of `@komek/i18n` beside
 * `komek.js` as `locales/<lang>/<namespace>.json`, texts only, which the element fetches when a form or language
 * is first used — instead of a chunk per file and a map of them all in the entry. English form files too: what a
 * page falls back to where a language lacks a namespace and the form's own messages file is not there.
 */
function localeFiles(): Plugin {
  const dir = fileURLToPath(new URL('../i18n/locales/', import.meta.url));
  let standalone = false;
  return {
    name: 'komek-locale-files',
    configResolved(config) {
      standalone = config.define?.__KOMEK_STANDALONE__ === 'true';
    },
    generateBundle(_, bundle) {
      if (!standalone) return;
      // The element fetches `./locales/…` relative to the module holding its messages runtime.
      const holder = Object.values(bundle).find(
        (c) =>
          c.type === 'chunk' &&
          Object.keys(c.modules).some((m) => /elements[\\/]src[\\/]localize[\\/]messages\.ts$/.test(m)),
      );
      if (holder?.fileName.includes('/'))
        this.error(`The messages runtime is in ${holder.fileName}: locales/ would not be beside it`);
      for (const lang of readdirSync(dir)) {
        for (const file of readdirSync(join(dir, lang))) {
          if (!file.endsWith('.json')) continue;
          const texts = textsOf(
            JSON.parse(readFileSync(join(dir, lang, file), 'utf8')) as LocaleFile,
            file.replace(/\.json$/, ''),
          );
          this.emitFile({ type: 'asset', fileName: `locales/${lang}/${file}`, source: JSON.stringify(texts) });
        }
      }
    },
  };
}

const generated = fileURLToPath(new URL('../forms/src/generated/', import.meta.url));
/** The catalog's form ids: the models `pnpm gen` wrote. */
const formIds = readdirSync(join(generated, 'models'))
  .filter((f) => f.endsWith('.js'))
  .map((f) => f.slice(0, -3))
  .sort();

/**
 * The standalone build: every catalog form's model and validator as a module at a fixed name in `forms/` beside
 * `komek.js` (`forms/<id>.model.js`, `forms/<id>.validator.js`), which the element imports by that name (loading.ts)
 * rather than through a table of 52 loaders in its entry; `forms/index.json` lists the ids. They are built by a build of their own once `komek.js`
 * is written: they share nothing with it, and as entries of its build they would split it into shared chunks.
 */
function formModules(): Plugin {
  let standalone = false;
  let outDir = '';
  return {
    name: 'komek-form-modules',
    configResolved(config) {
      standalone = config.define?.__KOMEK_STANDALONE__ === 'true';
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      if (!standalone) return;
      const input: Record<string, string> = {};
      for (const id of formIds) {
        input[`${id}.model`] = join(generated, 'models', `${id}.js`);
        input[`${id}.validator`] = join(generated, 'validators', `${id}.js`);
      }
      await build({
        configFile: false,
        logLevel: 'warn',
        build: {
          outDir: join(outDir, 'forms'),
          emptyOutDir: true,
          target: 'es2022',
          minify: true,
          manifest: true,
          reportCompressedSize: false,
          rolldownOptions: {
            input,
            preserveEntrySignatures: 'strict',
            output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', minify: true },
          },
        },
      });
      // The catalog's ids, read by the element only to say which forms there are when one is not found.
      writeFileSync(join(outDir, 'forms', 'index.json'), JSON.stringify(formIds));
    },
  };
}

const LOCALES = fileURLToPath(new URL('../i18n/locales/', import.meta.url));
const FORM_KEYS = fileURLToPath(new URL('../forms/src/generated/messages/', import.meta.url));
const PLURAL = /_(zero|one|two|few|many|other)$/;
/** Module ids of the forms' messages in builds from source: `komek-form-messages:<lang>/<form>`. */
const VIRTUAL = 'komek-form-messages:';

/**
 * A catalog form's own messages in a language, by namespace: of each namespace the form uses, the keys its model
 * uses (`keys`, written by `pnpm gen` into packages/forms/src/generated/messages/<form>.json), their plural forms and
 * the field errors under them (`<key less .title>.error.*`). A key the language lacks (a namespace not translated
 * yet) has its English text: a catalog model carries no English, and the page then needs no English file beside.
 */
export function formTexts(lang: string, keys: Record<string, string[]>): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  const english = lang === 'en' ? undefined : formTexts('en', keys);
  for (const [ns, list] of Object.entries(keys)) {
    const file = join(LOCALES, lang, `${ns}.json`);
    const wanted = new Set(list);
    const errors = list.map((k) => `${k.replace(/\.title$/, '')}.error.`);
    const kept: Record<string, string> = {};
    const texts = existsSync(file) ? textsOf(JSON.parse(readFileSync(file, 'utf8')) as LocaleFile, ns) : {};
    for (const [k, text] of Object.entries(texts))
      if (wanted.has(k) || wanted.has(k.replace(PLURAL, '')) || errors.some((e) => k.startsWith(e))) kept[k] = text;
    const held = new Set(Object.keys(kept).map((k) => k.replace(PLURAL, '')));
    for (const [k, text] of Object.entries(english?.[ns] ?? {})) if (!held.has(k.replace(PLURAL, ''))) kept[k] = text;
    out[ns] = kept;
  }
  return out;
}

/** A form's own messages file as the build writes it: texts in the order of the form's keys, not the keys. */
export interface PackedFormTexts {
  /** `keysDigest` of the keys the texts are in the order of. */
  keys: string;
  /** By namespace, the text of each key of `messageKeysOf` in its order (null: none in the language or English). */
  texts: Record<string, (string | null)[]>;
  /** Texts of keys not in the lists: plural forms, field errors (`<key less .title>.error.*`). */
  more?: Record<string, Record<string, string>>;
}

/**
 * FNV-1a (32 bits, hex) of the keys' JSON: the digest `digestOf` (src/localize/form-texts.ts) checks a file by, so
 * that an element with a model of another version refuses the file rather than putting texts on the wrong labels.
 */
export function keysDigest(keys: Record<string, readonly string[]>): string {
  const text = JSON.stringify(keys);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * `formTexts` as the form's messages file holds them: each namespace's texts in the order of its keys (the keys are
 * a third of the file, and the element has them: the model it shows gives the same lists), the other keys as they
 * are. About 1.7 of 4.8 KiB gzip off the largest form's file in Russian.
 */
export function packFormTexts(
  keys: Record<string, string[]>,
  texts: Record<string, Record<string, string>>,
): PackedFormTexts {
  const packed: PackedFormTexts = { keys: keysDigest(keys), texts: {} };
  for (const [ns, list] of Object.entries(keys)) {
    const own = texts[ns] ?? {};
    packed.texts[ns] = list.map((k) => own[k] ?? null);
    const listed = new Set(list);
    const more = Object.entries(own).filter(([k]) => !listed.has(k));
    if (more.length > 0) (packed.more ??= {})[ns] = Object.fromEntries(more);
  }
  return packed;
}

/**
 * A catalog form's messages in one file per language, which the element loads instead of the whole namespaces the
 * form shares with others (`loadFormMessages`), its texts in the order of the form's keys (`packFormTexts`): under
 * half of the whole namespaces for the largest form in Russian. In builds from source, `localize/bundled/forms-<lang>.ts` (empty without this plugin) becomes the list of the language's forms,
 * each a chunk of its texts; the standalone build writes `locales/<lang>/forms/<form>.json` beside `komek.js`.
 * English has its files like any other language: the models `pnpm gen` writes carry no English.
 */
function formMessages(): Plugin {
  let standalone = false;
  return {
    name: 'komek-form-messages',
    enforce: 'pre',
    configResolved(config) {
      standalone = config.define?.__KOMEK_STANDALONE__ === 'true';
    },
    // localize/bundled/forms-<lang>.ts: the language's forms, each a module of its own with its texts.
    transform(_code, id) {
      const m = /[\\/]localize[\\/]bundled[\\/]forms-([\w-]+)\.ts$/.exec(id);
      if (!m) return null;
      const forms = readdirSync(FORM_KEYS)
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.replace(/\.json$/, ''));
      // `#ui`: the language's `ui` namespace, so that it needs no list of namespaces either.
      const entries = [...forms, '#ui'].map(
        (f) => `${JSON.stringify(f)}: () => import(${JSON.stringify(`${VIRTUAL}${m[1]}/${f}`)})`,
      );
      return { code: `export default {${entries.join(',')}};\n`, map: null };
    },
    resolveId(id) {
      return id.startsWith(VIRTUAL) ? `\0${id}` : null;
    },
    load(id) {
      if (!id.startsWith(`\0${VIRTUAL}`)) return null;
      const [lang, form] = id.slice(VIRTUAL.length + 1).split('/') as [string, string];
      if (form === '#ui') {
        const ui = JSON.parse(readFileSync(join(LOCALES, lang, 'ui.json'), 'utf8')) as LocaleFile;
        return `export default ${JSON.stringify({ ui: textsOf(ui, 'ui') })};\n`;
      }
      const keys = JSON.parse(readFileSync(join(FORM_KEYS, `${form}.json`), 'utf8')) as Record<string, string[]>;
      return `export default ${JSON.stringify(packFormTexts(keys, formTexts(lang, keys)))};\n`;
    },
    generateBundle() {
      if (!standalone) return;
      for (const lang of readdirSync(LOCALES)) {
        for (const file of readdirSync(FORM_KEYS)) {
          if (!file.endsWith('.json')) continue;
          const keys = JSON.parse(readFileSync(join(FORM_KEYS, file), 'utf8')) as Record<string, string[]>;
          const source = JSON.stringify(packFormTexts(keys, formTexts(lang, keys)));
          this.emitFile({ type: 'asset', fileName: `locales/${lang}/forms/${file}`, source });
        }
      }
    },
  };
}

/** Lit `css` templates are kept as written by the bundler: drop their comments and layout whitespace. */
function compactCss(): Plugin {
  return {
    name: 'komek-compact-css',
    transform(code, id) {
      if (!/[\\/]elements[\\/]src[\\/].*\.ts$/.test(id) || !code.includes('css`')) return null;
      const out = code.replace(/css`([^`]*)`/g, (_, body: string) => {
        const compact = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/:\s+/g, ':')
          .replace(/\(\s+/g, '(')
          .replace(/\s+\)/g, ')')
          // `0.75rem` → `.75rem` (a number's leading zero, not a digit of a larger one such as `10.5pt`).
          .replace(/(^|[^\w.#-])0\.(\d)/g, '$1.$2')
          // `calc(var(--_space) * 0.75)`: no spaces are needed around `*` and `/` in a calculation.
          .replace(/\) ([*/]) (?=\.?\d)/g, ')$1')
          .replace(/;}/g, '}')
          .trim();
        return `css\`${compact}\``;
      });
      return { code: out, map: null };
    },
  };
}

/**
 * Lit `html` templates keep the indentation they are written with: each run of whitespace with a line break in the
 * static text of an `html` template becomes one space. HTML collapses such whitespace anyway (the element has no
 * `white-space: pre` and no text content in a `<textarea>`), so what is drawn is the same, with fewer bytes. Inside a
 * tag, the space left before its `>` goes too.
 */
function compactHtml(): Plugin {
  return {
    name: 'komek-compact-html',
    transform(code, id) {
      if (!/[\\/]elements[\\/]src[\\/].*\.ts$/.test(id) || /\.test\.ts$/.test(id) || !code.includes('html`'))
        return null;
      return { code: compactTemplates(code), map: null };
    },
  };
}

/** `code` with the static text of every `html` template (nested ones included) compacted. */
export function compactTemplates(code: string): string {
  let out = '';
  let i = 0;
  while (i < code.length) {
    const at = code.indexOf('html`', i);
    if (at < 0 || (at > 0 && /[\w$]/.test(code[at - 1]!))) {
      const next = at < 0 ? code.length : at + 5;
      out += code.slice(i, next);
      i = next;
      continue;
    }
    out += code.slice(i, at + 4);
    const [end, text] = template(code, at + 4, true);
    out += text;
    i = end;
  }
  return out;
}

/** The template literal starting at the backtick `i`: its end and its text, static parts compacted if `compact`. */
function template(code: string, i: number, compact: boolean): [number, string] {
  let out = '`';
  let from = ++i;
  /** The static text so far: whether a part starts inside a tag (after its last `<`, not its `>`). */
  let statics = '';
  const flush = (to: number) => {
    let text = code.slice(from, to);
    if (compact) {
      // Inside a tag, the line break formatters put before its `>` (`<span\n>`, `@click=${…}\n>`) is no space.
      const inTag = statics.lastIndexOf('<') > statics.lastIndexOf('>');
      statics += text;
      text = text.replace(/[ \t]*\n\s*/g, ' ').replace(/(<[/a-zA-Z][^<>]*) >/g, '$1>');
      if (inTag) text = text.replace(/^ >/, '>');
    }
    out += text;
  };
  while (i < code.length) {
    const c = code[i];
    if (c === '\\') i += 2;
    else if (c === '`') {
      flush(i);
      return [i + 1, out + '`'];
    } else if (c === '$' && code[i + 1] === '{') {
      flush(i);
      const [end, expr] = expression(code, i + 2);
      out += '${' + expr + '}';
      i = from = end;
    } else i++;
  }
  throw new Error('unterminated template literal');
}

/** The expression of a `${…}` starting at `i`: the index after its closing brace and its text. */
function expression(code: string, i: number): [number, string] {
  let out = '';
  let depth = 0;
  while (i < code.length) {
    const c = code[i]!;
    if (c === '}' && depth === 0) return [i + 1, out];
    if (c === '{') depth++;
    if (c === '}') depth--;
    if (c === '`') {
      const [end, text] = template(code, i, /(^|[^\w$])html$/.test(out));
      out += text;
      i = end;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < code.length && code[j] !== c) j += code[j] === '\\' ? 2 : 1;
      out += code.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    out += c;
    i++;
  }
  throw new Error('unterminated template expression');
}

/**
 * A second pass of terser (Lit's recommended minifier) over each minified chunk: it finds what the bundler's own
 * minifier leaves (about 1 % of komek.js gzipped; a third pass of its compressor a few bytes more, a fourth nothing). Only in minified builds; property names are left as they are.
 */
function terserPass(): Plugin {
  let minified = false;
  return {
    name: 'komek-terser-pass',
    apply: 'build',
    configResolved(config) {
      minified = config.build.minify !== false;
    },
    async generateBundle(_, bundle) {
      if (!minified) return;
      // Imported here, not at the top: an application's build that takes `elementSourcePlugins` from this file
      // loads it from its own folder, where terser (this package's dependency) need not resolve.
      const { minify } = await import('terser');
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const out = await minify(chunk.code, { ecma: 2022, module: true, compress: { passes: 3 } });
        if (out.code !== undefined) chunk.code = out.code;
      }
    },
  };
}

/**
 * The plugins an application that builds `<komek-form>` from source (`@komek/elements` in its own Vite build, as the
 * case desk does) uses for the element as the library build has it: locale files as texts only, each catalog form's
 * messages in a file of its own (`formMessages`: without it the element fetches whole namespaces), Lit's templates
 * and styles compacted. The application's own minifier stands in for the terser pass.
 */
export function elementSourcePlugins(): Plugin[] {
  return [localeTextsOnly(), formMessages(), compactCss(), compactHtml()];
}

/**
 * Library build: `dist/komek.js` is the one module a page loads; schema bundles, validators and locale files are
 * chunks beside it, fetched when a form or language is first used.
 */
export default defineConfig({
  // The file list would run to hundreds of lines: scripts/size.mjs prints what matters.
  logLevel: 'warn',
  plugins: [localeTextsOnly(), localeFiles(), formMessages(), formModules(), compactCss(), compactHtml(), terserPass()],
  define: { __KOMEK_STANDALONE__: 'true' },
  // The production builds of dependencies (Lit's without its development warnings) whatever NODE_ENV the caller
  // runs with: a build started from a test runner (NODE_ENV=test) would otherwise ship Lit's development build.
  resolve: { conditions: ['module', 'browser', 'production'] },
  build: {
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'komek.js' },
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    minify: true,
    // Read by scripts/size.mjs to tell which chunk is which.
    manifest: true,
    rolldownOptions: {
      // Modules that the lazily loaded chunks share with komek.js stay in komek.js (which then exports them to those
      // chunks) rather than each becoming a small chunk of its own that a page fetches beside it.
      preserveEntrySignatures: 'allow-extension',
      // The terser pass (terserPass) takes most of the build's time, as expected: no warning about it.
      checks: { bundlerTimings: false },
      // Library mode leaves ES output unminified for other bundlers; this file goes to browsers as it is.
      // `<komek-signature-pad>`'s chunk has a fixed name beside komek.js: the package exports it as
      // `@komek/elements/signature-pad.js` for pages that use the element on its own.
      output: {
        chunkFileNames: (chunk) =>
          chunk.facadeModuleId && /[\\/]signature-pad[\\/]signature-pad\.ts$/.test(chunk.facadeModuleId)
            ? 'signature-pad.js'
            : 'chunks/[name]-[hash].js',
        minify: true,
      },
    },
  },
});
