import { KomekError } from '@komek/core';
import {
  PDFHexString,
  PDFName,
  PDFString,
  drawCheckMark,
  drawEllipse,
  grayscale,
  type PDFDict,
  type PDFDocument,
  type PDFFont,
  type PDFOperator,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import type { MeasuredFont } from './fonts/embedFonts.js';
import { leading, metrics } from './layout/style.js';
import { wrapLines } from './text/wrap.js';
import { DINGBATS, hexText } from './fonts/embedFonts.js';
import { ascii } from './layout/canvas.js';

/** A rectangle in PDF user space (origin bottom left). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Thrown when two fields would get the same name: two places of the form claim the same data pointer. */
export class DuplicateFieldError extends KomekError {
  constructor(readonly fieldName: string) {
    super(
      'KOMEK_DUPLICATE_FIELD',
      `Two fields of the paper form are named "${fieldName}": every data pointer may appear once`,
    );
    this.name = 'DuplicateFieldError';
  }
}

/**
 * Writes the AcroForm fields of a paper form. Widgets have no border or background of their own: the page draws the
 * boxes, so a flattened or printed form looks the same as the fillable one. Text appearances are laid out by the
 * same line breaking as the page (pdf-lib's own is quadratic in the text length and does not break long words);
 * check boxes and radio buttons share one pair of appearance streams per document.
 */
export class FieldWriter {
  private readonly names = new Set<string>();
  /** Told of every visible widget as it is made (the structure tree links it to its form element). */
  onWidget: ((page: PDFPage, widget: PDFRef) => void) | undefined;
  private shared: { dot: PDFRef; check: PDFRef; empty: PDFRef } | undefined;
  readonly fontSize: number;

  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly metrics: MeasuredFont,
    fontSize: number,
  ) {
    this.fontSize = fontSize;
  }

  private claim(name: string): void {
    if (this.names.has(name)) throw new DuplicateFieldError(name);
    this.names.add(name);
  }

  /** Widget entries common to every field: a printable annotation without border or background. */
  private widgetEntries(page: PDFPage, rect: Rect): Record<string, unknown> {
    return {
      Type: 'Annot',
      Subtype: 'Widget',
      Rect: [round(rect.x), round(rect.y), round(rect.x + rect.width), round(rect.y + rect.height)],
      P: page.ref,
      F: 4,
      BS: { W: 0 },
    };
  }

  /** Registers a field (merged with its widget when it has one) in the form and its widget on the page. */
  private register(entries: Record<string, unknown>, page?: PDFPage): { dict: PDFDict; ref: PDFRef } {
    const context = this.doc.context;
    const dict = context.obj(entries as never) as unknown as PDFDict;
    const ref = context.register(dict);
    this.doc.getForm().acroForm.addField(ref);
    if (page) page.node.addAnnot(ref);
    if (page && entries.F !== 2) this.onWidget?.(page, ref);
    return { dict, ref };
  }

  private sharedAppearances() {
    if (!this.shared) {
      const t = metrics.tick;
      const context = this.doc.context;
      const xobject = (ops: PDFOperator[]) =>
        context.register(context.formXObject(ops, { BBox: context.obj([0, 0, t, t]) }));
      this.shared = {
        dot: xobject(
          drawEllipse({
            x: t / 2,
            y: t / 2,
            xScale: t * 0.26,
            yScale: t * 0.26,
            color: grayscale(0),
            borderColor: undefined,
            borderWidth: 0,
          }),
        ),
        check: xobject(drawCheckMark({ x: t / 2, y: t / 2, size: t * 0.42, thickness: 1.3, color: grayscale(0) })),
        empty: xobject([]),
      };
    }
    return this.shared;
  }

  /** A text field. Multiline fields wrap; `value` is set when given. */
  text(
    page: PDFPage,
    name: string,
    rect: Rect,
    options: { value?: string; multiline?: boolean; maxLength?: number } = {},
  ): void {
    this.claim(name);
    const value = options.value ?? '';
    const entries: Record<string, unknown> = {
      ...this.widgetEntries(page, rect),
      FT: 'Tx',
      T: PDFHexString.fromText(name),
      DA: PDFString.of(`/${this.font.name} ${this.fontSize} Tf 0 g`),
      AP: {
        N: value === '' ? this.sharedAppearances().empty : this.textAppearance(value, rect, options.multiline === true),
      },
    };
    if (options.multiline) entries.Ff = 4096;
    if (options.maxLength !== undefined && value.length <= options.maxLength) entries.MaxLen = options.maxLength;
    if (value !== '') entries.V = PDFHexString.fromText(wellFormed(value));
    this.register(entries, page);
  }

  /**
   * A hidden, read-only text field: data that travels with the form but is not shown (a drawn signature). Its widget
   * is an empty, hidden rectangle with an empty appearance: a field dictionary without one is read by pdf-lib (and
   * by the PDF specification) as a widget without a rectangle, which breaks appearance updates and flattening.
   */
  hiddenText(page: PDFPage, name: string, value: string): void {
    this.claim(name);
    this.register(
      {
        Type: 'Annot',
        Subtype: 'Widget',
        Rect: [0, 0, 0, 0],
        P: page.ref,
        F: 2,
        FT: 'Tx',
        Ff: 1,
        T: PDFHexString.fromText(name),
        V: PDFHexString.fromText(wellFormed(value)),
        AP: { N: this.sharedAppearances().empty },
      },
      page,
    );
  }

  /** A group of radio buttons, one per option; `selected` is the chosen option's value. */
  radioGroup(name: string, buttons: { value: string; page: PDFPage; rect: Rect }[], selected?: string): void {
    this.claim(name);
    const context = this.doc.context;
    const ap = this.sharedAppearances();
    const on = selected === undefined ? undefined : PDFName.of(selected);
    const kids = context.obj([]);
    const { ref } = this.register({
      FT: 'Btn',
      Ff: 1 << 15,
      T: PDFHexString.fromText(name),
      Kids: kids,
      ...(on ? { V: on } : {}),
    });
    for (const b of buttons) {
      const widget = context.obj({
        ...this.widgetEntries(b.page, b.rect),
        Parent: ref,
        AS: b.value === selected ? PDFName.of(b.value) : 'Off',
        AP: { N: { [b.value]: ap.dot, Off: ap.empty } },
        DA: PDFString.of(`/${DINGBATS} 0 Tf 0 g`),
        MK: { CA: PDFString.of('l') },
      } as never);
      const widgetRef = context.register(widget);
      kids.push(widgetRef);
      b.page.node.addAnnot(widgetRef);
      this.onWidget?.(b.page, widgetRef);
    }
  }

  /**
   * A check box. `checked` true ticks it; false records an explicit "no" (value /Off); undefined leaves it without
   * a value, so reading the form back can tell an unanswered box from one answered "no".
   */
  checkBox(page: PDFPage, name: string, rect: Rect, checked?: boolean): void {
    this.claim(name);
    const ap = this.sharedAppearances();
    const state = checked === true ? 'Yes' : 'Off';
    this.register(
      {
        ...this.widgetEntries(page, rect),
        FT: 'Btn',
        T: PDFHexString.fromText(name),
        AS: state,
        AP: { N: { Yes: ap.check, Off: ap.empty } },
        DA: PDFString.of(`/${DINGBATS} 0 Tf 0 g`),
        MK: { CA: PDFString.of('4') },
        ...(checked === undefined ? {} : { V: state }),
      },
      page,
    );
  }

  /**
   * The appearance stream of a text field: its text broken into lines like the page's own text, clipped to the box.
   * Left uncompressed: a field's stream is a few hundred bytes, and deflating each one separately costs more time
   * than it saves space (the document's object streams are compressed as a whole).
   */
  private textAppearance(text: string, rect: Rect, multiline: boolean): PDFRef {
    const width = round(rect.width);
    const height = round(rect.height);
    const size = this.fontSize;
    const pad = metrics.boxPad;
    const lh = round(size * leading);
    const lines = multiline
      ? wrapLines(this.metrics, text, size, width - 2 * pad)
      : [text.replace(/\s*\r?\n\s*/g, ' ')];
    const ascent = (this.metrics.ascent / 1000) * size;
    const firstBaseline = round(multiline ? height - pad - ascent + 1 : (height - size * 0.72) / 2);
    const ops = [
      `/Tx BMC q ${pad / 2} ${pad / 2} ${round(width - pad)} ${round(height - pad)} re W n BT 0 g /${this.font.name} ${size} Tf ${pad} ${firstBaseline} Td`,
    ];
    lines.forEach((line, i) => ops.push(`${i > 0 ? `0 ${-lh} Td ` : ''}${hexText(this.font, line)} Tj`));
    ops.push('ET Q EMC');
    const context = this.doc.context;
    const dict = context.obj({
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, width, height],
      Resources: { Font: { [this.font.name]: this.font.ref } },
    });
    return context.register(context.stream(ascii(ops.join('\n')), dict as never));
  }
}

/**
 * The text with each unpaired surrogate replaced by U+FFFD. PDF text strings are UTF-16BE; pdf-lib's decoder pairs a
 * lone high surrogate with the next code unit, which lost the character after it.
 */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
