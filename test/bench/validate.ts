// Validation: validations per second of our generated standalone validator (ajv standalone code, no compiler at
// run time) against ajv compiling the same schemas at run time, with the same options and the same date format,
// on valid and invalid data of the largest form, in Node. Also the time to a ready validator: importing the
// generated module against compiling.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validatorLoaders } from '@komek/forms';
import { compileAtRunTime as compileBundle } from '../../packages/codegen/src/ajvOptions.js';
import { fixture, pickForm, repoRoot, type BenchForm } from './form.js';
import { fmt, median, ratioOf, type Row } from './report.js';

interface Validator {
  (data: unknown): boolean;
  errors?: unknown[] | null;
}

const PEER = 'ajv 8 compiled at run time (Ajv2020)';

/** ajv as an application would use it: the form's bundle compiled on start, as the generator compiles it. */
function compileAtRunTime(form: BenchForm): Validator {
  return compileBundle(form.bundle);
}

/** How many calls take about `ms`. */
function batchFor(fn: Validator, data: unknown, ms: number): number {
  let batch = 1000;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fn(data);
    const dt = performance.now() - t0;
    if (dt > ms / 4) return Math.max(1, Math.round((batch * ms) / dt));
    batch *= 4;
  }
}

/**
 * Calls per second of two validators on the same data: warm-up, then rounds of about `roundMs` each, alternating
 * between the two so that drift of a shared machine touches both; median of the rounds.
 */
function rates(a: Validator, b: Validator, data: unknown, rounds = 9, roundMs = 200): [number, number] {
  const batches = [batchFor(a, data, roundMs), batchFor(b, data, roundMs)] as const;
  const out: [number[], number[]] = [[], []];
  for (let r = 0; r < rounds; r++) {
    for (const k of r % 2 ? [1, 0] : [0, 1]) {
      const fn = k === 0 ? a : b;
      const n = batches[k]!;
      const t0 = performance.now();
      for (let i = 0; i < n; i++) fn(data);
      out[k]!.push(n / ((performance.now() - t0) / 1000));
    }
  }
  return [median(out[0]), median(out[1])];
}

export async function validateBench(): Promise<{ rows: Row[] }> {
  const form = await pickForm();
  const t0 = performance.now();
  const ours = (await validatorLoaders[form.id]()) as unknown as Validator;
  const importMs = performance.now() - t0;
  const compileTimes: number[] = [];
  let peer = compileAtRunTime(form);
  for (let i = 0; i < 5; i++) {
    const c0 = performance.now();
    peer = compileAtRunTime(form);
    peer({});
    compileTimes.push(performance.now() - c0);
  }

  const valid = fixture(form.id, 'valid-1');
  const invalidNames = readdirSync(join(repoRoot, 'test', 'fixtures', 'forms', form.id))
    .filter((f) => /^invalid-\d+\.json$/.test(f))
    .sort();
  const invalidName = invalidNames[0]?.replace(/\.json$/, '');
  if (!invalidName) throw new Error(`${form.id} has no invalid fixture`);
  const invalid = fixture(form.id, invalidName);

  // Both must agree before their speeds mean anything.
  for (const [name, data, expected] of [
    ['valid-1', valid, true],
    [invalidName, invalid, false],
  ] as const) {
    const a = ours(data);
    const b = peer(data);
    if (a !== expected || b !== expected)
      throw new Error(`${name}: ours says ${a}, ajv says ${b}, expected ${expected}`);
    if (!expected && (ours.errors?.length ?? 0) !== (peer.errors?.length ?? 0)) {
      throw new Error(`${name}: ours reports ${ours.errors?.length} errors, ajv ${peer.errors?.length}`);
    }
  }
  console.log(`validate: ${form.id}, valid-1 and ${invalidName} (${ours(invalid) ? 0 : ours.errors?.length} errors)`);

  const rows: Row[] = [];
  for (const [label, data] of [
    ['valid data (valid-1)', valid],
    [`invalid data (${invalidName})`, invalid],
  ] as const) {
    const [o, p] = rates(ours, peer, data);
    rows.push({
      figure: `validate: ${label}`,
      unit: 'ops/s',
      ours: o,
      peer: PEER,
      peerValue: p,
      ratio: ratioOf(o, p),
      note: 'higher is better; the same generated code runs in both, so about 1× is expected',
    });
  }
  const compile = median(compileTimes);
  rows.push({
    figure: 'validate: time to a ready validator',
    unit: 'ms',
    ours: importMs,
    peer: PEER,
    peerValue: compile,
    ratio: ratioOf(importMs, compile),
    note: `ours: first import of the generated module; peer: new Ajv2020 + addSchema + compile, median of 5 (${fmt(Math.min(...compileTimes))}–${fmt(Math.max(...compileTimes))} ms)`,
  });
  return { rows };
}
