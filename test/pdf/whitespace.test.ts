import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaperForm, readPaperForm } from '@komek/pdf';

const root = join(import.meta.dirname, '../..');
const form = 'kz-f1-initial-application';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'komek-pdf-whitespace-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function withCity(city: string): Record<string, unknown> {
  const data = JSON.parse(readFileSync(join(root, 'test/fixtures/forms', form, 'valid-1.json'), 'utf8')) as Record<
    string,
    Record<string, unknown>
  >;
  data.placeOfBirth!.city = city;
  return data;
}

/** Page 1 as poppler draws it (a PPM image). */
function page1(name: string, bytes: Uint8Array): Buffer {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return execFileSync('pdftoppm', ['-r', '72', '-f', '1', '-l', '1', '-gray', file], { maxBuffer: 64 << 20 });
}

describe('a tab inside an answer', () => {
  it('prints as a space, not as an empty box, and the answer reads back with its tab and line break', async () => {
    for (const mode of ['filled', 'final'] as const) {
      const tab = withCity('Line1\r\nLine2\ttab');
      const space = withCity('Line1\r\nLine2 tab');
      const withTab = await createPaperForm(form, { languages: ['kk', 'ru'], data: tab, mode });
      const withSpace = await createPaperForm(form, { languages: ['kk', 'ru'], data: space, mode });
      expect(page1(`tab-${mode}.pdf`, withTab).equals(page1(`space-${mode}.pdf`, withSpace)), mode).toBe(true);
      if (mode === 'filled') expect((await readPaperForm(withTab)).data).toEqual(tab);
    }
  });
});

describe('a soft hyphen inside an answer', () => {
  it('is not printed (the layout breaks no word at it), and reads back', async () => {
    for (const mode of ['filled', 'final'] as const) {
      const shy = withCity('Chust\u00adabad district');
      const plain = withCity('Chustabad district');
      const withShy = await createPaperForm(form, { languages: ['ru'], data: shy, mode });
      const without = await createPaperForm(form, { languages: ['ru'], data: plain, mode });
      expect(page1(`shy-${mode}.pdf`, withShy).equals(page1(`plain-${mode}.pdf`, without)), mode).toBe(true);
      if (mode === 'filled') expect((await readPaperForm(withShy)).data).toEqual(shy);
    }
  });
});
