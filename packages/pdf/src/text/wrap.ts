import type { MeasuredFont } from '../fonts/embedFonts.js';

/** Width of a text in points. */
export function textWidth(font: MeasuredFont, text: string, size: number): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    else if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    // A tab is drawn as a space and a soft hyphen not at all (see `hexText`).
    if (cp !== 0xad) w += font.advance(cp === 9 ? 32 : cp);
  }
  return (w * size) / 1000;
}

/** One line of wrapped text: its text and where it sits in the source string (`end` exclusive). */
export interface WrappedLine {
  text: string;
  start: number;
  end: number;
}

/** A word: what lies between spaces and line breaks; a no-break space joins the words beside it. */
const WORD = /(?:[^\s]|\u00a0)+/g;
/** Where a word may be cut when it is wider than a line: after a hyphen, a soft hyphen, a dash or a slash. */
const HYPHEN = /[-\u00ad\u2010\u2011\u2013/]/;

/**
 * Breaks a text into lines no wider than `maxWidth`: at spaces, at line breaks of the text (LF, CRLF, U+2028, U+2029), and inside a word only
 * when the word alone is wider than a line. Offsets let a caller cut the text between two lines without losing a
 * character.
 */
export function wrapText(font: MeasuredFont, text: string, size: number, maxWidth: number): WrappedLine[] {
  const lines: WrappedLine[] = [];
  const spaceWidth = textWidth(font, ' ', size);
  let offset = 0;
  // A line feed, and the Unicode line and paragraph separators (U+2028, U+2029) pasted from word processors.
  for (const raw of text.split(/[\n\u2028\u2029]/)) {
    const paragraph = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    let lineStart = -1;
    let lineEnd = -1;
    let width = 0;
    const flush = () => {
      if (lineStart >= 0) lines.push({ text: text.slice(lineStart, lineEnd), start: lineStart, end: lineEnd });
      lineStart = -1;
      width = 0;
    };
    let any = false;
    for (const m of paragraph.matchAll(WORD)) {
      any = true;
      const word = m[0];
      let start = offset + m.index;
      let wordWidth = textWidth(font, word, size);
      if (lineStart >= 0) {
        const gap = (start - lineEnd) * spaceWidth;
        if (width + gap + wordWidth <= maxWidth) {
          width += gap + wordWidth;
          lineEnd = start + word.length;
          continue;
        }
        flush();
      }
      // A word wider than a line is cut after the last hyphen (or slash) that fits ("non-" / "execution"), else
      // between characters. Each pass measures only what goes on one line, so a long word costs its length once.
      let from = 0;
      while (wordWidth > maxWidth && word.length - from > 1) {
        let cut = 0;
        let w = 0;
        let afterHyphen = 0;
        let over = false;
        for (let i = from; i < word.length;) {
          const ch = word.slice(i, word.codePointAt(i)! > 0xffff ? i + 2 : i + 1);
          const cw = textWidth(font, ch, size);
          if (w + cw > maxWidth) {
            over = true;
            if (cut > 0) break;
          }
          w += cw;
          cut += ch.length;
          i += ch.length;
          if (HYPHEN.test(ch) && i < word.length) afterHyphen = cut;
        }
        if (!over) break;
        if (afterHyphen > 0) cut = afterHyphen;
        lines.push({ text: word.slice(from, from + cut), start, end: start + cut });
        start += cut;
        from += cut;
      }
      const rest = from === 0 ? word : word.slice(from);
      if (from > 0) wordWidth = textWidth(font, rest, size);
      lineStart = start;
      lineEnd = start + rest.length;
      width = wordWidth;
    }
    if (!any) lines.push({ text: '', start: offset, end: offset });
    flush();
    offset += raw.length + 1;
  }
  return lines;
}

/** The lines of a text, as strings. */
export function wrapLines(font: MeasuredFont, text: string, size: number, maxWidth: number): string[] {
  return wrapText(font, text, size, maxWidth).map((l) => l.text);
}
