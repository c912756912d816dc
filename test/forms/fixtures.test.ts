import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFormModel, mapErrors, pointerSegments, pruneHidden, walkNodes, type FormModel } from '@komek/core';
import { formIds, schemaLoaders, validatorLoaders, type FormId } from '@komek/forms';
import type { ValidateFunction } from 'ajv';
import { compileAtRunTime } from '../../packages/codegen/src/ajvOptions.js';

const dir = join(import.meta.dirname, '../fixtures/forms');
const read = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as unknown;

/** A copy of data with the value at a pointer set, objects made on the way. */
function setAt(data: unknown, pointer: string, value: unknown): unknown {
  const copy = structuredClone(data) as Record<string, unknown>;
  let at = copy;
  const segments = pointerSegments(pointer);
  segments.slice(0, -1).forEach((seg) => {
    const next = at[seg];
    at = (at[seg] = next !== null && typeof next === 'object' ? next : {}) as Record<string, unknown>;
  });
  at[segments[segments.length - 1]!] = value;
  return copy;
}

/**
 * The data with every `x-komek.dateOrder` pair of the form reversed (the later date before the earlier), so that the
 * generated `dateOrder` keyword reports each: undefined when the form orders no dates.
 */
function datesReversed(model: FormModel, data: unknown): unknown {
  let out: unknown;
  for (const node of walkNodes(model.root))
    for (const [earlier, later] of node.annotation.dateOrder ?? []) {
      out = setAt(out ?? data, node.pointer + earlier, '2030-06-01');
      out = setAt(out, node.pointer + later, '2020-06-01');
    }
  return out;
}

/**
 * A copy of data with an unexpected key in every object, nested ones included: refused by `additionalProperties`,
 * and by `unevaluatedProperties` where a form uses it (which reads what the functions of its parts evaluated).
 */
function unexpectedEverywhere(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(unexpectedEverywhere);
  if (data === null || typeof data !== 'object') return data;
  return {
    ...Object.fromEntries(Object.entries(data).map(([k, v]) => [k, unexpectedEverywhere(v)])),
    unexpected: 1,
  };
}

describe.each(formIds.map((id) => [id]))('fixtures of %s', (id: FormId) => {
  // ajv compiling the form's schemas at run time as the generator does (its options, date format and `dateOrder`
  // keyword), as an application would: once per form.
  let compiled: Promise<ValidateFunction> | undefined;
  const compiledAtRunTime = async () => {
    compiled ??= schemaLoaders[id]().then(compileAtRunTime);
    return compiled;
  };
  const folder = join(dir, id);
  const files = existsSync(folder)
    ? readdirSync(folder).filter((f) => f.endsWith('.json') && !f.endsWith('.expect.json'))
    : [];

  it('has a valid and at least two invalid examples', () => {
    expect(files.filter((f) => f.startsWith('valid-')).length).toBeGreaterThanOrEqual(1);
    expect(files.filter((f) => f.startsWith('invalid-')).length).toBeGreaterThanOrEqual(2);
  });

  for (const f of files.filter((f) => f.startsWith('valid-'))) {
    it(`${f} is valid`, async () => {
      const validate = await validatorLoaders[id]();
      const model = buildFormModel(await schemaLoaders[id]());
      const data = read(join(folder, f));
      const ok = validate(data);
      expect(ok ? [] : mapErrors(model, validate.errors).map((i) => `${i.pointer} ${i.keyword} ${i.message}`)).toEqual(
        [],
      );
      // A complete example holds no answer the form would hide.
      expect(pruneHidden(model, data)).toEqual(data);
    });
  }
  for (const f of files.filter((f) => f.startsWith('invalid-'))) {
    it(`${f} is refused with the expected error`, async () => {
      const validate = await validatorLoaders[id]();
      expect(validate(read(join(folder, f)))).toBe(false);
      const expectFile = join(folder, f.replace(/\.json$/, '.expect.json'));
      expect(
        existsSync(expectFile),
        `${f} names the error it must cause in ${f.replace(/\.json$/, '.expect.json')}`,
      ).toBe(true);
      const want = read(expectFile) as { instancePath: string; keyword: string };
      const model = buildFormModel(await schemaLoaders[id]());
      const got = mapErrors(model, validate.errors);
      const match = got.some(
        (i) =>
          i.keyword === want.keyword &&
          (i.pointer === want.instancePath || i.pointer.replace(/\/[^/]*$/, '') === want.instancePath),
      );
      expect(
        match,
        `expected ${want.keyword} at ${want.instancePath}; got ${got.map((i) => `${i.keyword}@${i.pointer}`).join(', ')}`,
      ).toBe(true);
      // Every error is placed on a labelled field of the form.
      for (const i of got) expect(i.node, `node for ${i.pointer}`).toBeDefined();
    });

    it(`${f}: the generated (compacted) validator gives the errors ajv compiled at run time gives`, async () => {
      const validate = await validatorLoaders[id]();
      const reference = await compiledAtRunTime();
      const data = read(join(folder, f));
      // Mutated too: errors deeper in the data and of other keywords than the fixture's own (an unexpected key in
      // every object among them), and the form's ordered dates reversed, which both must report as `dateOrder`.
      const variants = [data, { ...(data as object), unexpected: 1 }, unexpectedEverywhere(data), {}];
      const reversed = datesReversed(buildFormModel(await schemaLoaders[id]()), data);
      if (reversed !== undefined) {
        variants.push(reversed);
        expect(reference(reversed)).toBe(false);
        expect(reference.errors?.map((e) => e.keyword)).toContain('dateOrder');
      }
      for (const d of variants) {
        expect(validate(d)).toBe(reference(d));
        const strip = (errors: readonly object[] | null | undefined) =>
          (errors ?? []).map((e) => {
            const { schemaPath: _, ...rest } = e as { schemaPath?: string };
            return rest;
          });
        expect(strip(validate.errors)).toEqual(strip(reference.errors));
      }
    });
  }
});
