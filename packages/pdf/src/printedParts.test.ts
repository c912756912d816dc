import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marks } from '@komek/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaperForm, readPaperForm } from './index.js';

const fixtures = join(new URL('../../../', import.meta.url).pathname, 'test/fixtures/forms');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'komek-printed-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The text poppler extracts from a PDF, in reading order, whitespace collapsed. */
function textOf(bytes: Uint8Array, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

const fixture = (form: string, name: string) =>
  JSON.parse(readFileSync(join(fixtures, form, name), 'utf8')) as Record<string, unknown>;

describe('paper marks only what is not on the printed form', () => {
  it('a printed line split in two keeps its printed label unmarked; a question the page does not ask is marked', async () => {
    const text = textOf(await createPaperForm('kz-f3-primary-aid-application', { languages: ['en'] }), 'kz-f3.pdf');
    expect(text).toContain('Date and place of birth');
    expect(text).not.toContain(`Date and place of birth ${marks.derived}`);
    expect(text).toMatch(new RegExp(`Do family members need help in primary aid\\S* ?\\*?${marks.derived}`));
  });

  it('the plans mark their table heading, which is not printed, and print the execution mark and the signature in their cells', async () => {
    const data = fixture('tj-f7-individual-work-plan', 'valid-2.json');
    const bytes = await createPaperForm('tj-f7-individual-work-plan', { languages: ['en'], data });
    const text = textOf(bytes, 'tj-f7.pdf');
    expect(text).toContain(`Measures of the Plan of Individual Work ${marks.derived}`);
    expect(text).toContain('non-execution');
    expect(text).toContain('The employment centre was closed for repairs in April');
    expect(text).toContain('inspector M. Qodirov');
    expect(text).toContain('monthly');
    // What the cells hold reads back as it was given.
    expect((await readPaperForm(bytes)).data).toEqual(data);
  });

  it('the questionnaire consent signature, printed without a date, marks its date', async () => {
    const text = textOf(await createPaperForm('kz-f5-identification-application', { languages: ['en'] }), 'kz-f5.pdf');
    const consent = text.slice(
      text.indexOf('Consent to identification'),
      text.indexOf('Consent to identification') + 200,
    );
    expect(consent).toContain(`Date ${marks.derived}`);
  });
});
