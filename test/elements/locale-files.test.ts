import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { elementUiKeys, formTexts } from '../../packages/elements/vite.config.js';

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
