import fontkit from '@pdf-lib/fontkit';
import type { Font as FontkitFont, Glyph } from '@pdf-lib/fontkit';
import {
  PDFName,
  PDFString,
  type PDFContext,
  type PDFDocument,
  type PDFFont,
  type PDFRawStream,
  type PDFRef,
} from 'pdf-lib';
import { fieldCharacters } from './alphabets.js';
import { addCmap } from './cmapTable.js';
import type { FontSource } from './fontSource.js';

/** A parsed font with the metrics the layout measures text with. */
export interface MeasuredFont {
  fontkit: FontkitFont;
  /** Advance width of a code point in thousandths of the font size. */
  advance(codePoint: number): number;
  /** Whether the font has a glyph for a code point. */
  has(codePoint: number): boolean;
  /** Distance from the top of a line box to the baseline, and below it, in thousandths of the font size. */
  ascent: number;
  descent: number;
}

const parsed = new WeakMap<Uint8Array, MeasuredFont>();

/**
 * Parses a font once per process and replaces its shaping with a plain character-to-glyph map. Shaping costs about
 * half a millisecond per string in fontkit; Cyrillic and Latin need neither ligatures nor reordering, and pdf-lib
 * uses only the glyphs of a layout, never its positions.
 */
export function measuredFont(bytes: Uint8Array): MeasuredFont {
  const known = parsed.get(bytes);
  if (known) return known;
  const font = fontkit.create(bytes);
  const glyphs = new Map<number, Glyph>();
  const glyphOf = (cp: number): Glyph => {
    let g = glyphs.get(cp);
    if (!g) {
      g = font.glyphForCodePoint(cp);
      // fontkit caches glyphs by id with the characters of the first request. A glyph first loaded as a part of a
      // composite (while an earlier subset was encoded) has none, and would map to no text in the ToUnicode CMap.
      if (g.codePoints.length === 0) g.codePoints.push(cp);
      glyphs.set(cp, g);
    }
    return g;
  };
  const scale = 1000 / font.unitsPerEm;
  const widths = new Map<number, number>();
  (font as unknown as { layout(text: string): { glyphs: Glyph[]; positions: [] } }).layout = (text: string) => {
    const out: Glyph[] = [];
    for (const ch of text) out.push(glyphOf(ch.codePointAt(0)!));
    return { glyphs: out, positions: [] };
  };
  const measured: MeasuredFont = {
    fontkit: font,
    advance(cp) {
      let w = widths.get(cp);
      if (w === undefined) {
        w = glyphOf(cp).advanceWidth * scale;
        widths.set(cp, w);
      }
      return w;
    },
    has: (cp) => font.hasGlyphForCodePoint(cp),
    ascent: font.ascent * scale,
    descent: font.descent * scale,
  };
  parsed.set(bytes, measured);
  return measured;
}

/** The internals of pdf-lib's subset embedder that the subset cache hooks into. */
interface SubsetEmbedder {
  subset: { glyphs: number[] };
  /** Glyphs in subset order: `glyphs[i]` has subset id i + 1. */
  glyphs: Glyph[];
  serializeFont(): Promise<Uint8Array>;
  embedFontStream(context: PDFContext): Promise<PDFRef>;
  embedUnicodeCmap(context: PDFContext): PDFRef;
}

interface SubsetBytes {
  fontFile?: Promise<Uint8Array>;
  toUnicode?: Uint8Array;
}

const MAX_SUBSETS = 64;
const subsetCaches = new WeakMap<MeasuredFont, Map<string, SubsetBytes>>();

function subsetEntry(font: MeasuredFont, embedder: SubsetEmbedder): SubsetBytes {
  let subsets = subsetCaches.get(font);
  if (!subsets) subsetCaches.set(font, (subsets = new Map<string, SubsetBytes>()));
  // The key is taken before pdf-lib encodes the subset, which appends the parts of composite glyphs to the list.
  const key = embedder.subset.glyphs.join(',');
  let entry = subsets.get(key);
  if (!entry) {
    entry = {};
    subsets.set(key, entry);
    if (subsets.size > MAX_SUBSETS) subsets.delete(subsets.keys().next().value!);
  }
  return entry;
}

/**
 * Makes a subset embedder reuse the compressed font program and ToUnicode map of an earlier document with the same
 * glyphs: subsetting DejaVu and deflating the result cost more than everything else in a small form.
 */
function cacheSubset(font: PDFFont, metrics: MeasuredFont, withCmap: boolean): void {
  const embedder = (font as unknown as { embedder: SubsetEmbedder }).embedder;
  const embedUnicodeCmap = embedder.embedUnicodeCmap.bind(embedder);
  let entry: SubsetBytes | undefined;
  embedder.embedFontStream = async (context) => {
    const e = (entry = subsetEntry(metrics, embedder));
    if (!e.fontFile) {
      const glyphOf = new Map<number, number>();
      if (withCmap) {
        embedder.glyphs.forEach((g, i) => {
          for (const cp of g?.codePoints ?? []) if (!glyphOf.has(cp)) glyphOf.set(cp, i + 1);
        });
      }
      e.fontFile = embedder
        .serializeFont()
        .then((bytes) => context.flateStream(withCmap ? addCmap(bytes, glyphOf) : bytes).getContents());
      e.fontFile.catch(() => delete e.fontFile);
    }
    return context.register(context.stream(await e.fontFile, { Filter: 'FlateDecode' }));
  };
  embedder.embedUnicodeCmap = (context) => {
    const e = entry ?? subsetEntry(metrics, embedder);
    if (!e.toUnicode) {
      const ref = embedUnicodeCmap(context);
      e.toUnicode = (context.lookup(ref) as PDFRawStream).getContents();
      return ref;
    }
    return context.register(context.stream(e.toUnicode, { Filter: 'FlateDecode' }));
  };
}

/** The two fonts of a paper form, embedded in a document. */
export interface EmbeddedFonts {
  regular: PDFFont;
  bold: PDFFont;
  metrics: { regular: MeasuredFont; bold: MeasuredFont };
}

/**
 * Embeds DejaVu Sans and DejaVu Sans Bold as subsets. The regular subset always holds every letter of the six
 * languages (see `fieldCharacters`), because it is the font of the form fields and people type into blank forms.
 */
export async function embedFonts(doc: PDFDocument, source: FontSource): Promise<EmbeddedFonts> {
  const regularMetrics = measuredFont(source.regular);
  const boldMetrics = measuredFont(source.bold);
  doc.registerFontkit({
    create: (bytes: Uint8Array) => (bytes === source.bold ? boldMetrics.fontkit : regularMetrics.fontkit),
  });
  const [regular, bold] = await Promise.all([
    doc.embedFont(source.regular, { subset: true, customName: 'KMKAAA+DejaVuSans' }),
    doc.embedFont(source.bold, { subset: true, customName: 'KMKAAB+DejaVuSans-Bold' }),
  ]);
  // The field font gets a cmap, so that a viewer can draw what is typed; headings never change.
  cacheSubset(regular, regularMetrics, true);
  cacheSubset(bold, boldMetrics, false);
  // Encoding the characters adds their glyphs to the subset, in the same order in every document.
  regular.encodeText(fieldCharacters);
  return { regular, bold, metrics: { regular: regularMetrics, bold: boldMetrics } };
}

/** The resource name of ZapfDingbats, the font of the check mark (`4`) and dot (`l`) of check boxes and radios. */
export const DINGBATS = 'ZaDb';

/**
 * Registers the fonts every default appearance names as the form's default resources: the field font, for text
 * typed into a field, and ZapfDingbats (a standard font, not embedded), for the marks a viewer draws when a box is
 * ticked. A viewer that does not find the font a field's appearance names substitutes one of its own.
 */
export function setFieldFont(doc: PDFDocument, font: PDFFont, size: number): void {
  const acroForm = doc.getForm().acroForm.dict;
  const dingbats = doc.context.register(doc.context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'ZapfDingbats' }));
  acroForm.set(PDFName.of('DR'), doc.context.obj({ Font: { [font.name]: font.ref, [DINGBATS]: dingbats } }));
  acroForm.set(PDFName.of('DA'), PDFString.of(`/${font.name} ${size} Tf 0 g`));
}

const encoders = new WeakMap<PDFFont, Map<number, string>>();

/**
 * A text as a PDF hex string of subset glyph ids (`<0012003A>`), for content streams. Each character is encoded
 * through pdf-lib once per document (which also adds its glyph to the subset) and remembered.
 */
export function hexText(font: PDFFont, text: string): string {
  let map = encoders.get(font);
  if (!map) encoders.set(font, (map = new Map<number, string>()));
  let out = '<';
  for (let i = 0; i < text.length; i++) {
    let cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    // Half of a broken pair has no glyph and no UTF-16BE encoding: it is drawn as a replacement character, and the
    // text after it is kept (it used to swallow the next character).
    else if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    // A tab inside a line is a space, as `textWidth` measures it: the font has no glyph for it (an empty box).
    else if (cp === 9) cp = 32;
    // A soft hyphen (pasted from a word processor) only shows where a word is broken, which the layout never does.
    if (cp === 0xad) continue;
    let hex = map.get(cp);
    if (hex === undefined) {
      hex = font.encodeText(String.fromCodePoint(cp)).toString().slice(1, -1);
      map.set(cp, hex);
    }
    out += hex;
  }
  return out + '>';
}
