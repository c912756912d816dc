// Builds each renderer's page the same way: a Vite production build (minified, ES modules, code-split where the
// renderer loads parts on demand) of the entry in peers/<renderer>/entry.js, with the benchmarked form in the
// renderer's own format behind the import `komek-bench-form`.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { widgetOf } from '@komek/core';
import { dirname, join, relative } from 'node:path';
import { build, loadConfigFromFile, type Manifest, type PluginOption } from 'vite';
import { toJsonForms, toRjsf, toSurveyJs, surveyName } from './convert.js';
import { benchDir, inputLeaves, labeler, type BenchForm } from './form.js';

/** The renderers compared: ours first. */
export const renderers = ['komek', 'surveyjs', 'jsonforms', 'rjsf'] as const;
export type Renderer = (typeof renderers)[number];

/** What a peer is called in tables. */
export const rendererTitle: Record<Renderer, string> = {
  komek: 'Komek (Lit)',
  surveyjs: 'SurveyJS (survey-core + survey-js-ui)',
  jsonforms: 'JSON Forms + React (vanilla)',
  rjsf: 'RJSF + React (validator-ajv8)',
};

export const outDir = join(benchDir, '.out');

/** A built page. */
export interface BuiltPage {
  renderer: Renderer;
  /** Directory served as the page's root. */
  dir: string;
  /** Every file the build wrote (relative to `dir`), for size accounting. */
  files: string[];
}

/** The field typed into by the keystroke figure, as each renderer names it. */
export interface TypedField {
  pointer: string;
  surveyName: string;
  jsonFormsScope: string;
  rjsfId: string;
  komekId: string;
}

/** The first one-line text field of the form (outside repeats, shown without conditions). */
export function typedField(form: BenchForm): TypedField {
  const node = inputLeaves(form.model.root).find((n) => widgetOf(n) === 'text' && !n.condition);
  if (!node) throw new Error(`${form.id} has no unconditional text field to type into`);
  const segments = node.pointer.split('/').slice(1);
  return {
    pointer: node.pointer,
    surveyName: surveyName(node),
    jsonFormsScope: '#' + segments.map((s) => `/properties/${s}`).join(''),
    rjsfId: ['root', ...segments].join('_'),
    // Same rule as @komek/elements' idOf.
    komekId:
      'k' + node.pointer.replace(/[^A-Za-z0-9_-]/g, (c) => (c === '/' ? '--' : `_${c.charCodeAt(0).toString(16)}_`)),
  };
}

/** The form module each renderer's entry imports. */
function formModule(renderer: Renderer, form: BenchForm, lang: string): string {
  const label = labeler([lang]);
  const namespaces = Object.keys(form.bundle.schemas).map((id) =>
    id
      .split('/')
      .pop()!
      .replace(/\.schema\.json$/, ''),
  );
  const value =
    renderer === 'surveyjs'
      ? toSurveyJs(form.model, label, lang)
      : renderer === 'jsonforms'
        ? toJsonForms(form.model, label)
        : renderer === 'rjsf'
          ? toRjsf(form.model, label)
          : { id: form.id, lang, namespaces };
  return `export const ${renderer} = ${JSON.stringify(value)};\n`;
}

/** What a chunk of a code-split build holds, from its file name. */
export type ChunkKind = 'renderer' | 'schema' | 'validator' | `locale:${string}`;

/** Names on-demand chunks by what they hold (`schema-<form>`, `model-<form>`, `validator-<form>`, `locale-<lang>-<ns>`). */
function chunkName(chunk: { facadeModuleId?: string | null }): string {
  const id = (chunk.facadeModuleId ?? '').replace(/\\/g, '/');
  const locale = /\/locales\/([\w-]+)\/([^/]+)\.json$/.exec(id);
  if (locale) return `chunks/locale-${locale[1]}-${locale[2]}-[hash].js`;
  // A catalog form's messages in one language and the list of them per language (formMessages in
  // @komek/elements' vite.config.ts, localize/bundled/forms-<lang>.ts).
  const formMessages = /komek-form-messages:([\w-]+)\/(.+)$/.exec(id);
  if (formMessages)
    return `chunks/locale-${formMessages[1]}-${formMessages[2] === '#ui' ? 'ui' : `form-${formMessages[2]}`}-[hash].js`;
  const formIndex = /\/localize\/bundled\/forms-([\w-]+)\.ts$/.exec(id);
  if (formIndex) return `chunks/locale-${formIndex[1]}-forms-index-[hash].js`;
  // The list of one language's locale chunks (@komek/elements' localize/bundled/<lang>.ts): part of its messages.
  const index = /\/localize\/bundled\/([\w-]+)\.ts$/.exec(id);
  if (index) return `chunks/locale-${index[1]}-index-[hash].js`;
  const generated = /\/generated\/(schemas|models|validators)\/([^/]+)\.js$/.exec(id);
  if (generated)
    return `chunks/${{ schemas: 'schema', models: 'model', validators: 'validator' }[generated[1]!]}-${generated[2]}-[hash].js`;
  return 'chunks/[name]-[hash].js';
}

/** The kind of a built file, from its name (see `chunkName`). */
export function chunkKind(file: string): ChunkKind {
  const fetched = /(?:^|\/)locales\/([\w-]+)\/.+\.json$/.exec(file);
  if (fetched) return `locale:${fetched[1]}`;
  const name = file.split('/').pop()!;
  const locale = /^locale-(uz-Cyrl|[a-z]{2})-/.exec(name);
  if (locale) return `locale:${locale[1]}`;
  // The form's definition: its schema bundle, or the model `pnpm gen` built from it.
  // (`forms/<id>.model.js` and `forms/<id>.validator.js` in the package's own build.)
  if (name.startsWith('schema-') || name.startsWith('model-') || name.endsWith('.model.js')) return 'schema';
  if (name.startsWith('validator-') || name.endsWith('.validator.js')) return 'validator';
  return 'renderer';
}

/**
 * Builds one renderer's page into .out/<renderer>/ (unminified into .out/<renderer>-debug/ with `debug`, for
 * profiles with readable function names).
 */
export async function buildPage(renderer: Renderer, form: BenchForm, lang: string, debug = false): Promise<BuiltPage> {
  const dir = join(outDir, debug ? `${renderer}-debug` : renderer);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const formFile = join(outDir, `form-${renderer}.js`);
  writeFileSync(formFile, formModule(renderer, form, lang));
  const entry = join(benchDir, 'peers', renderer, 'entry.js');
  const plugins = renderer === 'komek' ? await elementsPlugins() : [];
  await build({
    configFile: false,
    root: benchDir,
    base: './',
    logLevel: 'error',
    mode: 'production',
    resolve: { alias: { 'komek-bench-form': formFile } },
    plugins,
    build: {
      outDir: join(dir, 'app'),
      emptyOutDir: true,
      minify: !debug,
      cssMinify: !debug,
      sourcemap: false,
      manifest: true,
      reportCompressedSize: false,
      modulePreload: false,
      chunkSizeWarningLimit: 10_000,
      target: 'es2022',
      rolldownOptions: {
        input: { entry },
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: chunkName,
          assetFileNames: 'assets/[name]-[hash][extname]',
        },
      },
    },
  });
  const manifest = JSON.parse(readFileSync(join(dir, 'app', '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const main = Object.values(manifest).find((c) => c.isEntry)!;
  const css = (main.css ?? []).map((f) => `<link rel="stylesheet" href="app/${f}">`).join('');
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${renderer}</title>${css}</head>` +
      `<body><div id="root"></div><script src="../harness.js"></script><script type="module" src="app/${main.file}"></script></body></html>\n`,
  );
  const files = Object.values(manifest)
    .flatMap((c) => [c.file, ...(c.css ?? []), ...(c.assets ?? [])])
    .map((f) => `app/${f}`);
  return { renderer, dir, files: [...new Set(files)] };
}

/**
 * The plugins of @komek/elements' own Vite config (e.g. the one that keeps only the texts of locale files): our
 * page is built as the package builds itself, only into an app page like the peers.
 */
async function elementsPlugins(): Promise<PluginOption[]> {
  const file = join(benchDir, '..', '..', 'packages', 'elements', 'vite.config.ts');
  if (!existsSync(file)) return [];
  const loaded = await loadConfigFromFile({ command: 'build', mode: 'production' }, file, dirname(file), 'error');
  return loaded?.config.plugins ?? [];
}

/** Copies the in-page harness next to the pages. */
export function writeHarness(): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'harness.js'), readFileSync(join(benchDir, 'peers', 'harness.js')));
}

/** Whether our renderer's package has an entry to build (it is written in parallel and may not exist yet). */
export function oursAvailable(): { ok: boolean; reason?: string } {
  const index = join(benchDir, '..', '..', 'packages', 'elements', 'src', 'index.ts');
  if (!existsSync(index)) return { ok: false, reason: `pending: ${relative(process.cwd(), index)} does not exist yet` };
  return { ok: true };
}

/** A renderer's build, or why there is none. */
export type BuildOutcome = { ok: true; page: BuiltPage; seconds: number } | { ok: false; reason: string };

const builds = new Map<string, Promise<Map<Renderer, BuildOutcome>>>();

/** Builds every renderer's page once per process (size and render share the builds of one run). */
export function buildAll(form: BenchForm, lang: string): Promise<Map<Renderer, BuildOutcome>> {
  const key = `${form.id}/${lang}`;
  if (!builds.has(key)) {
    builds.set(
      key,
      (async () => {
        writeHarness();
        const out = new Map<Renderer, BuildOutcome>();
        for (const r of renderers) {
          if (r === 'komek') {
            const available = oursAvailable();
            if (!available.ok) {
              out.set(r, { ok: false, reason: available.reason! });
              continue;
            }
          }
          const t0 = performance.now();
          try {
            out.set(r, { ok: true, page: await buildPage(r, form, lang), seconds: (performance.now() - t0) / 1000 });
          } catch (e) {
            out.set(r, {
              ok: false,
              reason: `build failed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`,
            });
          }
        }
        return out;
      })(),
    );
  }
  return builds.get(key)!;
}

/** Where the page of `<komek-form>` as shipped is built (`buildShippedPage`). */
export const shippedDir = join(outDir, 'komek-shipped');

/**
 * The page an organisation embedding the forms serves, as the package's README says to: `@komek/elements`' own build
 * (`komek.js` with its `chunks/`, `forms/` and `locales/`, built with the package's Vite config as
 * `pnpm --filter @komek/elements build` builds it) copied to one folder, and one module that imports `komek.js` and
 * shows the form — no bundler of the page's own. Built into .out/komek-shipped/app/.
 */
export async function buildShippedPage(form: BenchForm, lang: string): Promise<BuiltPage> {
  const elements = join(benchDir, '..', '..', 'packages', 'elements');
  rmSync(shippedDir, { recursive: true, force: true });
  const app = join(shippedDir, 'app');
  await build({
    configFile: join(elements, 'vite.config.ts'),
    root: elements,
    logLevel: 'error',
    mode: 'production',
    build: { outDir: app, emptyOutDir: true },
  });
  // The page's own module: peers/komek/entry.js with `komek.js` in place of the package and the form inlined.
  const entry = readFileSync(join(benchDir, 'peers', 'komek', 'entry.js'), 'utf8')
    .replace(/from '@komek\/elements'/, "from './komek.js'")
    .replace(
      /import \{ komek as form \} from 'komek-bench-form';/,
      `const form = ${JSON.stringify({ id: form.id, lang })};`,
    );
  if (!entry.includes("'./komek.js'") || entry.includes('komek-bench-form'))
    throw new Error('peers/komek/entry.js no longer imports as buildShippedPage expects');
  writeFileSync(join(app, 'page.js'), entry);
  writeFileSync(
    join(shippedDir, 'index.html'),
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>komek.js</title></head>` +
      `<body><div id="root"></div><script src="../harness.js"></script><script type="module" src="app/page.js"></script></body></html>\n`,
  );
  return { renderer: 'komek', dir: shippedDir, files: [] };
}
