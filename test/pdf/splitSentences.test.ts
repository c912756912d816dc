import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Language } from '@komek/i18n';
import { createPaperForm } from '@komek/pdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'komek-split-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The text of a blank bilingual form as poppler reads it, in reading order, whitespace collapsed. */
async function printed(form: string, languages: [Language, Language]): Promise<string> {
  const file = join(dir, `${form}-${languages.join('-')}.pdf`);
  writeFileSync(file, await createPaperForm(form, { languages }));
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

// A sentence printed around a blank (the organisation's or the expert's name) must read in the language's own word
// order: in the verb-final languages the verb comes after the blank, not before it.
describe('sentences split around a blank, as printed', () => {
  it('TJ Form 5, "I accept the conditions on which ___ provides help for me": the verb after the blank (kk, ky, uz)', async () => {
    const blank = ' _+ (?:[^_]*? _+ )?';
    expect(await printed('tj-f5-help-consent', ['kk', 'ru'])).toMatch(
      new RegExp(`3\\. Мен${blank}.*?маған көмек көрсететін шарттарды қабылдаймын\\.`),
    );
    expect(await printed('tj-f5-help-consent', ['ky', 'ru'])).toMatch(
      new RegExp(`3\\. Мен${blank}.*?мага жардам көрсөтө турган шарттарды кабыл алам\\.`),
    );
    expect(await printed('tj-f5-help-consent', ['uz', 'ru'])).toMatch(
      new RegExp(`3\\. Men${blank}.*?menga yordam koʻrsatadigan shartlarni qabul qilaman\\.`),
    );
  });

  it("TJ Form 5 in Tajik: the waiver's verb after the organisation's blank, the acceptance announcing it", async () => {
    const tg = await printed('tj-f5-help-consent', ['tg', 'ru']);
    expect(tg).toContain('аз ташкилоти зерин ихтиёран кӯмак қабул мекунам:');
    expect(tg).toMatch(/На ман ва на хешовандони ман нисбат ба _+ .*?ҳеҷ гуна даъво нахоҳем дошт/);
  });

  it("the expert's authorisation (TJ Form 1): Tajik «Ман ба ___ иҷозат медиҳам, ки …»", async () => {
    const tg = await printed('tj-f1-identification-consent', ['tg', 'ru']);
    expect(tg).toMatch(/Ман ба .*?иҷозат медиҳам, ки маълумоти шахсии маро/);
    expect(tg.indexOf('Ман ба')).toBeLessThan(tg.indexOf('иҷозат медиҳам, ки'));
  });
});
