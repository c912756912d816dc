// Prints what a page downloads (gzip) to show a form: the renderer entry (every widget but the tables and the drawing surface of a signature, chunks of their own), the form's validator,
// its messages in one language, and its definition (the form model `pnpm gen` built). Fails the build when "all
// widgets + one locale + one validator" exceeds the budget for the typical form (the median over the catalog), so
// that the figure cannot creep back over it; KOMEK_SIZE_STRICT=0 reports without failing (a local experiment).
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 40 * 1024;
const dist = new URL('../dist/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', dist), 'utf8'));
/** The catalog's forms, built beside komek.js by a build of their own (`forms/<id>.model.js`, `…validator.js`). */
const formsManifest = JSON.parse(readFileSync(new URL('forms/.vite/manifest.json', dist), 'utf8'));
for (const chunk of Object.values(formsManifest)) {
  const prefix = (f) => `forms/${f}`;
  manifest[`forms:${chunk.file}`] = {
    ...chunk,
    file: prefix(chunk.file),
    imports: (chunk.imports ?? []).map((k) => `forms:${formsManifest[k].file}`),
  };
}
const catalog = readFileSync(new URL('../../forms/src/generated/catalog.ts', import.meta.url), 'utf8');

const gzipped = new Map();
const gz = (file) => {
  if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(new URL(file, dist)), { level: 9 }).length);
  return gzipped.get(file);
};
/** Bytes of chunks (by manifest key) and everything they import statically, each counted once. */
function bytes(keys, counted = new Set()) {
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || counted.has(chunk.file)) return;
    counted.add(chunk.file);
    (chunk.imports ?? []).forEach(visit);
  };
  keys.forEach(visit);
  return [...counted].reduce((sum, f) => sum + gz(f), 0);
}
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`.padStart(9);

const entry = 'src/index.ts';
const forms = [...catalog.matchAll(/"id": "([^"]+)"[\s\S]*?"namespaces": \[([^\]]*)\]/g)].map((m) => ({
  id: m[1],
  namespaces: [...m[2].matchAll(/"([^"]+)"/g)].map((n) => n[1]),
}));
/**
 * Locale files are JSON beside komek.js, not chunks: their sizes are read from dist/locales. A catalog form's page
 * fetches `ui` and the form's own messages file (`locales/<lang>/forms/<form>.json`, see formMessages in
 * vite.config.ts); without one, the form's namespaces.
 */
const localeFiles = (lang, id, namespaces) => {
  const own = `locales/${lang}/forms/${id}.json`;
  const files =
    lang === 'en' ? [] : existsSync(new URL(own, dist)) ? [own] : namespaces.map((ns) => `locales/${lang}/${ns}.json`);
  return [`locales/${lang}/ui.json`, ...files].filter((f) => existsSync(new URL(f, dist)));
};
const localeBytes = (lang, id, namespaces) => localeFiles(lang, id, namespaces).reduce((sum, f) => sum + gz(f), 0);
const lang = 'ru';

/**
 * Widgets drawn by chunks of their own (`lazyWidget`, `load` in src/widgets): the chunk a form fetches when its
 * model has such a node, found by what the generated model says.
 */
const lazyWidgets = [
  { chunk: 'src/widgets/needs-table.ts', used: /\\"kind\\":\\"needsTable\\"/ },
  { chunk: 'src/widgets/plan-table.ts', used: /\\"kind\\":\\"planTable\\"/ },
];
/**
 * Parts of the element that are chunks of their own, fetched only when a page uses them: what each weighs (with what
 * it imports statically that komek.js does not hold). `withEveryForm` is fetched with every form, beside its
 * validator: it counts in the budget below.
 */
const onDemand = [
  {
    label: 'form session: reading the model, conditions, checking answers, error summary (with every form)',
    chunks: ['src/komek-form/checking.ts'],
    withEveryForm: true,
  },
  {
    label: 'drafts: store and notices (forms with draft-key)',
    chunks: ['src/drafts/draft-store.ts', 'src/komek-form/draft-notices.ts'],
  },
  { label: 'consent gate and notice (gated forms given caseRecords)', chunks: ['src/komek-form/consent-notice.ts'] },
  { label: 'posting (forms with action)', chunks: ['src/komek-form/post.ts'] },
  { label: 'PDF download (on click)', chunks: ['src/komek-form/pdf-download.ts'] },
  { label: 'drawing surface of a signature (on "Draw a signature")', chunks: ['src/signature-pad/signature-pad.ts'] },
  {
    label: 'a form id the catalog does not have (the error and its suggestions)',
    chunks: ['src/komek-form/unknown-form.ts'],
  },
  { label: 'data attribute refusal (a data attribute that is not JSON)', chunks: ['src/komek-form/data-refusal.ts'] },
  { label: 'deriveDraftKey (when called)', chunks: ['src/drafts/derive-key.ts'] },
  {
    label: 'building a model from a schema bundle (schema property)',
    chunks: ['node_modules/@komek/core/src/buildFormModel.ts'],
  },
];
for (const { chunk } of lazyWidgets)
  if (!manifest[chunk]) throw new Error(`${chunk} is not a chunk of its own any more: update lazyWidgets in size.mjs`);
const chunkKey = (key) => {
  if (manifest[key]) return key;
  const found = Object.keys(manifest).find((k) => k.endsWith(key.replace(/^node_modules\/@komek\//, '/')));
  if (!found) throw new Error(`${key} is not a chunk of its own any more: update onDemand in size.mjs`);
  return found;
};
const entryFiles = new Set();
const entryBytes = bytes([entry], entryFiles);
const withForm = onDemand.filter((p) => p.withEveryForm).flatMap((p) => p.chunks.map(chunkKey));
// Every widget's code: with the tables' chunks and the drawing surface of a signature (which a person unfolds).
const everyWidget = bytes([entry, ...lazyWidgets.map((w) => w.chunk), 'src/signature-pad/signature-pad.ts']);
const rows = forms.map(({ id, namespaces }) => {
  const validator = `forms:${id}.validator.js`;
  const schema = `forms:${id}.model.js`;
  const modelText = readFileSync(new URL(`../../forms/src/generated/models/${id}.js`, import.meta.url), 'utf8');
  const widgets = lazyWidgets.filter((w) => w.used.test(modelText)).map((w) => w.chunk);
  const locale = localeBytes(lang, id, namespaces);
  const budgeted = bytes([entry, ...withForm, validator, ...widgets]) + locale;
  return {
    id,
    validator: bytes([validator]),
    locale,
    schema: bytes([schema]),
    budgeted,
    all: bytes([entry, ...withForm, validator, schema, ...widgets]) + locale,
  };
});
rows.sort((a, b) => a.budgeted - b.budgeted);

console.log(`\n@komek/elements — gzip sizes (level 9), messages in "${lang}"`);
console.log(
  `komek.js and its static chunks (the element, the messages runtime, every widget but those below): ${kib(entryBytes)}`,
);
console.log(
  `every widget (with the needs and plan tables and a signature's drawing surface, chunks of their own): ${kib(everyWidget)}`,
);
console.log('parts fetched on demand (chunks of their own; what each adds to komek.js):');
for (const part of onDemand)
  console.log(`  ${part.label.padEnd(72)}${kib(bytes(part.chunks.map(chunkKey), new Set(entryFiles)) - entryBytes)}`);
console.log(
  `komek.js + what every form fetches with it (the form session's chunk): ${kib(bytes([entry, ...withForm]))}`,
);
console.log(
  "widgets = komek.js + the form session's chunk + the widget chunks the form fetches; locale = ui + the form's own messages in that language (JSON beside komek.js); model = the form's definition (model chunk)\n",
);
console.log(
  `${'form'.padEnd(42)}${'validator'.padStart(10)}${'locale'.padStart(10)}${'model'.padStart(10)}${'widgets+locale+validator'.padStart(26)}${'+ model'.padStart(10)}`,
);
for (const r of rows) {
  console.log(
    `${r.id.padEnd(42)}${kib(r.validator)} ${kib(r.locale)} ${kib(r.schema)}${kib(r.budgeted).padStart(26)}${kib(r.all).padStart(10)}`,
  );
}
const median = rows[Math.floor(rows.length / 2)];
const largest = rows.at(-1);
console.log(
  `\nAll widgets + one locale + one validator: median ${kib(median.budgeted).trim()} (${median.id}), largest ${kib(largest.budgeted).trim()} (${largest.id}); budget ${kib(BUDGET).trim()}`,
);
if (median.budgeted > BUDGET) {
  console.error(`Over budget: the median form needs ${kib(median.budgeted - BUDGET).trim()} less.`);
  if (process.env.KOMEK_SIZE_STRICT !== '0') process.exit(1);
}
