// Render: first render and one-keystroke update of the largest form in headless Chromium, ours against the peers
// on the same form. Each run loads the renderer's page afresh, mounts the form once (timed in the page with
// performance.now() from mount to a laid-out, settled DOM) and types a few characters into the same text field
// (each keystroke timed from the input event to a laid-out, settled DOM). Beside those in-page times, Chromium's
// main-thread task time (thread time) of the mount and of each keystroke, deferred work included, gives the work
// each caused. Pages are interleaved run by run so that machine noise spreads over every renderer.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAll, rendererTitle, renderers, typedField, outDir, type Renderer } from './build.js';
import type { CDPSession } from 'playwright-core';
import { launchChromium, serve } from './browser.js';
import { inputLeaves, labeler, pickForm, type BenchForm } from './form.js';
import { median, percentile, ratioOf, fmt, type Row } from './report.js';

export interface RenderOptions {
  /** Page loads per renderer (each gives one first render). */
  runs?: number;
  /** Keystrokes typed per page load. */
  keystrokes?: number;
  lang?: string;
}

interface RunResult {
  mount: number;
  /** In-page time from mount to the whole form drawn and laid out (ours draws a long form in parts). */
  whole: number;
  inputsWhole: number;
  /** Main-thread time of the mount and what it deferred, less the driver's own cost. */
  mountWork: Busy;
  /** In-page time from each input event to a settled DOM. */
  keystrokes: number[];
  /** Main-thread time each keystroke caused, deferred work included, less the driver's own cost. */
  work: Busy[];
  /** The driver's own cost of a call (the same call without typing), subtracted from `work`. */
  baseline: Busy;
  inputs: number;
}

/** How long after a keystroke its deferred work (debounced validation, delayed emits) is still counted. */
const WORK_WINDOW_MS = Number(process.env.KOMEK_BENCH_WORK_WINDOW ?? 400);

/**
 * Main-thread time of the page, in ms: all tasks, and the style and layout parts of them. (Chromium's
 * ScriptDuration leaves out script run from the driver's calls and their callbacks, so it is not reported.)
 */
interface Busy {
  task: number;
  style: number;
  layout: number;
  /** Script run in the page's own tasks (timers, frames), not in the driver's calls: a renderer's deferred work. */
  script: number;
}

/** Cumulative main-thread times of the page (Chromium's Performance domain, thread time). */
async function busyMs(cdp: CDPSession): Promise<Busy> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? NaN) * 1000;
  return {
    task: get('TaskDuration'),
    style: get('RecalcStyleDuration'),
    layout: get('LayoutDuration'),
    script: get('ScriptDuration'),
  };
}

const minus = (a: Busy, b: Busy): Busy => ({
  task: a.task - b.task,
  style: a.style - b.style,
  layout: a.layout - b.layout,
  script: a.script - b.script,
});
const atLeastZero = (a: Busy): Busy => ({
  task: Math.max(0, a.task),
  style: Math.max(0, a.style),
  layout: Math.max(0, a.layout),
  script: Math.max(0, a.script),
});

/**
 * The browser's own floor: a plain HTML page (no renderer, no script on input) with as many labelled text inputs as
 * the form has inputs, typed into the same way. What a keystroke costs there is paint, compositing, the driver's
 * and the harness's work: no renderer can cost less.
 */
function writePlainPage(form: BenchForm, lang: string): void {
  const label = labeler([lang]);
  const labels = inputLeaves(form.model.root).map((n) => label(n.labelKey, n.englishLabel));
  const dir = join(outDir, 'plain');
  mkdirSync(dir, { recursive: true });
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const fields = labels
    .map((l, i) => `<p><label for="f${i}">${escape(l)}</label><br><input id="f${i}" type="text"></p>`)
    .join('');
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>plain</title></head><body><div id="root"></div>` +
      `<template id="form"><form>${fields}</form></template><script src="../harness.js"></script><script>` +
      `window.komekBench={name:'plain',mount(c){c.append(document.getElementById('form').content.cloneNode(true))},textInput(c){return c.querySelector('#f0')}};` +
      `</script></body></html>\n`,
  );
}
type Page = Renderer | 'plain';

export const RENDER_BARS = { firstRender: 30, keystroke: 2 };

export async function renderBench(options: RenderOptions = {}): Promise<{ rows: Row[]; chromium: string }> {
  const runs = options.runs ?? Number(process.env.KOMEK_BENCH_RUNS ?? 15);
  const keystrokes = options.keystrokes ?? 3;
  const lang = options.lang ?? 'ru';
  const form = await pickForm();
  const field = typedField(form);
  console.log(
    `render: ${form.id} (${form.inputs} inputs, lang ${lang}), ${runs} page loads per renderer, ${keystrokes} keystrokes each into ${field.pointer}`,
  );
  const built = await buildAll(form, lang);
  writePlainPage(form, lang);
  const { url, server } = await serve(outDir);
  const browser = await launchChromium();
  const chromium = browser.version();
  const samples = new Map<Page, RunResult[]>();
  const failures = new Map<Page, string>();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const cdp = await page.context().newCDPSession(page);
    let lastError = '';
    page.on('pageerror', (e) => (lastError = e.message));
    /** Main-thread time the page spends in `action` and the `WORK_WINDOW_MS` after it. */
    const work = async <T>(action: () => Promise<T>): Promise<{ value: T; ms: Busy }> => {
      const before = await busyMs(cdp);
      const value = await action();
      await new Promise((r) => setTimeout(r, WORK_WINDOW_MS));
      return { value, ms: minus(await busyMs(cdp), before) };
    };
    const active: Page[] = [...renderers.filter((r) => built.get(r)?.ok), 'plain'];
    for (let i = 0; i < runs; i++) {
      for (const r of active) {
        if (failures.has(r)) continue;
        try {
          await page.goto(`${url}/${r}/`, { waitUntil: 'load' });
          await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
          // Chunks a renderer loads on demand are loaded first: the peers have theirs evaluated with the page.
          await page.evaluate('komekPrepare()');
          // The driver's own cost, before the form exists (for the mount) and after (for keystrokes).
          const mountBaseline = (await work(() => page.evaluate('komekNoop()'))).ms;
          const mounting = await work(() =>
            page.evaluate<{ mount: number; inputs: number; whole: number; inputsWhole: number }>(
              `komekMount(${JSON.stringify({ field, prepare: false })})`,
            ),
          );
          const mounted = mounting.value;
          await page.evaluate('komekFocus()');
          const baseline = (await work(() => page.evaluate('komekNoop()'))).ms;
          const latency: number[] = [];
          const busy: Busy[] = [];
          for (let k = 0; k < keystrokes; k++) {
            const w = await work(() => page.evaluate<number>('komekType()'));
            latency.push(w.value);
            busy.push(atLeastZero(minus(w.ms, baseline)));
          }
          const value = await page.evaluate<string>('komekValue()');
          if (value !== 'абвгдеёжзи'.repeat(10).slice(0, keystrokes))
            throw new Error(`typed text did not arrive in the field (value ${JSON.stringify(value)})`);
          samples.set(r, [
            ...(samples.get(r) ?? []),
            {
              mount: mounted.mount,
              whole: mounted.whole,
              inputsWhole: mounted.inputsWhole,
              mountWork: atLeastZero(minus(mounting.ms, mountBaseline)),
              inputs: mounted.inputs,
              keystrokes: latency,
              work: busy,
              baseline,
            },
          ]);
        } catch (e) {
          failures.set(
            r,
            `${(e instanceof Error ? e.message : String(e)).split('\n')[0]}${lastError ? ` (page error: ${lastError})` : ''}`,
          );
        }
      }
      process.stdout.write(`\r  run ${i + 1}/${runs}`);
    }
    process.stdout.write('\n');
  } finally {
    await browser.close();
    server.close();
  }

  const parts = (xs: Busy[]) => ({ style: median(xs.map((x) => x.style)), layout: median(xs.map((x) => x.layout)) });
  const stats = (r: Page) => {
    const s = samples.get(r);
    if (!s || s.length === 0) return undefined;
    const mounts = s.map((x) => x.mount);
    const keys = s.flatMap((x) => x.keystrokes);
    const busy = s.flatMap((x) => x.work);
    return {
      mount: median(mounts),
      mountP90: percentile(mounts, 90),
      whole: median(s.map((x) => x.whole)),
      inputsWhole: s[0]!.inputsWhole,
      mountWork: median(s.map((x) => x.mountWork.task)),
      mountParts: parts(s.map((x) => x.mountWork)),
      key: median(keys),
      keyP90: percentile(keys, 90),
      firstKey: median(s.map((x) => x.keystrokes[0]!)),
      work: median(busy.map((x) => x.task)),
      workP90: percentile(
        busy.map((x) => x.task),
        90,
      ),
      workParts: parts(busy),
      // The renderer's own work per keystroke: from the input event to a laid-out DOM (its handlers, re-render,
      // the style and layout that forces), plus the script it runs later in its own tasks (debounced validation).
      own: median(s.flatMap((x) => x.keystrokes.map((k, i) => k + x.work[i]!.script))),
      deferred: median(busy.map((x) => x.script)),
      baseline: median(s.map((x) => x.baseline.task)),
      n: s.length,
      inputs: s[0]!.inputs,
    };
  };
  const split = (p: { style: number; layout: number } | undefined) =>
    p ? `style ${fmt(p.style)} + layout ${fmt(p.layout)} ms` : '—';
  const ours = stats('komek');
  const plain = stats('plain');
  const oursReason = !built.get('komek')?.ok
    ? (built.get('komek') as { reason: string }).reason
    : failures.get('komek');
  const rows: Row[] = [];
  // DESIGN.md's bar for the whole form: at most half the fastest peer's time, on every peer's row.
  const peerWholes = renderers
    .filter((r) => r !== 'komek')
    .map((r) => stats(r)?.whole)
    .filter((w): w is number => w !== undefined);
  const fastestWhole = peerWholes.length > 0 ? Math.min(...peerWholes) : undefined;
  const wholeBar: Pick<Row, 'bar' | 'meets'> = {
    bar: `≤ ½ of the fastest peer (${fmt(fastestWhole)} ms)`,
    meets: ours?.whole === undefined || fastestWhole === undefined ? null : ours.whole <= fastestWhole / 2,
  };
  for (const peer of renderers.filter((r) => r !== 'komek')) {
    const p = stats(peer);
    const peerNote =
      failures.get(peer) ?? (!built.get(peer)?.ok ? (built.get(peer) as { reason: string }).reason : undefined);
    const mk = (
      figure: string,
      o: number | undefined,
      v: number | undefined,
      bar: number | undefined,
      extra: string,
    ): Row => ({
      figure,
      unit: 'ms',
      ours: o ?? null,
      peer: rendererTitle[peer],
      peerValue: v ?? null,
      ratio: ratioOf(o ?? null, v ?? null),
      ...(bar === undefined ? {} : { bar: `< ${bar} ms`, meets: o === undefined ? null : o < bar }),
      note: [oursReason && `ours ${oursReason}`, peerNote && `peer ${peerNote}`, extra].filter(Boolean).join('; '),
    });
    const n = (x: typeof ours) => x?.n ?? 0;
    rows.push(
      mk(
        'render: first render, largest form',
        ours?.mount,
        p?.mount,
        RENDER_BARS.firstRender,
        `mount to laid-out settled DOM, median of ${n(ours)} / ${n(p)} page loads; p90 ours ${fmt(ours?.mountP90)} ms, peer ${fmt(p?.mountP90)} ms; controls drawn by then ours ${ours?.inputs ?? '—'} (the first part of the form; the rest follows in the next frames, see the next figure), peer ${p?.inputs ?? '—'}`,
      ),
      {
        ...mk(
          'render: whole largest form drawn',
          ours?.whole,
          p?.whole,
          undefined,
          `mount to every part of the form drawn and laid out (ours draws a long form a part per frame after the first; a peer that draws at once has its first-render time here); median; controls drawn ours ${ours?.inputsWhole ?? '—'}, peer ${p?.inputsWhole ?? '—'}`,
        ),
        ...wholeBar,
      },
      mk(
        'render: first render, main-thread work',
        ours?.mountWork,
        p?.mountWork,
        undefined,
        `Chromium task time (thread CPU, so less skewed by other load on the machine than wall time) of the mount and the ${WORK_WINDOW_MS} ms after it, less an empty call; median of ${n(ours)} / ${n(p)} page loads; of which ours ${split(ours?.mountParts)}, peer ${split(p?.mountParts)} (the rest: script, compiling code, paint, GC)`,
      ),
      mk(
        'render: one keystroke, renderer work',
        ours?.own,
        p?.own,
        RENDER_BARS.keystroke,
        `in-page time from the input event to a laid-out DOM that stops changing (handlers, re-render, the style and layout it forces) plus Chromium script time of the renderer's own later tasks (debounced validation, delayed emits: ours ${fmt(ours?.deferred)} ms, peer ${fmt(p?.deferred)} ms) in the ${WORK_WINDOW_MS} ms after; median of ${n(ours) * keystrokes} / ${n(p) * keystrokes}. The bar applies here: the main-thread figure below also counts paint, compositing and the driver, which a plain HTML page pays too`,
      ),
      mk(
        'render: one keystroke, main-thread work',
        ours?.work,
        p?.work,
        undefined,
        `Chromium task time (thread CPU) from the input event through the next ${WORK_WINDOW_MS} ms, deferred work (debounced validation, delayed emits) included, less the same call without typing (ours ${fmt(ours?.baseline)} ms, peer ${fmt(p?.baseline)} ms); median of ${n(ours) * keystrokes} / ${n(p) * keystrokes}; p90 ours ${fmt(ours?.workP90)} ms, peer ${fmt(p?.workP90)} ms; of which ours ${split(ours?.workParts)}, peer ${split(p?.workParts)} (the rest: script, paint, compositing, GC); a plain HTML page with as many labelled text inputs and no script costs ${fmt(plain?.work)} ms here (median of ${n(plain) * keystrokes}): the browser's floor for this measure`,
      ),
      mk(
        'render: one keystroke, input event to settled DOM',
        ours?.key,
        p?.key,
        undefined,
        `in-page latency to a laid-out DOM that stops changing; median of ${n(ours) * keystrokes} / ${n(p) * keystrokes}; first keystroke of a page ours ${fmt(ours?.firstKey)} ms, peer ${fmt(p?.firstKey)} ms; p90 ours ${fmt(ours?.keyP90)} ms, peer ${fmt(p?.keyP90)} ms`,
      ),
    );
  }
  return { rows, chromium };
}
