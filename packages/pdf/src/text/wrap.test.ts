import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { measuredFont } from '../fonts/embedFonts.js';
import { textWidth, wrapLines, wrapText } from './wrap.js';

const require = createRequire(import.meta.url);
const font = measuredFont(readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')));
const SIZE = 9;

describe('wrapText', () => {
  it('cuts a word wider than a line after its hyphen, not between two letters', () => {
    const width = textWidth(font, 'non-executi', SIZE) + 0.5;
    expect(wrapLines(font, 'non-execution', SIZE, width)).toEqual(['non-', 'execution']);
    expect(wrapLines(font, 'самостоятельно-транспортный', SIZE, textWidth(font, 'самостоятельно-тр', SIZE))).toEqual([
      'самостоятельно-',
      'транспортный',
    ]);
  });

  it('still cuts between characters a word with no hyphen, and a part after the hyphen that is too wide', () => {
    const width = textWidth(font, 'abcd', SIZE) + 0.1;
    expect(wrapLines(font, 'abcdefgh', SIZE, width)).toEqual(['abcd', 'efgh']);
    expect(wrapLines(font, 'ab-cdefghij', SIZE, width)).toEqual(['ab-', 'cdef', 'ghij']);
    // A hyphen at the very end is no place to cut.
    expect(wrapLines(font, 'abcd-', SIZE, width)).toEqual(['abcd', '-']);
  });

  it('measures each letter of a word wider than many lines a bounded number of times (a 1 MB word is not quadratic)', () => {
    let measured = 0;
    const counting = { ...font, advance: (cp: number) => (measured++, font.advance(cp)) };
    const word = 'Ә'.repeat(20_000);
    const lines = wrapText(counting, word, SIZE, textWidth(font, 'ӘӘӘӘӘӘӘӘӘӘ', SIZE) + 0.1);
    expect(lines).toHaveLength(2_000);
    expect(lines.map((l) => l.text).join('')).toBe(word);
    // Once to measure the word, and each line's letters plus the one that no longer fits.
    expect(measured).toBeLessThan(3 * word.length);
  });

  it('breaks a line at the Unicode line and paragraph separators as at a line feed', () => {
    const wide = 1000;
    expect(wrapLines(font, 'first\u2028second\u2029third\r\nfourth', SIZE, wide)).toEqual([
      'first',
      'second',
      'third',
      'fourth',
    ]);
    const text = 'ab\u2028cd';
    const [a, b] = wrapText(font, text, SIZE, wide);
    expect([text.slice(a!.start, a!.end), text.slice(b!.start, b!.end)]).toEqual(['ab', 'cd']);
  });

  it('does not break at a no-break space', () => {
    const width = textWidth(font, 'продолжение на листе', SIZE) + 0.5;
    expect(wrapLines(font, 'продолжение на листе\u00a01', SIZE, width)).toEqual(['продолжение на', 'листе\u00a01']);
    expect(wrapLines(font, 'продолжение на листе 1', SIZE, width)).toEqual(['продолжение на листе', '1']);
  });

  it('keeps every character: the lines put back together are the text', () => {
    const text = 'in-patient treatment, re-entry ban / запрет на въезд, non-execution';
    const width = textWidth(font, 'treatment,', SIZE);
    const lines = wrapText(font, text, SIZE, width);
    for (const l of lines) expect(textWidth(font, l.text, SIZE)).toBeLessThanOrEqual(width + 0.01);
    // Between two lines there is nothing but the space the text had there.
    expect(lines[0]!.start).toBe(0);
    expect(lines.at(-1)!.end).toBe(text.length);
    for (let i = 1; i < lines.length; i++) expect(text.slice(lines[i - 1]!.end, lines[i]!.start)).toMatch(/^ ?$/);
    expect(lines.map((l) => l.text)).toContain('non-');
  });
});
