import type { Color, PDFFont } from 'pdf-lib';
import type { Canvas } from './canvas.js';
import type { MeasuredFont } from '../fonts/embedFonts.js';
import { textWidth, wrapLines } from '../text/wrap.js';
import { color, leading, metrics } from './style.js';

/** A font as the layout uses it: the embedded font and its metrics. */
export interface Face {
  pdf: PDFFont;
  metrics: MeasuredFont;
}

/** A run of text in one face, size and colour. */
export interface TextStyle {
  face: Face;
  size: number;
  color: Color;
  /** Text in the secondary language: tagged with that language's `/Lang`. */
  secondary?: boolean;
}

/** A paragraph broken into lines for a width. */
export interface TextBlock {
  lines: string[];
  style: TextStyle;
  height: number;
  width: number;
}

/** Height of `n` lines in a style. */
export function linesHeight(n: number, fontSize: number): number {
  return n * fontSize * leading;
}

/** Breaks a text for a width; an empty text takes no lines. */
export function block(text: string, style: TextStyle, width: number): TextBlock {
  const lines = text === '' ? [] : wrapLines(style.face.metrics, text, style.size, width);
  return { lines, style, height: linesHeight(lines.length, style.size), width };
}

/** The width of the longest line of a block. */
export function blockWidth(b: TextBlock): number {
  let w = 0;
  for (const l of b.lines) w = Math.max(w, textWidth(b.style.face.metrics, l, b.style.size));
  return w;
}

/** Draws a block with its first line's top at `top`; `align` centres or right-aligns each line in the block width. */
export function drawBlock(
  canvas: Canvas,
  b: TextBlock,
  x: number,
  top: number,
  align: 'left' | 'center' | 'right' = 'left',
): void {
  const { face, size } = b.style;
  const lh = size * leading;
  const ascent = (face.metrics.ascent / 1000) * size;
  // Half the extra leading goes above the text, so a line sits in the middle of its line box.
  let baseline = top - (lh - size * 1.164) / 2 - ascent;
  for (const line of b.lines) {
    let lx = x;
    if (align !== 'left') {
      const w = textWidth(face.metrics, line, size);
      lx = align === 'center' ? x + (b.width - w) / 2 : x + b.width - w;
    }
    canvas.text(line, lx, baseline, size, face.pdf, b.style.color, b.style.secondary === true);
    baseline -= lh;
  }
}

/** Draws one line of text with its line box top at `top`. */
export function drawLine(canvas: Canvas, text: string, style: TextStyle, x: number, top: number): void {
  drawBlock(canvas, { lines: [text], style, height: linesHeight(1, style.size), width: 0 }, x, top);
}

/** An input box: a thin grey frame. */
export function drawBox(canvas: Canvas, x: number, top: number, width: number, height: number): void {
  canvas.rect(x, top - height, width, height, { stroke: color.box, lineWidth: 0.6 });
}

/** A tick box (square) or a radio button (circle) outline of side `metrics.tick`, top left at (x, top). */
export function drawTick(canvas: Canvas, x: number, top: number, shape: 'square' | 'circle'): void {
  canvas.tickOutline(shape, metrics.tick, x, top - metrics.tick, 0.7);
}

/** A table cell frame, optionally filled. */
export function drawCell(canvas: Canvas, x: number, top: number, width: number, height: number, fill?: Color): void {
  canvas.rect(x, top - height, width, height, { stroke: color.rule, lineWidth: 0.5, ...(fill ? { fill } : {}) });
}

/** A horizontal rule. */
export function drawRule(
  canvas: Canvas,
  x: number,
  y: number,
  width: number,
  thickness = 0.5,
  ruleColor: Color = color.rule,
): void {
  canvas.line(x, y, x + width, y, thickness, ruleColor);
}
