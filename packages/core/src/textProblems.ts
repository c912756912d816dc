import { escapePointerSegment } from './pointer.js';

/** A string in the data that holds something that is not text. */
export interface TextProblem {
  /** JSON Pointer of the string (of the key, for a broken property name). */
  pointer: string;
  /** What is wrong: a lone half of a surrogate pair, a control character or a noncharacter. */
  kind: 'surrogate' | 'control' | 'noncharacter';
  /** The offending code unit or code point, as `U+XXXX`. */
  character: string;
  /** Its index in the string (UTF-16 code units). */
  index: number;
}

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The first thing in a string that is not text, or undefined: an unpaired surrogate (which UTF-8 cannot encode and
 * PDF strings lose), a control character other than tab, line feed and carriage return (C0, DEL, C1), or a
 * noncharacter (U+FFFE, U+FFFF, …).
 */
export function textProblemIn(text: string): Omit<TextProblem, 'pointer'> | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const cp = text.codePointAt(i)!;
        if ((cp & 0xfffe) === 0xfffe) return { kind: 'noncharacter', character: hex(cp), index: i };
        i++;
        continue;
      }
      return { kind: 'surrogate', character: hex(c), index: i };
    }
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f))
      return { kind: 'control', character: hex(c), index: i };
    if ((c >= 0xfdd0 && c <= 0xfdef) || c === 0xfffe || c === 0xffff)
      return { kind: 'noncharacter', character: hex(c), index: i };
  }
  return undefined;
}

/** Every string of the data (values and property names) that holds something that is not text, in data order. */
export function findTextProblems(data: unknown): TextProblem[] {
  const out: TextProblem[] = [];
  const walk = (v: unknown, pointer: string, depth: number) => {
    if (depth > 64) return;
    if (typeof v === 'string') {
      const p = textProblemIn(v);
      if (p) out.push({ pointer, ...p });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${pointer}/${i}`, depth + 1));
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const at = `${pointer}/${escapePointerSegment(k)}`;
        const p = textProblemIn(k);
        if (p) out.push({ pointer: at, ...p });
        walk(x, at, depth + 1);
      }
    }
  };
  walk(data, '', 0);
  return out;
}
