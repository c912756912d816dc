import { describe, expect, it } from 'vitest';
import { schemaLoaders, validatorLoaders } from '@komek/forms';
import {
  buildFormModel,
  isReadByConditions,
  isVisible,
  mapErrors,
  matchesCondition,
  pruneHidden,
  setAtPointer,
  findUnsupportedCondition,
} from './index.js';

describe('conditions', () => {
  it('tells which answers a condition reads (so a renderer knows which changes can show or hide questions)', async () => {
    const model = buildFormModel(await schemaLoaders['kz-f5-identification-application']());
    // A minor or a person unable to decide needs a legal representative; the situation chooses the transit questions.
    expect(isReadByConditions(model, '/personIsMinor')).toBe(true);
    expect(isReadByConditions(model, '/personUnableToDecide')).toBe(true);
    expect(isReadByConditions(model, '/situation')).toBe(true);
    // Inside a group: a YES to "not admitted" asks for the reason; the group as a whole holds what is read.
    expect(isReadByConditions(model, '/transitMigrant/notAdmitted')).toBe(true);
    expect(isReadByConditions(model, '/transitMigrant')).toBe(true);
    // Plain answers nothing depends on.
    expect(isReadByConditions(model, '/placeOfApplication')).toBe(false);
    expect(isReadByConditions(model, '/transitMigrant/nonAdmissionReason')).toBe(false);
  });

  it('evaluates the supported if subset like JSON Schema', () => {
    const cond = {
      properties: { a: { const: true }, b: { enum: ['x', 'y'] }, c: { contains: { const: 'other' } } },
      required: ['a'],
    };
    expect(matchesCondition(cond, { a: true })).toBe(true);
    expect(matchesCondition(cond, { a: false })).toBe(false);
    expect(matchesCondition(cond, {})).toBe(false);
    expect(matchesCondition(cond, { a: true, b: 'z' })).toBe(false);
    expect(matchesCondition(cond, { a: true, c: ['x', 'other'] })).toBe(true);
    expect(matchesCondition(cond, { a: true, c: ['x'] })).toBe(false);
    expect(findUnsupportedCondition({ properties: { a: { minLength: 3 } } })).toEqual({
      keyword: 'minLength',
      pointer: '/properties/a/minLength',
    });
    expect(() => matchesCondition({ anyOf: [] }, {})).toThrow(/not supported/);
  });

  it('shows the passport whereabouts only when there is no passport, and prunes it otherwise', async () => {
    const m = buildFormModel(await schemaLoaders['kz-f1-initial-application']());
    const node = m.byPointer.get('/passportWhereabouts')!;
    expect(isVisible(m, node, {})).toBe(false);
    expect(isVisible(m, node, { passport: { hasPassport: false } })).toBe(true);
    expect(isVisible(m, node, { passport: { hasPassport: true } })).toBe(false);
    const data = { passport: { hasPassport: true, number: 'N123' }, passportWhereabouts: 'taken by employer' };
    expect(pruneHidden(m, data)).toEqual({ passport: { hasPassport: true, number: 'N123' } });
    expect(data.passportWhereabouts).toBe('taken by employer');
  });

  it('shows a field several conditions require while any of them holds (a minor, or a person unable to decide)', async () => {
    const m = buildFormModel(await schemaLoaders['tj-f3-identification-questionnaire']());
    const validate = await validatorLoaders['tj-f3-identification-questionnaire']();
    const node = m.byPointer.get('/legalRepresentative')!;
    expect(node.condition?.anyOf).toHaveLength(2);
    expect(isVisible(m, node, {})).toBe(false);
    expect(isVisible(m, node, { personIsMinor: true })).toBe(true);
    const unable = { personUnableToDecide: true, legalRepresentative: 'Guardian' };
    expect(isVisible(m, node, unable)).toBe(true);
    expect(pruneHidden(m, unable)).toEqual(unable);
    validate(pruneHidden(m, { personUnableToDecide: true }));
    expect(
      mapErrors(m, validate.errors).some((i) => i.pointer === '/legalRepresentative' && i.keyword === 'required'),
    ).toBe(true);
  });

  it('maps validator errors to nodes with message keys, required errors on the missing field', async () => {
    const m = buildFormModel(await schemaLoaders['kz-f1-initial-application']());
    const validate = await validatorLoaders['kz-f1-initial-application']();
    expect(validate({ passport: { hasPassport: false }, worksWillingly: 'sometimes', dateOfBirth: '1990-02-30' })).toBe(
      false,
    );
    const issues = mapErrors(m, validate.errors);
    const at = (p: string) => issues.find((i) => i.pointer === p);
    expect(at('/fullName')?.keyword).toBe('required');
    expect(at('/fullName')?.node?.englishLabel).toBe('Full name');
    expect(at('/fullName')?.messageKeys).toEqual([
      'kz-f1-initial-application:fullName.error.required',
      'ui:error.required',
    ]);
    expect(at('/passportWhereabouts')?.keyword).toBe('required');
    expect(at('/worksWillingly')?.keyword).toBe('enum');
    expect(at('/dateOfBirth')?.keyword).toBe('format');
    expect(issues.some((i) => i.keyword === 'if')).toBe(false);
    expect(
      validate({
        fullName: 'A',
        documentDate: '2026-01-01',
        signature: { signedBy: 'A', date: '2026-01-01' },
        passport: { colour: 'red' },
      }),
    ).toBe(false);
    const extra = mapErrors(m, validate.errors).find((i) => i.keyword === 'additionalProperties')!;
    expect(extra.pointer).toBe('/passport/colour');
    expect(extra.node?.pointer).toBe('/passport');
  });

  it('sets values by pointer without mutating, creating and pruning containers', () => {
    const a = { x: { y: 1 } };
    const b = setAtPointer(a, '/x/z', 2);
    expect(b).toEqual({ x: { y: 1, z: 2 } });
    expect(a).toEqual({ x: { y: 1 } });
    expect(setAtPointer({}, '/rows/0/name', 'A')).toEqual({ rows: [{ name: 'A' }] });
    expect(setAtPointer({ x: { y: 1 } }, '/x/y', undefined)).toEqual({});
  });
});

describe('hidden parts inside repeat rows, and array rows', () => {
  const bundle = {
    root: 'https://schemas.komek.invalid/kz/kz-test.schema.json',
    schemas: {
      'https://schemas.komek.invalid/kz/kz-test.schema.json': {
        type: 'object',
        title: 'Test',
        'x-komek': {
          form: {
            id: 'kz-test',
            country: 'KZ',
            sop: 'KZ 2.1',
            step: '1',
            formNumber: '1',
            kind: 'plan',
            printed: true,
            version: '1',
          },
        },
        properties: {
          rows: {
            type: 'array',
            title: 'Rows',
            items: {
              type: 'object',
              title: 'Row',
              properties: { done: { type: 'boolean', title: 'Done' }, reason: { type: 'string', title: 'Reason' } },
              allOf: [
                { if: { properties: { done: { const: false } }, required: ['done'] }, then: { required: ['reason'] } },
              ],
            },
          },
        },
      },
    },
  } as const;

  it('drops a hidden answer of one row and keeps the shown one of another', () => {
    const m = buildFormModel(bundle as never);
    const data = {
      rows: [
        { done: true, reason: 'stale' },
        { done: false, reason: 'no interpreter' },
      ],
    };
    expect(pruneHidden(m, data)).toEqual({ rows: [{ done: true }, { done: false, reason: 'no interpreter' }] });
  });

  it('keeps an emptied row and removes a row without leaving a hole', () => {
    const data = { rows: [{ reason: 'a' }, { reason: 'b' }] };
    expect(setAtPointer(data, '/rows/0/reason', undefined)).toEqual({ rows: [{}, { reason: 'b' }] });
    const removed = setAtPointer(data, '/rows/0', undefined);
    expect(removed).toEqual({ rows: [{ reason: 'b' }] });
    expect(JSON.stringify(removed)).not.toContain('null');
  });
});
