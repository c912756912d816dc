import { describe, expect, it } from 'vitest';
import * as reference from '@komek/i18n';
import { buildFormModel, formatMessageKey, mapErrors, optionsOf, walkNodes, type ValidationIssue } from '@komek/core';
import { formIds, schemaLoaders, validatorLoaders } from '@komek/forms/catalog';
import * as light from './messages.js';
import { validationMessage } from './validation-message.js';

const localeFiles = import.meta.glob('../../../i18n/locales/*/*.json');
const languages = [...new Set(Object.keys(localeFiles).map((p) => /locales\/([^/]+)\//.exec(p)![1]!))]
  .filter(light.isLanguage)
  .sort();
const invalid = import.meta.glob<{ default: unknown }>('../../../../test/fixtures/forms/*/invalid-*.json', {
  eager: true,
});
const uiFile = (await import('../../../i18n/locales/en/ui.json')).default as Record<string, unknown>;
const uiKeys = Object.keys(uiFile).filter((k) => k !== '$meta');

/**
 * The two front doors to the same locale files agree: `@komek/i18n` (i18next's store under the shared runtime) and
 * the element's (its own loader under `@komek/i18n/runtime`, no i18next). Every text must come out alike.
 */
describe('the element’s messages match @komek/i18n', () => {
  for (const lang of languages) {
    it(`${lang}: UI messages, with every plural form`, async () => {
      await Promise.all([reference.loadMessages(lang, []), light.loadMessages(lang, [])]);
      const ours = light.createTranslator(lang);
      const theirs = reference.createTranslator(lang);
      for (const raw of uiKeys) {
        const key = `ui:${raw.replace(/_(zero|one|two|few|many|other)$/, '')}`;
        for (const params of [
          undefined,
          { count: 0 },
          { count: 1 },
          { count: 3 },
          { count: 5 },
          { count: 21 },
          { count: 1234 },
          { label: 'L', n: 2, limit: '7' },
        ]) {
          expect(ours(key, 'fallback', params), `${lang} ${key} ${JSON.stringify(params)}`).toBe(
            theirs(key, 'fallback', params),
          );
        }
      }
    });

    it(`${lang}: every label, option and description of every form, and validation messages`, async () => {
      for (const id of formIds) {
        const model = buildFormModel(await schemaLoaders[id]());
        const namespaces = model.namespaces;
        await Promise.all([reference.loadMessages(lang, namespaces), light.loadMessages(lang, namespaces)]);
        const ours = light.createTranslator(lang);
        const theirs = reference.createTranslator(lang);
        for (const node of walkNodes(model.root)) {
          const keys = [formatMessageKey(node.labelKey)];
          if (node.description) keys.push(formatMessageKey(node.description.key));
          for (const o of optionsOf(node) ?? []) keys.push(formatMessageKey(o.labelKey));
          // No English given: a catalog model has none, the loaded messages (English among them) must have it.
          for (const key of keys) {
            expect(ours(key), `${lang} ${key}`).toBe(theirs(key));
            expect(ours(key), `${lang} ${key}`).toBeDefined();
          }
        }
        const validate = await validatorLoaders[id]();
        const issues: ValidationIssue[] = [];
        for (const [path, mod] of Object.entries(invalid)) {
          if (path.includes(`/${id}/`) && !validate(mod.default)) issues.push(...mapErrors(model, validate.errors));
        }
        if (Object.keys(invalid).some((p) => p.includes(`/${id}/`))) expect(issues.length, id).toBeGreaterThan(0);
        for (const issue of issues) {
          expect(validationMessage(issue, lang, 'Label'), `${lang} ${issue.keyword} ${issue.pointer}`).toBe(
            reference.validationMessage(issue, lang, 'Label'),
          );
        }
      }
    });
  }

  it('numbers are formatted alike', () => {
    for (const lang of languages)
      for (const n of [0, 7, 1234, 1234567.5])
        expect(light.formatNumber(n, lang)).toBe(reference.formatNumber(n, lang));
  });
});
