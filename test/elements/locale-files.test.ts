import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { elementUiKeys, formTexts, keysDigest, packFormTexts } from '../../packages/elements/vite.config.js';
import { digestOf, keysOf, unpackFormTexts } from '../../packages/elements/src/localize/form-texts.js';

describe('elementUiKeys (which ui.json strings the element builds carry)', () => {
  it('keeps what the element, core and the messages runtime show; leaves the demo, desk and paper strings out', () => {
    const keep = elementUiKeys();
    for (const key of ['submit', 'yes', 'consent.missing', 'marks.derived', 'draftRestored', 'error.text'])
      expect(keep(key), key).toBe(true);
    for (const key of ['error.minLength_few', 'type.string', 'format.date', 'enum.other', 'field.notes'])
      expect(keep(key), key).toBe(true);
    for (const key of ['demo.nav.label', 'pdf.continues', 'pageXofY', 'country.KZ', 'condition.fillInIf'])
      expect(keep(key), key).toBe(false);
  });

  const dir = mkdtempSync(join(tmpdir(), 'komek-ui-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads any way of writing a key: a call, a template prefix, a `ui:` key; not in tests', () => {
    mkdirSync(join(dir, 'widgets'));
    writeFileSync(join(dir, 'widgets', 'w.ts'), "html`${ctx.ui('brandNew', 'New')} ${t(`notice.${kind}`)}`;\n");
    writeFileSync(join(dir, 'core.ts'), "const k = 'ui:hintText';\n");
    writeFileSync(join(dir, 'w.test.ts'), "ctx.ui('onlyInATest', 'x');\n");
    const keep = elementUiKeys([dir]);
    expect(keep('brandNew')).toBe(true);
    expect(keep('notice.expired')).toBe(true);
    expect(keep('hintText')).toBe(true);
    expect(keep('brandNew_other')).toBe(true);
    expect(keep('onlyInATest')).toBe(false);
    expect(keep('submit')).toBe(false);
  });
});

describe("formTexts (a catalog form's own messages file in a language)", () => {
  const locales = join(import.meta.dirname, '../../packages/i18n/locales');
  const keysDir = join(import.meta.dirname, '../../packages/forms/src/generated/messages');
  const forms = readdirSync(keysDir).filter((f) => f.endsWith('.json'));
  const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

  it.each(['ru', 'kk', 'ky', 'tg', 'uz'])(
    '%s: holds every text of its namespaces the form shows, its field errors and plural forms, and no other',
    (lang) => {
      expect(forms.length).toBe(26);
      for (const form of forms) {
        const keys = read(join(keysDir, form)) as Record<string, string[]>;
        const texts = formTexts(lang, keys);
        expect(Object.keys(texts).sort(), form).toEqual(Object.keys(keys).sort());
        for (const [ns, list] of Object.entries(keys)) {
          const file = join(locales, lang, `${ns}.json`);
          const full = existsSync(file) ? (read(file) as Record<string, { text?: string }>) : {};
          const used = (k: string) =>
            list.some(
              (u) =>
                k === u ||
                k.replace(/_(zero|one|two|few|many|other)$/, '') === u ||
                k.startsWith(`${u.replace(/\.title$/, '')}.error.`),
            );
          const want = Object.fromEntries(
            Object.entries(full)
              .filter(([k, e]) => k !== '$meta' && typeof e.text === 'string' && e.text !== '' && used(k))
              .map(([k, e]) => [k, e.text]),
          );
          expect(texts[ns], `${form} ${ns}`).toEqual(want);
        }
      }
    },
  );

  it('is smaller than the whole namespaces for the largest form', () => {
    const keys = read(join(keysDir, 'kz-f5-identification-application.json')) as Record<string, string[]>;
    const own = JSON.stringify(formTexts('ru', keys)).length;
    const whole = Object.keys(keys).reduce((n, ns) => n + readFileSync(join(locales, 'ru', `${ns}.json`)).length, 0);
    expect(own).toBeLessThan(whole / 2);
  });
});

describe('packFormTexts and unpackFormTexts (the texts in the order of the keys of the model)', () => {
  const keysDir = join(import.meta.dirname, '../../packages/forms/src/generated/messages');
  it('give back every text by its key, for every form and language; the element keys them as the build does', async () => {
    const { formIds, modelLoaders, schemaLoaders } = await import('@komek/forms');
    const { buildFormModel, hydrateModel, messageKeysOf } = await import('@komek/core');
    for (const id of formIds) {
      const keys = JSON.parse(readFileSync(join(keysDir, `${id}.json`), 'utf8')) as Record<string, string[]>;
      const model = hydrateModel(await modelLoaders[id]());
      expect(keysOf(model), id).toEqual(keys);
      expect(messageKeysOf(buildFormModel(await schemaLoaders[id]())), id).toEqual(keys);
      expect(digestOf(keys)).toBe(keysDigest(keys));
      for (const lang of ['en', 'ru', 'kk', 'ky', 'tg', 'uz']) {
        const texts = formTexts(lang, keys);
        const packed = JSON.parse(JSON.stringify(packFormTexts(keys, texts))) as unknown;
        expect(unpackFormTexts(packed, model), `${id} ${lang}`).toEqual(texts);
      }
    }
  });

  it('hold a text for every key of the form in every language (English where a language lacks one)', () => {
    for (const file of readdirSync(keysDir)) {
      const keys = JSON.parse(readFileSync(join(keysDir, file), 'utf8')) as Record<string, string[]>;
      for (const lang of ['en', 'ru', 'kk', 'ky', 'tg', 'uz']) {
        const packed = packFormTexts(keys, formTexts(lang, keys));
        for (const [ns, list] of Object.entries(packed.texts))
          list.forEach((t, i) => expect(t, `${lang} ${file} ${ns}:${keys[ns]![i]}`).toEqual(expect.any(String)));
      }
    }
  });

  it('refuse a file written for other keys (a model of another version): no text on a wrong label', async () => {
    const { modelLoaders } = await import('@komek/forms');
    const { hydrateModel } = await import('@komek/core');
    const id = 'kz-f1-initial-application';
    const model = hydrateModel(await modelLoaders[id]());
    const keys = keysOf(model);
    const [ns, list] = Object.entries(keys)[0]!;
    const other = { ...keys, [ns]: list.slice(1) };
    expect(unpackFormTexts(packFormTexts(other, formTexts('ru', other)), model)).toBeUndefined();
    expect(unpackFormTexts({ texts: {} }, model)).toBeUndefined();
    expect(unpackFormTexts(packFormTexts(keys, formTexts('ru', keys)), model)).toBeDefined();
  });

  it('make the largest form’s Russian file much smaller than the same texts by key', () => {
    const keys = JSON.parse(readFileSync(join(keysDir, 'kz-f5-identification-application.json'), 'utf8')) as Record<
      string,
      string[]
    >;
    const texts = formTexts('ru', keys);
    const gz = (v: unknown) => gzipSync(JSON.stringify(v), { level: 9 }).length;
    expect(gz(packFormTexts(keys, texts))).toBeLessThan(gz(texts) * 0.75);
  });
});
