import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readTermBase } from '@komek/i18n/node';
import { i18nCommand } from './i18n.js';

const dir = mkdtempSync(join(tmpdir(), 'komek-cli-tbx-'));
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

describe('komek i18n export --format tbx', () => {
  const terms = readTermBase().terms;

  it('writes the whole term base, every language, to a file', async () => {
    const out = join(dir, 'terms.tbx');
    const r = await run('export', '--format', 'tbx', '--out', out);
    expect(r.code).toBe(0);
    expect(r.err).toContain('(tbx, all languages)');
    const xml = readFileSync(out, 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<martif type="TBX-Basic"/);
    expect(xml.match(/<termEntry /g)).toHaveLength(terms.length);
    for (const lang of ['en', 'ru', 'kk', 'ky', 'tg', 'uz'])
      expect(xml.match(new RegExp(`<langSet xml:lang="${lang}">`, 'g')), lang).toHaveLength(terms.length);
    expect(xml).toContain('<term>қорғаншылық және қамқоршылық органы</term>');
    expect(xml).toContain(
      '<term>бозхонди розигӣ</term>\n            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>',
    );
  });

  it('with --lang writes English and that language only, to stdout; the .tbx extension picks the format', async () => {
    const r = await run('export', '--format', 'tbx', '--lang', 'tg');
    expect(r.code).toBe(0);
    expect(r.out).toContain('<langSet xml:lang="tg">');
    expect(r.out).not.toContain('<langSet xml:lang="ru">');
    const out = join(dir, 'kk.tbx');
    expect((await run('export', '--lang', 'kk', '--out', out)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<langSet xml:lang="kk">');
  });

  it('refuses an unknown format and English as the language', async () => {
    await expect(run('export', '--format', 'tmx')).rejects.toThrow(/csv or xliff \(or tbx for the term base\)/);
    await expect(run('export', '--format', 'tbx', '--lang', 'en')).rejects.toThrow(/English is the source/);
  });
});
