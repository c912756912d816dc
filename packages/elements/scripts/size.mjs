// Prints what a page downloads (gzip) to show a form: the renderer entry (every widget), the form's validator,
// its messages in one language, and its definition (the form model `pnpm gen` built). Fails the build when "all
// widgets + one locale + one validator" exceeds the budget for the typical form (the median over the catalog), so
// that the figure cannot creep back over it; KOMEK_SIZE_STRICT=0 reports without failing (a local experiment).
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 40 * 1024;
const dist = new URL('../dist/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', dist), 'utf8'));
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
/** Locale files are JSON beside komek.js, not chunks: their sizes are read from dist/locales. */
const localeFiles = (lang, namespaces) =>
  (lang === 'en' ? ['ui'] : ['ui', ...namespaces])
    .map((ns) => `locales/${lang}/${ns}.json`)
    .filter((f) => existsSync(new URL(f, dist)));
const localeBytes = (lang, namespaces) => localeFiles(lang, namespaces).reduce((sum, f) => sum + gz(f), 0);
const lang = 'ru';

/**
 * Widgets drawn by chunks of their own (`lazyWidget`, `load` in src/widgets): the chunk a form fetches when its
 * model has such a node, found by what the generated model says.
 */
const lazyWidgets = [
  { chunk: 'src/widgets/needs-table.ts', used: /\\"kind\\":\\"needsTable\\"/ },
  { chunk: 'src/widgets/plan-table.ts', used: /\\"kind\\":\\"planTable\\"/ },
];
for (const { chunk } of lazyWidgets)
  if (!manifest[chunk]) throw new Error(`${chunk} is not a chunk of its own any more: update lazyWidgets in size.mjs`);

const entryBytes = bytes([entry]);
const everyWidget = bytes([entry, ...lazyWidgets.map((w) => w.chunk)]);
const rows = forms.map(({ id, namespaces }) => {
  const validator = `../forms/src/generated/validators/${id}.js`;
  const schema = `../forms/src/generated/models/${id}.js`;
  const modelText = readFileSync(new URL(`../../forms/src/generated/models/${id}.js`, import.meta.url), 'utf8');
  const widgets = lazyWidgets.filter((w) => w.used.test(modelText)).map((w) => w.chunk);
  const locale = localeBytes(lang, namespaces);
  const budgeted = bytes([entry, validator, ...widgets]) + locale;
  return {
    id,
    validator: bytes([validator]),
    locale,
    schema: bytes([schema]),
    budgeted,
    all: bytes([entry, validator, schema, ...widgets]) + locale,
  };
});
rows.sort((a, b) => a.budgeted - b.budgeted);

console.log(`\n@komek/elements — gzip sizes (level 9), messages in "${lang}"`);
console.log(
  `komek.js and its static chunks (the element, the messages runtime, every widget but those below): ${kib(entryBytes)}`,
);
console.log(`with the widgets drawn by chunks of their own (needs and plan tables): ${kib(everyWidget)}`);
console.log(
  "widgets = komek.js + the widget chunks the form fetches; locale = ui + the form's namespaces in that language (JSON beside komek.js); model = the form's definition (model chunk)\n",
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
