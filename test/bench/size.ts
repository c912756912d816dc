// Bundle size: what a page downloads to show the largest form, minified and gzipped, for ours and each peer, all
// built the same way in this run (build.ts). The files counted are those the page actually fetched while the form
// was mounted (so code-split renderers count only the chunks of this form: its schema, validator and one locale),
// JS, CSS and fetched JSON, each gzipped on its own at level 9.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  buildAll,
  buildShippedPage,
  chunkKind,
  outDir,
  rendererTitle,
  renderers,
  type ChunkKind,
  type Renderer,
} from './build.js';
import type { Browser } from 'playwright-core';
import { launchChromium, serve } from './browser.js';
import { pickForm, repoRoot } from './form.js';
import { fmt, ratioOf, type Row } from './report.js';

export const SIZE_BAR_KIB = 20;

const gzipKiB = (buf: Buffer) => gzipSync(buf, { level: 9 }).length / 1024;

interface Measured {
  js: number;
  css: number;
  raw: number;
  files: { file: string; gzip: number }[];
}

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0]!;

/** The JS, CSS and JSON files the page `.out/<dir>/` fetched while its form was mounted (under its `app/`). */
async function fetchedFiles(browser: Browser, url: string, dir: string): Promise<Measured> {
  const page = await browser.newPage();
  try {
    await page.goto(`${url}/${dir}/`, { waitUntil: 'load' });
    const { inputsWhole } = await page.evaluate<{ inputsWhole: number }>(`komekMount({ prepare: false })`);
    // A page that drew nothing would fetch less than one that works: it is not measured.
    if (!(inputsWhole > 0)) throw new Error(`${dir}: the form drew no input`);
    await page.waitForLoadState('networkidle');
    const urls = await page.evaluate<string[]>(`performance.getEntriesByType('resource').map((e) => e.name)`);
    const files = urls
      .map((u) => new URL(u).pathname.replace(/^\//, ''))
      .filter((p) => p.startsWith(`${dir}/app/`) && /\.(js|css|json)$/.test(p));
    const m: Measured = { js: 0, css: 0, raw: 0, files: [] };
    for (const f of [...new Set(files)]) {
      const buf = readFileSync(join(outDir, f));
      const gz = gzipKiB(buf);
      m.raw += buf.length / 1024;
      if (f.endsWith('.css')) m.css += gz;
      else m.js += gz;
      m.files.push({ file: f.slice(`${dir}/app/`.length), gzip: gz });
    }
    return m;
  } finally {
    await page.close();
  }
}

export async function sizeBench(options: { lang?: string } = {}): Promise<{ rows: Row[]; chromium: string }> {
  const lang = options.lang ?? 'ru';
  const form = await pickForm();
  console.log(`size: ${form.id} (${form.inputs} inputs, lang ${lang})`);
  const built = await buildAll(form, lang);
  const { url, server } = await serve(outDir);
  const browser = await launchChromium();
  const chromium = browser.version();
  const measured = new Map<Renderer, Measured>();
  const failures = new Map<Renderer, string>();
  let shipped: Measured | undefined;
  let shippedReason: string | undefined;
  try {
    for (const r of renderers) {
      const b = built.get(r);
      if (!b?.ok) continue;
      try {
        measured.set(r, await fetchedFiles(browser, url, r));
      } catch (e) {
        failures.set(r, firstLine(e));
      }
    }
    if (built.get('komek')?.ok) {
      try {
        await buildShippedPage(form, lang);
        shipped = await fetchedFiles(browser, url, 'komek-shipped');
      } catch (e) {
        shippedReason = firstLine(e);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }

  const total = (m: Measured | undefined) => (m ? m.js + m.css : null);
  const ours = measured.get('komek');
  const oursReason = !built.get('komek')?.ok
    ? (built.get('komek') as { reason: string }).reason
    : failures.get('komek');
  const describe = (m: Measured) =>
    `JS ${fmt(m.js)} + CSS ${fmt(m.css)} KiB gzip in ${m.files.length} file(s), ${fmt(m.raw)} KiB minified`;
  const kindsOf = (m: Measured | undefined) => {
    const byKind = new Map<ChunkKind, number>();
    for (const f of m?.files ?? []) byKind.set(chunkKind(f.file), (byKind.get(chunkKind(f.file)) ?? 0) + f.gzip);
    return byKind;
  };
  const kindText = (m: Measured) =>
    [...kindsOf(m)]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k.replace('locale:', 'messages ')} ${fmt(v)}`)
      .join(', ');
  const byKind = kindsOf(ours);
  const rows: Row[] = [];
  // Two pages of ours against each peer: the one the package's README tells an embedding site to serve (komek.js as
  // shipped, with its chunks, forms/ and locales/), which carries DESIGN.md's bar; and the element built from
  // source by the page's own Vite build (as the case desk builds it), where the host's bundler adds its own code.
  const pages = [
    {
      figure: 'size: JS+CSS gzip a page fetches to show the largest form (komek.js as shipped)',
      m: shipped,
      reason: shippedReason ?? oursReason,
      bar: true,
    },
    {
      figure:
        "size: JS+CSS gzip a page fetches to show the largest form (element built from source by the page's Vite)",
      m: ours,
      reason: oursReason,
      bar: false,
    },
  ];
  for (const { figure, m: mine, reason, bar } of pages) {
    for (const peer of renderers.filter((r) => r !== 'komek')) {
      const p = measured.get(peer);
      const peerReason =
        failures.get(peer) ?? (!built.get(peer)?.ok ? (built.get(peer) as { reason: string }).reason : undefined);
      const ratio = ratioOf(total(mine), total(p));
      rows.push({
        figure,
        unit: 'KiB',
        ours: total(mine),
        peer: rendererTitle[peer],
        peerValue: total(p),
        ratio,
        ...(bar ? { bar: '≤ 1/3 of the peer', meets: ratio === null ? null : ratio <= 1 / 3 } : {}),
        note: [
          mine ? `ours ${describe(mine)}: ${kindText(mine)}` : `ours ${reason ?? 'not measured'}`,
          p
            ? `peer ${describe(p)} (library, form definition with ${lang} labels${peer === 'surveyjs' ? `, ${lang} UI strings, theme CSS` : ''})`
            : `peer ${peerReason ?? 'not measured'}`,
        ].join('; '),
      });
    }
  }
  // The renderer, one locale and one form's validator: what the bar's 40 KiB is compared with on the largest form.
  const barKiB = ours
    ? (byKind.get('renderer') ?? 0) + (byKind.get('validator') ?? 0) + (byKind.get(`locale:${lang}`) ?? 0)
    : null;
  const fallback = [...byKind].filter(([k]) => k.startsWith('locale:') && k !== `locale:${lang}`);
  rows.push({
    figure: `size: renderer (all widgets) + ${lang} messages + the form's validator, gzip`,
    unit: 'KiB',
    ours: barKiB,
    peer: null,
    peerValue: null,
    ratio: null,
    note: ours
      ? `the fetched files less the form's definition (its model)${fallback.length ? ` and the ${fallback.map(([k, v]) => `${k.slice(7)} fallback messages (${fmt(v)} KiB, also fetched)`).join(', ')}` : ''}; ` +
        `the validator and labels of this 134-input form grow with it (for every form: \`pnpm --filter @komek/elements build\`)`
      : `ours ${oursReason ?? 'not measured'}`,
  });

  // The renderer as packaged by its own build (packages/elements/dist): the bundle DESIGN.md's 40 KiB is about.
  const distDir = join(repoRoot, 'packages', 'elements', 'dist');
  const manifestFile = join(distDir, '.vite', 'manifest.json');
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<
      string,
      { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] }
    >;
    const files = new Set<string>();
    const visit = (key: string) => {
      const chunk = manifest[key];
      if (!chunk || files.has(chunk.file)) return;
      files.add(chunk.file);
      (chunk.imports ?? []).forEach(visit);
    };
    const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
    if (entryKey) visit(entryKey);
    const gzipOf = (fs: Iterable<string>) =>
      [...fs].reduce((sum, f) => sum + gzipKiB(readFileSync(join(distDir, f))), 0);
    const kib = gzipOf(files);
    // The element's parts fetched on demand (chunks komek.js imports dynamically), with what they import that
    // komek.js does not hold: so that nobody takes the entry for all the renderer code a page may fetch.
    const dynamic = entryKey ? (manifest[entryKey]!.dynamicImports ?? []) : [];
    const ownFiles = (key: string) => {
      const own = new Set<string>();
      const walk = (k: string) => {
        const chunk = manifest[k];
        if (!chunk || files.has(chunk.file) || own.has(chunk.file)) return;
        own.add(chunk.file);
        (chunk.imports ?? []).forEach(walk);
      };
      walk(key);
      return own;
    };
    const onDemand = dynamic.map(
      (key) => `${key.replace(/^.*\//, '').replace(/\.ts$/, '')} ${gzipOf(ownFiles(key)).toFixed(1)}`,
    );
    // Every widget's code: komek.js with the chunks of the widgets drawn on demand (the needs and plan tables) and
    // the drawing surface of a signature, which a person unfolds. What DESIGN.md's bar is about.
    const widgetParts = dynamic.filter((k) => /^src\/(widgets|signature-pad)\//.test(k));
    const everyWidget = new Set(files);
    for (const key of widgetParts) for (const f of ownFiles(key)) everyWidget.add(f);
    const everyWidgetKiB = gzipOf(everyWidget);
    rows.push({
      figure: "size: embeddable renderer bundle, every widget (dist/komek.js + the widgets' chunks), gzip",
      unit: 'KiB',
      ours: everyWidgetKiB,
      peer: null,
      peerValue: null,
      ratio: null,
      bar: `≤ ${SIZE_BAR_KIB} KiB`,
      meets: everyWidgetKiB <= SIZE_BAR_KIB,
      note:
        `what \`pnpm --filter @komek/elements build\` wrote: ${[...everyWidget].sort().join(', ')} ` +
        `(komek.js and its static chunks, with the widgets' parts a page fetches when a form has such a widget or a ` +
        `person unfolds a drawn signature)`,
    });
    rows.push({
      figure: 'size: komek.js and its static chunks (what every page fetches first), gzip',
      unit: 'KiB',
      ours: kib,
      peer: null,
      peerValue: null,
      ratio: null,
      note:
        `${[...files].join(', ')}; a form's model, validator and messages are fetched on demand beside it, and these ` +
        `parts of the element (KiB gzip; \`checking\`, the form session's code, with every form; the tables with a ` +
        `form that has one; the others when a page uses them): ` +
        onDemand.join(', '),
    });
  }
  return { rows, chromium };
}
