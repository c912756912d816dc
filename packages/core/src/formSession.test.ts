import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelLoaders, schemaLoaders, validatorLoaders } from '@komek/forms';
import {
  buildFormModel,
  createFormSession,
  hydrateModel,
  type FormModel,
  type Translator,
  type Validator,
} from './index.js';

const ID = 'kz-f5-identification-application';
const fixture = (name: string) =>
  JSON.parse(
    readFileSync(join(import.meta.dirname, '../../../test/fixtures/forms', ID, `${name}.json`), 'utf8'),
  ) as Record<string, unknown>;

async function load(): Promise<{ model: FormModel; validate: Validator }> {
  const [serialized, validate] = await Promise.all([modelLoaders[ID](), validatorLoaders[ID]()]);
  return { model: hydrateModel(serialized), validate };
}

/** English as a translator over @komek/i18n's `en` messages of the form (where a catalog model's English is). */
function englishOf(model: FormModel): Translator {
  const texts = new Map<string, string>();
  for (const ns of model.namespaces) {
    const file = join(import.meta.dirname, '../../i18n/locales/en', `${ns}.json`);
    const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { text?: string }>;
    for (const [key, entry] of Object.entries(entries)) if (entry.text) texts.set(`${ns}:${key}`, entry.text);
  }
  return (key, fallback) => texts.get(key) ?? fallback;
}

describe('FormSession', () => {
  it('finds valid data valid, and submits it as given', async () => {
    const data = fixture('valid-1');
    const session = createFormSession({ ...(await load()), data });
    expect(session.valid).toBe(true);
    expect(session.issues).toEqual([]);
    expect(session.value).toEqual(data);
  });

  it('places each problem on its field, with the English label and message of the schema by default', async () => {
    // A model built from the schemas carries their English.
    const model = buildFormModel(await schemaLoaders[ID]());
    const session = createFormSession({ ...(await load()), model, data: fixture('invalid-3') });
    expect(session.valid).toBe(false);
    const missing = session.issues.find((i) => i.pointer === '/interpreterSignature');
    expect(missing).toMatchObject({ keyword: 'required', label: 'Signature of the interpreter' });
    expect(missing!.label).toBe(model.byPointer.get('/interpreterSignature')!.englishLabel);
    expect(missing!.text).toContain(missing!.label);
  });

  it('words a catalog model (no English of its own) in English through the `en` messages, else by name', async () => {
    const { model, validate } = await load();
    expect(model.byPointer.get('/interpreterSignature')!.englishLabel).toBeUndefined();
    const session = createFormSession({ model, validate, data: fixture('invalid-3'), languages: [englishOf(model)] });
    expect(session.issues.find((i) => i.pointer === '/interpreterSignature')?.label).toBe(
      'Signature of the interpreter',
    );
    // Without any messages, the name of what is labelled, never the message key.
    session.setLanguages();
    expect(session.issues.find((i) => i.pointer === '/interpreterSignature')?.label).toBe('interpreterSignature');
  });

  it('leaves hidden answers out of what is validated and submitted, and keeps them for when the question returns', async () => {
    const data = {
      ...fixture('valid-1'),
      personIsMinor: false,
      personUnableToDecide: false,
      legalRepresentative: { fullName: 'Kept aside' },
    };
    const session = createFormSession({ ...(await load()), data });
    const representative = session.model.byPointer.get('/legalRepresentative')!;
    expect(session.isShown(representative)).toBe(false);
    expect(session.value).not.toHaveProperty('legalRepresentative');
    expect(session.valid).toBe(true);
    // A minor needs a legal representative: the question is shown again, with the answer typed before, and the
    // answers it requires are now missing.
    session.setAnswer('/personIsMinor', true);
    expect(session.isShown(representative)).toBe(true);
    expect(session.isVisible(representative)).toBe(true);
    expect(session.value).toHaveProperty('legalRepresentative', { fullName: 'Kept aside' });
    expect(session.valid).toBe(false);
    expect(session.issues.map((i) => i.pointer)).toContain('/minorInterview');
    // The answers as given were not changed by pruning.
    expect(data.legalRepresentative).toEqual({ fullName: 'Kept aside' });
  });

  it('lists the problems in the order of the form, not of the validator', async () => {
    const data = fixture('valid-1');
    delete data.specialistSignature;
    delete data.placeOfApplication;
    data.personInformation = { ...(data.personInformation as object), fullName: '' };
    const session = createFormSession({ ...(await load()), data });
    const pointers = session.issues.map((i) => i.pointer);
    expect(pointers[0]).toBe('/placeOfApplication');
    expect(pointers.indexOf('/personInformation/fullName')).toBeGreaterThan(0);
    expect(pointers.indexOf('/specialistSignature')).toBeGreaterThan(pointers.indexOf('/personInformation/fullName'));
    const ranks = session.issues.map((i) => session.rank(i.pointer));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('words labels and messages in two languages through translators', async () => {
    const russian: Translator = (key, fallback, params) =>
      key === `${ID}:interpreterSignature.title`
        ? 'Подпись переводчика'
        : key === 'ui:error.required'
          ? `Заполните поле «${String(params?.label)}»`
          : fallback;
    const loaded = await load();
    const session = createFormSession({
      ...loaded,
      data: fixture('invalid-3'),
      languages: [russian, englishOf(loaded.model)],
    });
    const missing = session.issues.find((i) => i.pointer === '/interpreterSignature')!;
    expect(missing.label).toBe('Подпись переводчика');
    expect(missing.text).toBe('Заполните поле «Подпись переводчика»');
    expect(missing.secondary?.label).toBe('Signature of the interpreter');
    // A language without the message falls back to the validator's English, the label in front.
    expect(missing.secondary?.text).toBe(`${missing.secondary?.label}: ${missing.message}`);
    session.setLanguages((_k, fallback) => fallback);
    expect(session.issues.find((i) => i.pointer === '/interpreterSignature')?.secondary).toBeUndefined();
  });

  it('validates each set of answers once, and again after every change', async () => {
    const { model, validate } = await load();
    let calls = 0;
    const counting: Validator = Object.assign(
      (d: unknown) => {
        calls++;
        const ok = validate(d);
        counting.errors = validate.errors;
        return ok;
      },
      { errors: null },
    );
    const session = createFormSession({ model, validate: counting, data: fixture('invalid-3') });
    void session.valid;
    void session.issues;
    void session.value;
    expect(calls).toBe(1);
    session.setAnswer('/interpreterSignature', {
      signedBy: 'Zarina Khodjaeva',
      role: 'Interpreter',
      date: '2024-08-22',
    });
    expect(session.valid).toBe(true);
    expect(calls).toBe(2);
  });

  it('keeps a repeat row when its last answer is cleared, and removes it when the row itself is', async () => {
    const session = createFormSession({ ...(await load()), data: { rows: [{ a: 1 }, { b: 2 }] } });
    session.setAnswer('/rows/0/a', undefined);
    expect(session.data).toEqual({ rows: [{}, { b: 2 }] });
    session.setAnswer('/rows/0', undefined);
    expect(session.data).toEqual({ rows: [{ b: 2 }] });
  });

  it('counts every answer set as valid without a validator', async () => {
    const session = createFormSession({ model: (await load()).model, data: {} });
    expect(session.valid).toBe(true);
    expect(session.issues).toEqual([]);
  });
});
