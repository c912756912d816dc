import { describe, expect, it } from 'vitest';
import { formIds, schemaLoaders } from '@komek/forms';
import {
  buildFormModel,
  isKomekError,
  KomekError,
  NotAFormError,
  UnknownFormError,
  UnresolvedRefError,
} from './index.js';

describe('KomekError', () => {
  it('names an unknown form, suggests close ids and carries a stable code', () => {
    const e = new UnknownFormError('kz-f1-initial', formIds);
    expect(e).toBeInstanceOf(KomekError);
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('KOMEK_UNKNOWN_FORM');
    expect(e.name).toBe('UnknownFormError');
    expect(e.message).toContain('"kz-f1-initial"');
    expect(e.message).toContain('kz-f1-initial-application');
    expect(isKomekError(e, 'KOMEK_UNKNOWN_FORM')).toBe(true);
    expect(isKomekError(e, 'KOMEK_NOT_A_FORM')).toBe(false);
    expect(isKomekError(new Error('plain'))).toBe(false);
  });

  it('suggests the nearest id for a typo, a wrong case or underscores, and only that one', () => {
    const suggestion = (id: string) => /Did you mean: ([^?]*)\?/.exec(new UnknownFormError(id, formIds).message)?.[1];
    expect(suggestion('kg-3.1-f3-identification-questionaire')).toBe('kg-3.1-f3-identification-questionnaire');
    expect(suggestion('KZ-F1-INITIAL-APPLICATION')).toBe('kz-f1-initial-application');
    expect(suggestion('kz_f1_initial_application')).toBe('kz-f1-initial-application');
    expect(suggestion('kzf1-initial-application')).toBe('kz-f1-initial-application');
    expect(suggestion('kz-f1-initial')).toBe('kz-f1-initial-application');
    expect(suggestion('nothing-like-it')).toBeUndefined();
  });

  it('is what building a model from a bad bundle throws', async () => {
    const bundle = await schemaLoaders['kz-f1-initial-application']();
    const notAForm = { root: 'x', schemas: { x: { type: 'object' } } };
    expect(() => buildFormModel(notAForm)).toThrow(NotAFormError);
    try {
      buildFormModel(notAForm);
    } catch (e) {
      expect(isKomekError(e, 'KOMEK_NOT_A_FORM')).toBe(true);
    }
    const root = bundle.schemas[bundle.root]!;
    const broken = {
      ...bundle,
      schemas: { ...bundle.schemas, [bundle.root]: { ...root, properties: { x: { $ref: '#/$defs/nowhere' } } } },
    };
    expect(() => buildFormModel(broken)).toThrow(UnresolvedRefError);
  });
});
