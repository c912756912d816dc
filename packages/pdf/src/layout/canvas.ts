import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFRef,
  type Color,
  type PDFContext,
  type PDFFont,
  type PDFImage,
  type PDFNumber,
  type PDFPage,
} from 'pdf-lib';
import type { Deflate } from './deflate.js';
import { hexText } from '../fonts/embedFonts.js';
import type { StructElem, Tagger } from './tags.js';

/** Formats a coordinate with at most two decimals: enough for print, and short in the file. */
function n(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

function fillColor(c: Color): string {
  const x = c as { type: string; gray?: number; red?: number; green?: number; blue?: number };
  return x.type === 'Grayscale' ? `${n(x.gray!)} g` : `${n(x.red!)} ${n(x.green!)} ${n(x.blue!)} rg`;
}

function strokeColor(c: Color): string {
  const x = c as { type: string; gray?: number; red?: number; green?: number; blue?: number };
  return x.type === 'Grayscale' ? `${n(x.gray!)} G` : `${n(x.red!)} ${n(x.green!)} ${n(x.blue!)} RG`;
}

const KAPPA = 0.5522847498;

/** The tick outlines of each document, by shape and size. */
const tickShapes = new WeakMap<PDFContext, Map<string, PDFRef>>();

/**
 * The content of one page, written as PDF operators in a string and added to the page as one compressed stream.
 * pdf-lib's drawing methods build an object per operator and validate every option; a form page draws a few
 * thousand of them, and writing them directly is several times faster.
 */
export class Canvas {
  private readonly parts: string[] = [];
  private readonly fontKeys = new Map<PDFFont, PDFName>();
  private readonly xobjectKeys = new Map<PDFRef, PDFName>();
  /** The open marked-content sequence: an element's content, an artifact, or none. */
  private open: StructElem | 'artifact' | undefined;

  /** `tags`: the document's structure tree; without it nothing is marked. */
  constructor(
    readonly page: PDFPage,
    private readonly tags?: Tagger,
  ) {}

  /** Text goes in the marked content of its element (a new sequence when the element changes). */
  private markText(secondary: boolean, text: string): void {
    if (!this.tags) return;
    const elem = this.tags.textTarget(secondary, text);
    if (!elem) return this.markArtifact();
    if (this.open === elem) return;
    if (this.open) this.parts.push('EMC');
    this.parts.push(`/${elem.type} <</MCID ${this.tags.mark(this.page, elem)}>> BDC`);
    this.open = elem;
  }

  /** Lines, boxes and fills are artifacts: the structure tree says what they frame. */
  private markArtifact(): void {
    if (!this.tags || this.open === 'artifact') return;
    if (this.open) this.parts.push('EMC');
    this.parts.push('/Artifact BMC');
    this.open = 'artifact';
  }

  private fontKey(font: PDFFont): PDFName {
    let key = this.fontKeys.get(font);
    if (!key) {
      key = this.page.node.newFontDictionary(font.name, font.ref);
      this.fontKeys.set(font, key);
    }
    return key;
  }

  /** One line of text with its baseline at y. */
  text(text: string, x: number, y: number, size: number, font: PDFFont, color: Color, secondary = false): void {
    if (text === '') return;
    this.markText(secondary, text);
    const hex = hexText(font, text);
    this.parts.push(
      `BT ${fillColor(color)} ${this.fontKey(font).toString()} ${n(size)} Tf ${n(x)} ${n(y)} Td ${hex} Tj ET`,
    );
  }

  /** A rectangle, stroked and/or filled. */
  rect(
    x: number,
    y: number,
    width: number,
    height: number,
    options: { fill?: Color; stroke?: Color; lineWidth?: number },
  ): void {
    this.markArtifact();
    const ops = ['q'];
    if (options.fill) ops.push(fillColor(options.fill));
    if (options.stroke) ops.push(strokeColor(options.stroke), `${n(options.lineWidth ?? 1)} w`);
    ops.push(
      `${n(x)} ${n(y)} ${n(width)} ${n(height)} re`,
      options.fill && options.stroke ? 'B' : options.fill ? 'f' : 'S',
      'Q',
    );
    this.parts.push(ops.join(' '));
  }

  /** A straight line. */
  line(x1: number, y1: number, x2: number, y2: number, lineWidth: number, color: Color): void {
    this.markArtifact();
    this.parts.push(`q ${strokeColor(color)} ${n(lineWidth)} w ${n(x1)} ${n(y1)} m ${n(x2)} ${n(y2)} l S Q`);
  }

  /** An ellipse around (cx, cy), stroked and/or filled. */
  ellipse(
    cx: number,
    cy: number,
    rx: number,
    ry: number,
    options: { fill?: Color; stroke?: Color; lineWidth?: number },
  ): void {
    this.markArtifact();
    const ox = rx * KAPPA;
    const oy = ry * KAPPA;
    const ops = ['q'];
    if (options.fill) ops.push(fillColor(options.fill));
    if (options.stroke) ops.push(strokeColor(options.stroke), `${n(options.lineWidth ?? 1)} w`);
    ops.push(
      `${n(cx - rx)} ${n(cy)} m`,
      `${n(cx - rx)} ${n(cy + oy)} ${n(cx - ox)} ${n(cy + ry)} ${n(cx)} ${n(cy + ry)} c`,
      `${n(cx + ox)} ${n(cy + ry)} ${n(cx + rx)} ${n(cy + oy)} ${n(cx + rx)} ${n(cy)} c`,
      `${n(cx + rx)} ${n(cy - oy)} ${n(cx + ox)} ${n(cy - ry)} ${n(cx)} ${n(cy - ry)} c`,
      `${n(cx - ox)} ${n(cy - ry)} ${n(cx - rx)} ${n(cy - oy)} ${n(cx - rx)} ${n(cy)} c`,
      options.fill && options.stroke ? 'b' : options.fill ? 'f' : 's',
      'Q',
    );
    this.parts.push(ops.join(' '));
  }

  /**
   * A tick's outline (a circle or a square of side `side`), lower left corner at (x, y): drawn from one form XObject
   * per document and shape, as an indicator table has hundreds of ticks and a circle is four curves.
   */
  tickOutline(shape: 'circle' | 'square', side: number, x: number, y: number, lineWidth: number): void {
    this.markArtifact();
    const context = this.page.doc.context;
    let shapes = tickShapes.get(context);
    if (!shapes) tickShapes.set(context, (shapes = new Map<string, PDFRef>()));
    const id = `${shape}${side}/${lineWidth}`;
    let ref = shapes.get(id);
    if (!ref) {
      const r = (side - lineWidth) / 2;
      const c = side / 2;
      const o = r * KAPPA;
      const path =
        shape === 'square'
          ? `${n(lineWidth / 2)} ${n(lineWidth / 2)} ${n(side - lineWidth)} ${n(side - lineWidth)} re S`
          : [
              `${n(c - r)} ${n(c)} m`,
              `${n(c - r)} ${n(c + o)} ${n(c - o)} ${n(c + r)} ${n(c)} ${n(c + r)} c`,
              `${n(c + o)} ${n(c + r)} ${n(c + r)} ${n(c + o)} ${n(c + r)} ${n(c)} c`,
              `${n(c + r)} ${n(c - o)} ${n(c + o)} ${n(c - r)} ${n(c)} ${n(c - r)} c`,
              `${n(c - o)} ${n(c - r)} ${n(c - r)} ${n(c - o)} ${n(c - r)} ${n(c)} c s`,
            ].join(' ');
      const stream = context.stream(ascii(`0 G ${n(lineWidth)} w ${path}`), {
        Type: 'XObject',
        Subtype: 'Form',
        BBox: [0, 0, side, side],
      });
      shapes.set(id, (ref = context.register(stream)));
    }
    let key = this.xobjectKeys.get(ref);
    if (!key) this.xobjectKeys.set(ref, (key = this.page.node.newXObject('Tick', ref)));
    this.parts.push(`q 1 0 0 1 ${n(x)} ${n(y)} cm ${key.toString()} Do Q`);
  }

  /**
   * Draws a widget's normal appearance (its state's, for a button) where the widget is, as content of the current
   * element: a final form prints its answers as page content in reading order instead of flattening the fields.
   */
  appearance(widget: PDFDict): void {
    const context = this.page.doc.context;
    const rect = widget
      .lookup(PDFName.of('Rect'), PDFArray)
      .asArray()
      .map((v) => (v as PDFNumber).asNumber());
    const normal = widget.lookup(PDFName.of('AP'), PDFDict).get(PDFName.of('N'));
    let ref = normal instanceof PDFRef ? normal : undefined;
    if (!ref && normal instanceof PDFDict) {
      const state = widget.get(PDFName.of('AS'));
      const chosen = state instanceof PDFName && state.asString() !== '/Off' ? normal.get(state) : undefined;
      ref = chosen instanceof PDFRef ? chosen : undefined;
    }
    if (!ref || context.lookup(ref) === undefined) return;
    if (this.tags) {
      const elem = this.tags.current;
      if (!elem) this.markArtifact();
      else if (this.open !== elem) {
        if (this.open) this.parts.push('EMC');
        this.parts.push(`/${elem.type} <</MCID ${this.tags.mark(this.page, elem)}>> BDC`);
        this.open = elem;
      }
    }
    let key = this.xobjectKeys.get(ref);
    if (!key) this.xobjectKeys.set(ref, (key = this.page.node.newXObject('Ap', ref)));
    this.parts.push(`q 1 0 0 1 ${n(rect[0]!)} ${n(rect[1]!)} cm ${key.toString()} Do Q`);
  }

  /** An image scaled into a box with its lower left corner at (x, y). */
  image(image: PDFImage, x: number, y: number, width: number, height: number): void {
    this.markArtifact();
    const key = this.page.node.newXObject('Image', image.ref);
    this.parts.push(`q ${n(width)} 0 0 ${n(height)} ${n(x)} ${n(y)} cm ${key.toString()} Do Q`);
  }

  /** Adds what was drawn to the page as one compressed content stream. */
  commit(context: PDFContext, deflate?: Deflate): void {
    if (this.parts.length === 0) return;
    if (this.open) this.parts.push('EMC');
    this.open = undefined;
    const content = this.parts.join('\n');
    const stream = deflate
      ? context.stream(deflate(ascii(content)), { Filter: 'FlateDecode' })
      : context.flateStream(content);
    this.page.node.addContentStream(context.register(stream));
    this.parts.length = 0;
  }
}

/** The bytes of a string of operators, which is ASCII only (text is written as hex glyph ids). */
export function ascii(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
