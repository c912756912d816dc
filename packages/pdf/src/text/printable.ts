import { findNode, type FormModel } from '@komek/core';
import { isImageAnswer } from '../render/paperWidgets.js';
import type { MeasuredFont } from '../fonts/embedFonts.js';

/** Scripts written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko, …): the layout neither joins nor reorders them. */
const RIGHT_TO_LEFT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/** How a character is shown in a message: itself and its code point (`山 U+5C71`); invisible ones by code only. */
function show(cp: number): string {
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const ch = String.fromCodePoint(cp);
  return /[\p{L}\p{N}\p{P}\p{S}]/u.test(ch) ? `${ch} ${code}` : code;
}

/** A code point the form session reports as not text (core's `textProblemIn`), or tab and line breaks. */
const notText = (cp: number) =>
  cp < 0x20 ||
  (cp >= 0x7f && cp <= 0x9f) ||
  (cp >= 0xd800 && cp <= 0xdfff) ||
  (cp >= 0xfdd0 && cp <= 0xfdef) ||
  (cp & 0xfffe) === 0xfffe;

/**
 * The characters of a text that the paper form cannot print, each once, in order: those the font has no glyph for
 * (CJK, Thai, most emoji, …; they would come out as empty boxes) and right-to-left letters, which would print
 * unjoined and in the wrong order.
 */
export function unprintableCharacters(font: MeasuredFont, text: string): string[] {
  const out = new Map<number, string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    // Broken surrogates, control characters and noncharacters are the validator's (`text`: reported once, there);
    // tab and line breaks are layout.
    if (notText(cp) || out.has(cp)) continue;
    if (!font.has(cp) || RIGHT_TO_LEFT.test(ch)) out.set(cp, show(cp));
  }
  return [...out.values()];
}

/** One answer with characters the paper form cannot print. */
export interface UnprintableAnswer {
  pointer: string;
  characters: string[];
}

/**
 * The answers of (pruned) data that hold characters the paper form cannot print, in data order. Drawn signatures
 * (images, carried as data URLs) are not text.
 */
export function unprintableAnswers(model: FormModel, font: MeasuredFont, data: unknown): UnprintableAnswer[] {
  const out: UnprintableAnswer[] = [];
  const walk = (v: unknown, pointer: string, depth: number) => {
    if (depth > 64) return;
    if (typeof v === 'string') {
      if (isImageAnswer(findNode(model, pointer))) return;
      const characters = unprintableCharacters(font, v);
      if (characters.length > 0) out.push({ pointer, characters });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${pointer}/${i}`, depth + 1));
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v))
        walk(x, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, depth + 1);
    }
  };
  walk(data, '', 0);
  return out;
}
