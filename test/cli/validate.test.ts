import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';

const root = join(import.meta.dirname, '../..');
const komek = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'packages/cli/src/bin.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('komek validate', () => {
  it('says "valid" and exits 0 for a valid case', () => {
    const r = komek(
      'validate',
      '--form',
      'kz-f1-initial-application',
      'test/fixtures/forms/kz-f1-initial-application/valid-1.json',
    );
    expect(r.out.trim()).toBe('valid');
    expect(r.code).toBe(0);
  });

  it('lists each error with its data path and a message naming the field, in the chosen language, and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'komek-validate-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'case.json');
    writeFileSync(file, JSON.stringify({ passport: { hasPassport: false }, worksWillingly: 'sometimes' }));
    const en = komek('validate', '--form', 'kz-f1-initial-application', file);
    expect(en.code).toBe(1);
    expect(en.out).toMatch(/^ {2}\/fullName {2}.*Full name.*required/m);
    expect(en.out).toMatch(/^ {2}\/passportWhereabouts {2}.*If there is no passport/m);
    expect(en.out).toMatch(/^ {2}\/worksWillingly {2}.*Do you work willingly/m);
    const ru = komek('validate', '--form', 'kz-f1-initial-application', '--lang', 'ru', file);
    expect(ru.code).toBe(1);
    expect(ru.out).toMatch(/^ {2}\/fullName {2}Заполните поле «Ф\. И\. О\.»\./m);
  });

  it('refuses an unknown form or language with exit 2 and says what would do', () => {
    const form = komek('validate', '--form', 'kz-f9', 'x.json');
    expect(form.code).toBe(2);
    const lang = komek(
      'validate',
      '--form',
      'kz-f1-initial-application',
      '--lang',
      'xx',
      'test/fixtures/forms/kz-f1-initial-application/valid-1.json',
    );
    expect(lang.code).toBe(2);
    expect(lang.err).toContain('use one of: en, ru, kk, ky, tg, uz');
  });
});
