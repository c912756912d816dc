import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { i18nCommand } from './i18n.js';

const dir = mkdtempSync(join(tmpdir(), 'komek-cli-i18n-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the command, capturing what it prints. */
async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await i18nCommand(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('komek i18n', () => {
  it('check prints the coverage table and passes', async () => {
    const r = await run('check');
    expect(r.out).toMatch(/^namespace +en +ru +kk +ky +tg +uz$/m);
    expect(r.out).toMatch(/^ui +\d+\/\d+ /m);
    expect(r.out).toContain('all checks passed');
    expect(r.code).toBe(0);
  });

  it('export then import --dry-run changes nothing, in CSV and XLIFF', async () => {
    for (const [format, file] of [
      ['csv', 'kk.csv'],
      ['xliff', 'kk.xlf'],
    ] as const) {
      const out = join(dir, file);
      expect((await run('export', '--lang', 'kk', '--format', format, '--out', out)).code).toBe(0);
      const r = await run('import', '--lang', 'kk', '--dry-run', out);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^0 file\(s\) to change, [1-9]\d* unchanged$/m);
    }
    const stdout = await run('export', '--lang', 'tg');
    expect(stdout.out.startsWith('\uFEFFkey,english,translation,status,context\r\n')).toBe(true);
  });

  it('import refuses a bad file with the key and the reason, exit 1', async () => {
    const file = join(dir, 'bad.csv');
    const csv = readFileSync(join(dir, 'kk.csv'), 'utf8').replace(',Жіберу,', ',<b>Жіберу</b>,');
    writeFileSync(file, csv);
    const r = await run('import', '--lang', 'kk', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('refused');
    expect(r.err).toContain('ui:submit: HTML/script markup "<b>"');
  });

  it('reports usage errors', async () => {
    await expect(run('export')).rejects.toThrow(/--lang is required/);
    await expect(run('export', '--lang', 'en')).rejects.toThrow(/English is the source/);
    await expect(run('export', '--lang', 'kk', '--format', 'po')).rejects.toThrow(/csv or xliff/);
    await expect(run('import', '--lang', 'kk')).rejects.toThrow(/one file/);
    await expect(run('frobnicate')).rejects.toThrow(/unknown i18n command/);
    expect((await run()).code).toBe(2);
  });
});
