// `pnpm bench profile [renderer…]`: where a renderer's first render and keystrokes spend their time
// (`pnpm bench profile pdf`: where our filled PDF spends it). Builds the
// pages unminified, samples Chromium's CPU profiler around mounts and keystrokes over a few page loads, and prints
// the functions with the most self time and the share of each source file. Writes no results.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { buildPage, outDir, renderers, typedField, writeHarness, type Renderer } from './build.js';
import { launchChromium, serve } from './browser.js';
import { fixture, pickForm, repoRoot } from './form.js';
import { fmt } from './report.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** For each built file, the source module each line comes from (the bundler's `// <path>` markers). */
const moduleLines = new Map<string, { line: number; module: string }[]>();

function moduleAt(file: string, line: number): string {
  if (!moduleLines.has(file)) {
    const marks: { line: number; module: string }[] = [];
    const path = join(outDir, file);
    if (existsSync(path)) {
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((text, i) => {
          const m = /^\/\/ (\S+\.(?:ts|js|mjs|json))$/.exec(text);
          if (m)
            marks.push({ line: i, module: m[1]!.replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, '') });
        });
    }
    moduleLines.set(file, marks);
  }
  let found = file;
  for (const m of moduleLines.get(file)!) if (m.line <= line) found = m.module;
  return found;
}

/** Self time (ms) per function and per source module of a profile, added into the maps. */
function accumulate(p: Profile, byFunction: Map<string, number>, byFile: Map<string, number>): number {
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const samples = p.samples ?? [];
  const deltas = p.timeDeltas ?? [];
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    const n = nodes.get(samples[i]!)!;
    const ms = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    const { functionName, url, lineNumber } = n.callFrame;
    let file: string;
    let module: string;
    if (url.startsWith('file://') || url.startsWith('node:')) {
      // A Node profile: the source file itself, packages from node_modules by name.
      file = url.replace(/^file:\/\//, '').replace(repoRoot + '/', '');
      const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?(@[^/]+\/[^/]+|[^/]+)/.exec(file);
      module = pkg ? pkg[1]! : file;
    } else {
      const built = url.replace(/^https?:\/\/[^/]+\//, '');
      file = url ? built.replace(/^[\w-]+\/app\//, '') : `(${functionName || 'native'})`;
      module = url ? moduleAt(built, lineNumber) : (NATIVE_GROUP[functionName] ?? `(${functionName || 'native'})`);
    }
    if (functionName === '(idle)' || functionName === '(program)') continue;
    total += ms;
    const fn = `${functionName || '(anonymous)'}  ${file}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    byFile.set(module, (byFile.get(module) ?? 0) + ms);
  }
  return total;
}

/** Browser-internal frames grouped by what they are. */
const NATIVE_GROUP: Record<string, string> = {
  getBoundingClientRect: '(style + layout, forced by the harness)',
  focus: '(focus: style + layout)',
  setAttribute: '(DOM: setAttribute)',
  importNode: '(DOM: clone templates)',
  insertBefore: '(DOM: insert)',
  appendChild: '(DOM: insert)',
  replaceSync: '(CSS: parse stylesheets)',
  '(garbage collector)': '(garbage collector)',
};

/** Share of each package (or folder of ours) in the renderer's entry file, unminified, for what the bytes are. */
function composition(r: Renderer): void {
  const path = join(outDir, `${r}-debug`, 'app', 'entry.js');
  if (!existsSync(path)) return;
  const sizes = new Map<string, number>();
  let current = '(bundler glue)';
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^\/\/ (\S+\.(?:ts|js|mjs|json))$/.exec(line);
    if (m) {
      const mod = m[1]!.replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, '');
      const pkg = /^(@[^/]+\/[^/]+|[^/]+)/.exec(mod)![1]!;
      current = mod.startsWith('packages/')
        ? mod
            .split('/')
            .slice(0, mod.includes('/src/') ? 4 : 2)
            .join('/')
            .replace(/\.ts$/, '')
        : pkg;
      continue;
    }
    sizes.set(current, (sizes.get(current) ?? 0) + line.length + 1);
  }
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  console.log(
    `\n${r}: entry file by source (unminified ${fmt(total / 1024)} KiB; minified and gzipped sizes are in \`pnpm bench size\`)`,
  );
  for (const [k, v] of [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`    ${fmt(v / 1024).padStart(7)} KiB  ${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
  }
}

async function profiled<T>(cdp: CDPSession, action: () => Promise<T>): Promise<{ value: T; profile: Profile }> {
  await cdp.send('Profiler.start');
  const value = await action();
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  return { value, profile };
}

function top(title: string, m: Map<string, number>, total: number, n: number): void {
  console.log(`\n  ${title} (total ${fmt(total)} ms)`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n))
    console.log(`    ${fmt(v).padStart(7)} ms  ${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
}

/** Profiles our filled bilingual PDF of the largest form in this process (Node's inspector). */
async function profilePdf(): Promise<void> {
  const { Session } = await import('node:inspector/promises');
  const { createPaperForm } = await import('@komek/pdf');
  const form = await pickForm();
  const data = fixture(form.id, 'valid-1');
  const make = () => createPaperForm(form.id, { languages: ['kk', 'ru'], data, mode: 'filled' });
  for (let i = 0; i < 3; i++) await make();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  const n = 10;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await make();
  const ms = (performance.now() - t0) / n;
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  session.disconnect();
  const fns = new Map<string, number>();
  const files = new Map<string, number>();
  const total = accumulate(profile, fns, files);
  console.log(`\npdf: ${form.id}, filled kk+ru, ${n} warm documents, ${fmt(ms)} ms each with the profiler on`);
  top('self time by function', fns, total, 25);
  top('self time by file or package', files, total, 20);
}

export async function profileBench(names: string[]): Promise<void> {
  if (names[0] === 'pdf') return profilePdf();
  const chosen = (names.length > 0 ? names : ['komek']) as Renderer[];
  const form = await pickForm();
  const field = typedField(form);
  writeHarness();
  const loads = Number(process.env.KOMEK_BENCH_PROFILE_LOADS ?? 5);
  for (const r of chosen) {
    if (!renderers.includes(r)) throw new Error(`unknown renderer ${r} (choose from ${renderers.join(', ')})`);
    await buildPage(r, form, 'ru', true);
  }
  for (const r of chosen) composition(r);
  const { url, server } = await serve(outDir);
  const browser = await launchChromium();
  try {
    for (const r of chosen) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      const mountFns = new Map<string, number>();
      const mountFiles = new Map<string, number>();
      const keyFns = new Map<string, number>();
      const keyFiles = new Map<string, number>();
      let mountTotal = 0;
      let keyTotal = 0;
      const mounts: number[] = [];
      for (let i = 0; i < loads; i++) {
        await page.goto(`${url}/${r}-debug/`, { waitUntil: 'load' });
        await page.evaluate('komekBench.prepare ? komekBench.prepare() : 0');
        const m = await profiled(cdp, () =>
          page.evaluate<{ mount: number }>(`komekMount(${JSON.stringify({ field, prepare: false })})`),
        );
        mounts.push(m.value.mount);
        mountTotal += accumulate(m.profile, mountFns, mountFiles);
        await page.evaluate('komekFocus()');
        const k = await profiled(cdp, async () => {
          for (let j = 0; j < 3; j++) {
            await page.evaluate('komekType()');
            await new Promise((res) => setTimeout(res, 450));
          }
        });
        keyTotal += accumulate(k.profile, keyFns, keyFiles);
      }
      console.log(
        `\n${r}: ${form.id}, ${loads} page loads, mounts ${mounts.map((x) => fmt(x)).join(' / ')} ms (unminified build, profiler on)`,
      );
      top('first render: self time by function', mountFns, mountTotal, 25);
      top('first render: self time by source module', mountFiles, mountTotal, 20);
      top(`keystrokes (${loads * 3}, each with 450 ms after it): self time by function`, keyFns, keyTotal, 15);
      top('keystrokes: self time by source module', keyFiles, keyTotal, 12);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`\n(pages in ${join(outDir, '<renderer>-debug')})`);
}
