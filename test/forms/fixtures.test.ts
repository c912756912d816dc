import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFormModel, mapErrors, pruneHidden } from '@komek/core';
import { formIds, schemaLoaders, validatorLoaders, type FormId } from '@komek/forms';
import Ajv2020Module from 'ajv/dist/2020.js';
import { formats } from '../../packages/forms/src/runtime.js';
import { VALIDATOR_OPTIONS } from '../../packages/codegen/src/ajvOptions.js';

const Ajv2020 = (Ajv2020Module as unknown as { default: typeof Ajv2020Module }).default ?? Ajv2020Module;

const dir = join(import.meta.dirname, '../fixtures/forms');
const read = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as unknown;

describe.each(formIds.map((id) => [id]))('fixtures of %s', (id: FormId) => {
  // ajv compiling the form's schemas at run time with the generator's options, as an application would: once per form.
  let compiled: Promise<ReturnType<InstanceType<typeof Ajv2020>['getSchema']>> | undefined;
  const compiledAtRunTime = async () => {
    compiled ??= schemaLoaders[id]().then((bundle) => {
      const ajv = new Ajv2020(VALIDATOR_OPTIONS);
      ajv.addFormat('date', formats.date);
      ajv.addKeyword({ keyword: 'x-komek', schemaType: 'object' });
      for (const [sid, schema] of Object.entries(bundle.schemas)) ajv.addSchema(schema, sid);
      return ajv.getSchema(bundle.root);
    });
    return (await compiled)!;
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
      // Mutated too: errors deeper in the data and of other keywords than the fixture's own.
      const variants = [data, { ...(data as object), unexpected: 1 }, {}];
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
