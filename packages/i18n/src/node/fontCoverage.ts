import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The faces of the PDF font that every message must be printable in. */
export const PDF_FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'] as const;

interface GlyphSource {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/**
 * Loads the PDF font faces the way the PDF module does: `dejavu-fonts-ttf` and `@pdf-lib/fontkit` are dependencies
 * of packages/pdf, resolved from there. Loaded once per process.
 */
let loaded: { file: string; font: GlyphSource }[] | undefined;

export function loadPdfFonts(): { file: string; font: GlyphSource }[] {
  if (loaded) return loaded;
  const pdfPackage = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'pdf', 'package.json');
  const require = createRequire(pdfPackage);
  const fontkit = require('@pdf-lib/fontkit') as { create(buffer: Uint8Array): GlyphSource };
  const ttfDir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  loaded = PDF_FONT_FILES.map((file) => ({ file, font: fontkit.create(readFileSync(join(ttfDir, file))) }));
  return loaded;
}

/** Characters of a text that a font lacks (control characters such as line breaks are not drawn and not checked). */
export function missingGlyphs(text: string, font: GlyphSource): string[] {
  const missing = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
    if (!font.hasGlyphForCodePoint(cp)) missing.add(ch);
  }
  return [...missing];
}

/** `U+02BB ʻ` */
export function describeChar(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} ${ch}`;
}
