import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelLoaders, validatorLoaders } from '@komek/forms';
import { createFormSession, findTextProblems, hydrateModel, textProblemIn } from './index.js';

const ID = 'kz-f1-initial-application';
const valid = () =>
  JSON.parse(
    readFileSync(join(import.meta.dirname, '../../../test/fixtures/forms', ID, 'valid-1.json'), 'utf8'),
  ) as Record<string, unknown>;

async function session(data: unknown) {
  const [serialized, validate] = await Promise.all([modelLoaders[ID](), validatorLoaders[ID]()]);
  return createFormSession({ model: hydrateModel(serialized), validate, data });
}

describe('text problems', () => {
  it('finds unpaired surrogates, controls and noncharacters, and lets pairs, tabs and new lines through', () => {
    expect(textProblemIn('Ali\uD83D')).toEqual({ kind: 'surrogate', character: 'U+D83D', index: 3 });
    expect(textProblemIn('\uDE00x')).toEqual({ kind: 'surrogate', character: 'U+DE00', index: 0 });
    expect(textProblemIn('a\u0007b')).toMatchObject({ kind: 'control', character: 'U+0007' });
    expect(textProblemIn('a\u0085b')).toMatchObject({ kind: 'control' });
    expect(textProblemIn('a\uFFFE')).toMatchObject({ kind: 'noncharacter' });
    expect(textProblemIn('😀 ok\t\r\nҚазақ 𝔸')).toBeUndefined();
    expect(findTextProblems({ a: ['x', { 'b/c': 'y\u0000' }], ['k\uD800']: 1 })).toEqual([
      { pointer: '/a/1/b~1c', kind: 'control', character: 'U+0000', index: 1 },
      { pointer: '/k\uD800', kind: 'surrogate', character: 'U+D800', index: 1 },
    ]);
  });

  it('make an answer invalid, placed on its field and named by its label', async () => {
    const s = await session({ ...valid(), fullName: 'Aigerim\uD800 Nurlanovna' });
    expect(s.valid).toBe(false);
    const issue = s.issues.find((i) => i.pointer === '/fullName')!;
    expect(issue).toMatchObject({ keyword: 'text', params: { character: 'U+D800' } });
    expect(issue.text).toContain(issue.label);
    expect(issue.text).toContain('U+D800');
    expect((await session(valid())).valid).toBe(true);
  });

  it('an unknown property is named by itself, not by the form title', async () => {
    const s = await session({ ...valid(), bogusField: 1 });
    const issue = s.issues.find((i) => i.keyword === 'additionalProperties')!;
    expect(issue.label).toBe('bogusField');
    expect(issue.text).toContain('bogusField');
    expect(issue.text).not.toContain(s.model.root.englishLabel);
  });
});
