import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFormSession, hydrateModel } from '@komek/core';
import { catalog, modelLoaders, validatorLoaders } from '@komek/forms';
import { issueLanguage, loadMessages } from './index.js';

const ID = 'kz-f5-identification-application';

describe('issueLanguage', () => {
  it("words a form session's issues in two languages: Russian label and message, English under them", async () => {
    const entry = catalog.find((e) => e.id === ID)!;
    await Promise.all([loadMessages('ru', entry.namespaces), loadMessages('en', entry.namespaces)]);
    const data = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../../test/fixtures/forms', ID, 'invalid-3.json'), 'utf8'),
    ) as unknown;
    const session = createFormSession({
      model: hydrateModel(await modelLoaders[ID]()),
      validate: await validatorLoaders[ID](),
      data,
      languages: [issueLanguage('ru'), issueLanguage('en')],
    });
    const issue = session.issues.find((i) => i.pointer === '/interpreterSignature')!;
    expect(issue.label).toMatch(/[а-яё]/i);
    expect(issue.text).toContain(issue.label);
    expect(issue.text).toMatch(/[а-яё]/i);
    expect(issue.secondary?.label).toBe('Signature of the interpreter');
    expect(issue.secondary?.text).toContain('Signature of the interpreter');
    expect(issue.secondary?.text).not.toMatch(/[а-яё]/i);
  });
});
