import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { generate } from './generate.js';
import { parseSchemaFile, type SchemaFile } from './loadSchemas.js';
import { runGen } from './run.js';
import { SchemaError, SchemaErrors } from './SchemaError.js';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const defs = parseSchemaFile(
  'schemas/common/defs.schema.json',
  readFileSync(join(root, 'schemas/common/defs.schema.json'), 'utf8'),
);

const form = (extra: object, props: object = {}) =>
  JSON.stringify(
    {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://schemas.komek.invalid/kz/kz-test-form.schema.json',
      title: 'Test form',
      type: 'object',
      'x-komek': {
        form: {
          id: 'kz-test-form',
          country: 'KZ',
          sop: 'KZ 2.1',
          step: 'Step 1',
          formNumber: '9',
          kind: 'application',
          printed: true,
          version: '1.0.0',
        },
      },
      properties: { name: { $ref: '../common/defs.schema.json#/$defs/text', title: 'Full name' }, ...props },
      ...extra,
    },
    null,
    2,
  );

/** Runs generation on one form beside the real shared definitions and returns the errors it reports. */
async function errorsOf(text: string, path = 'schemas/kz/kz-test-form.schema.json'): Promise<SchemaError[]> {
  let files: SchemaFile[];
  try {
    files = [defs, parseSchemaFile(path, text)];
  } catch (e) {
    if (e instanceof SchemaError) return [e];
    throw e;
  }
  try {
    await generate(files);
  } catch (e) {
    if (e instanceof SchemaErrors) return e.errors;
    throw e;
  }
  return [];
}

describe('pnpm gen refuses bad schemas, naming the file, the JSON pointer and the reason', () => {
  it('accepts a good form', async () => {
    expect(await errorsOf(form({}))).toEqual([]);
  });
  it('an unknown $ref', async () => {
    const [e] = await errorsOf(form({}, { x: { $ref: '../common/defs.schema.json#/$defs/nope', title: 'X' } }));
    expect(e!.file).toBe('schemas/kz/kz-test-form.schema.json');
    expect(e!.pointer).toBe('/properties/x/$ref');
    expect(e!.reason).toMatch(/unknown \$ref/);
    expect(e!.message).toContain('schemas/kz/kz-test-form.schema.json');
  });
  it('a typo’d keyword (strict mode)', async () => {
    const [e] = await errorsOf(form({}, { x: { type: 'string', titel: 'X', title: 'X' } }));
    expect(e!.pointer).toBe('/properties/x/titel');
    expect(e!.reason).toMatch(/unknown keyword "titel"/);
    expect(e!.line).toBeGreaterThan(1);
  });
  it('a date order naming a field that is not a date of the object', async () => {
    const period = (dateOrder: unknown) => ({
      period: {
        type: 'object',
        title: 'Period',
        'x-komek': { dateOrder },
        properties: {
          from: { $ref: '../common/defs.schema.json#/$defs/date', title: 'from' },
          to: { $ref: '../common/defs.schema.json#/$defs/date', title: 'to' },
        },
      },
    });
    expect(await errorsOf(form({}, period([['/from', '/to']])))).toEqual([]);
    for (const bad of [[['/from', '/till']], [['from', 'to']], [['/from']], '/from']) {
      const [e] = await errorsOf(form({}, period(bad)));
      expect(e!.pointer).toBe('/properties/period/x-komek/dateOrder');
      expect(e!.reason).toMatch(/pairs of pointers to date fields/);
    }
  });
  it('a summary field of an unknown kind, or inside a list', async () => {
    const named = (summary: unknown) => ({
      who: { $ref: '../common/defs.schema.json#/$defs/text', title: 'Name', 'x-komek': { summary } },
    });
    expect(await errorsOf(form({}, named('fullName')))).toEqual([]);
    const [e] = await errorsOf(form({}, named('surname')));
    expect(e!.pointer).toBe('/properties/who/x-komek/summary');
    expect(e!.reason).toMatch(/one of fullName, dateOfBirth, citizenship, place/);
    const list = {
      people: {
        type: 'array',
        title: 'People',
        items: { type: 'object', title: 'Person', properties: named('fullName') },
      },
    };
    const [l] = await errorsOf(form({}, list));
    expect(l!.pointer).toBe('/properties/people/items/properties/who/x-komek/summary');
    expect(l!.reason).toMatch(/not inside a list/);
  });
  it('a field without a title', async () => {
    const [e] = await errorsOf(form({}, { x: { type: 'string' } }));
    expect(e!.pointer).toBe('/properties/x');
    expect(e!.reason).toMatch(/no title/);
  });
  it('two fields with the same key', async () => {
    const text = form({}, { x: { type: 'string', title: 'A' } }).replace(
      '"x": {',
      '"name": { "type": "string", "title": "B" }, "x": {',
    );
    const [e] = await errorsOf(text);
    expect(e!.reason).toBe('duplicate key "name"');
    expect(e!.pointer).toBe('/properties/name');
    expect(e!.line).toBeGreaterThan(1);
  });
  it('invalid JSON', async () => {
    const [e] = await errorsOf(form({}).replace('"title": "Test form",', '"title": "Test form"'));
    expect(e!.reason).toMatch(/invalid JSON/);
    expect(e!.line).toBeGreaterThan(1);
  });
  it('a condition outside the evaluated subset', async () => {
    const [e] = await errorsOf(
      form({ allOf: [{ if: { properties: { name: { minLength: 3 } } }, then: { required: ['name'] } }] }),
    );
    expect(e!.pointer).toBe('/allOf/0/if/properties/name/minLength');
  });
  it('a form id that does not match its file', async () => {
    const errors = await errorsOf(form({}), 'schemas/kz/kz-other.schema.json');
    expect(errors.map((e) => e.pointer)).toContain('/x-komek/form/id');
  });
  it('a part marked both a reading of a printed line and not printed at all', async () => {
    const [e] = await errorsOf(
      form(
        {},
        {
          x: {
            $ref: '../common/defs.schema.json#/$defs/text',
            title: 'Place',
            'x-komek': { reading: 'split', derived: 'not printed' },
          },
        },
      ),
    );
    expect(e!.pointer).toBe('/properties/x/x-komek');
    expect(e!.message).toMatch(/not both/);
  });
  it('a format no validator implements', async () => {
    const [e] = await errorsOf(form({}, { x: { type: 'string', format: 'email', title: 'E-mail' } }));
    expect(e!.pointer).toBe('/properties/x/format');
  });
});

describe('the message catalog tells printed labels from labels not on the printed form', () => {
  it('marks a derived part derived, and only the parts of a split printed line (not the line) as a reading', async () => {
    const { extractMessages } = await import('./generate.js');
    const file = parseSchemaFile(
      'schemas/kz/kz-test-form.schema.json',
      form(
        {},
        {
          birth: {
            type: 'object',
            title: 'Date and place of birth',
            'x-komek': { reading: 'one line, two blanks' },
            properties: { date: { type: 'string', title: 'Date of birth' } },
          },
          extra: { type: 'string', title: 'Added question', 'x-komek': { derived: 'not printed' } },
        },
      ),
    );
    const m = extractMessages(file);
    expect(m['birth.title']).toEqual({ text: 'Date and place of birth' });
    expect(m['birth.date.title']).toEqual({ text: 'Date of birth', reading: true });
    expect(m['extra.title']).toEqual({ text: 'Added question', derived: true });
    expect(m['name.title']).toEqual({ text: 'Full name' });
  });
});

describe('the catalog names where each form holds the case summary', () => {
  it('follows shared bases: the questionnaires hold the name, date of birth, citizenship and place', async () => {
    const { catalog } = await import('@komek/forms');
    for (const id of [
      'kz-f5-identification-application',
      'kg-3.1-f3-identification-questionnaire',
      'tj-f3-identification-questionnaire',
    ])
      expect(catalog.find((c) => c.id === id)!.summary).toEqual([
        { field: 'place', pointer: '/placeOfApplication' },
        { field: 'fullName', pointer: '/personInformation/fullName' },
        { field: 'dateOfBirth', pointer: '/personInformation/dateAndPlaceOfBirth/date' },
        { field: 'citizenship', pointer: '/personInformation/citizenship' },
      ]);
    expect(catalog.find((c) => c.id === 'kz-f1-initial-application')!.summary).toEqual([
      { field: 'fullName', pointer: '/fullName' },
      { field: 'dateOfBirth', pointer: '/dateOfBirth' },
    ]);
    expect(catalog.find((c) => c.id === 'kz-f2-ethical-principles')!.summary).toBeUndefined();
  });
});

describe('pnpm gen output', () => {
  it('is current in the repository (run pnpm gen after editing a schema)', async () => {
    const r = await runGen(root, { check: true });
    expect([...r.written, ...r.removed]).toEqual([]);
  });
  it('is reproducible: generating twice changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'komek-gen-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(join(root, 'schemas'), join(dir, 'schemas'), { recursive: true });
    mkdirSync(join(dir, 'packages'), { recursive: true });
    const first = await runGen(dir);
    expect(first.written.length).toBeGreaterThan(0);
    const second = await runGen(dir);
    expect(second.written).toEqual([]);
    expect(second.removed).toEqual([]);
    const validator = readFileSync(
      join(dir, 'packages/forms/src/generated/validators/kz-f1-initial-application.js'),
      'utf8',
    );
    expect(validator).toContain('do not edit');
    expect(validator).not.toMatch(/require\(/);
    writeFileSync(join(dir, 'x'), '');
  });
});

describe('the English of the catalog forms', () => {
  it('is in the `en` messages, for every label, choice and description of every form (the models carry none)', async () => {
    const { formIds, schemaLoaders, modelLoaders } = await import('@komek/forms');
    const { buildFormModel, formatMessageKey, walkNodes } = await import('@komek/core');
    const english = new Map<string, string>();
    const readNamespace = (ns: string) => {
      const file = JSON.parse(readFileSync(join(root, 'packages/i18n/locales/en', `${ns}.json`), 'utf8')) as Record<
        string,
        { text?: string }
      >;
      for (const [key, entry] of Object.entries(file)) if (entry.text) english.set(`${ns}:${key}`, entry.text);
    };
    readNamespace('ui');
    let checked = 0;
    for (const id of formIds) {
      const model = buildFormModel(await schemaLoaders[id]());
      model.namespaces.forEach(readNamespace);
      for (const node of walkNodes(model.root)) {
        const texts: [string, string | undefined][] = [[formatMessageKey(node.labelKey), node.englishLabel]];
        if (node.description) texts.push([formatMessageKey(node.description.key), node.description.english]);
        if (node.kind === 'field')
          for (const o of node.options ?? []) texts.push([formatMessageKey(o.labelKey), o.englishLabel]);
        for (const [key, text] of texts) {
          expect(text, key).toBeDefined();
          expect(english.get(key), `${id}: ${key}`).toBe(text);
          checked++;
        }
      }
      expect(JSON.stringify(await modelLoaders[id]())).not.toContain(JSON.stringify(model.root.englishLabel));
    }
    expect(checked).toBeGreaterThan(2000);
  });
});
