import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createPaperForm } from './index.js';

/** The text of a PDF as poppler reads it, given on standard input: no file is left behind. */
const textOf = (bytes: Uint8Array) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: bytes, encoding: 'utf8' }).replace(/\s+/g, ' ');

describe('routing on blank forms', () => {
  it('prints every condition that opens a part several conditions require', async () => {
    // TJ Form 3: the legal representative is needed for a minor or for a person unable to decide.
    const text = textOf(
      await createPaperForm('tj-f3-identification-questionnaire', { languages: ['en', 'ru'], mode: 'blank' }),
    );
    expect(text).toMatch(
      /Fill in only if you answered YES to “The person is a minor” or you answered YES to “The person is unable to/,
    );
    expect(text).toMatch(/Заполняется, только если на «Лицо является несовершеннолетним» дан ответ ДА или /);
  });

  it('prints the part as applicable when only the second condition holds', async () => {
    const data = { personUnableToDecide: true, legalRepresentative: 'Gulnora Rahimova' };
    const text = textOf(
      await createPaperForm('tj-f3-identification-questionnaire', {
        languages: ['en'],
        mode: 'filled',
        data,
        allowInvalid: true,
      }),
    );
    expect(text).toContain('Gulnora Rahimova');
  });
});
