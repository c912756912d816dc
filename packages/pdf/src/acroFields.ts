import {
  AnnotationFlags,
  PDFAcroCheckBox,
  PDFAcroRadioButton,
  PDFAcroText,
  PDFCheckBox,
  PDFName,
  PDFRadioGroup,
  PDFTextField,
  PDFWidgetAnnotation,
  beginMarkedContent,
  beginText,
  clip,
  drawCheckMark,
  drawEllipse,
  endMarkedContent,
  endPath,
  endText,
  grayscale,
  moveText,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingGrayscaleColor,
  setFontAndSize,
  showText,
  type PDFDocument,
  type PDFFont,
  type PDFOperator,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import type { MeasuredFont } from './fonts/embedFonts.js';
import { leading, metrics } from './layout/style.js';
import { wrapLines } from './text/wrap.js';

/** A rectangle in PDF user space (origin bottom left). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Thrown when two fields would get the same name: two places of the form claim the same data pointer. */
export class DuplicateFieldError extends Error {
  constructor(readonly fieldName: string) {
    super(`Two fields of the paper form are named "${fieldName}": every data pointer may appear once`);
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

  private widget(page: PDFPage, parent: PDFRef, rect: Rect): { widget: PDFWidgetAnnotation; ref: PDFRef } {
    const widget = PDFWidgetAnnotation.create(this.doc.context, parent);
    widget.setRectangle(rect);
    widget.setP(page.ref);
    widget.setFlagTo(AnnotationFlags.Print, true);
    widget.getOrCreateBorderStyle().setWidth(0);
    const ref = this.doc.context.register(widget.dict);
    page.node.addAnnot(ref);
    return { widget, ref };
  }

  private sharedAppearances() {
    if (!this.shared) {
      const t = metrics.tick;
      const context = this.doc.context;
      const xobject = (ops: PDFOperator[]) => context.register(context.formXObject(ops, { BBox: context.obj([0, 0, t, t]) }));
      this.shared = {
        dot: xobject(drawEllipse({ x: t / 2, y: t / 2, xScale: t * 0.26, yScale: t * 0.26, color: grayscale(0), borderColor: undefined, borderWidth: 0 })),
        check: xobject(drawCheckMark({ x: t / 2, y: t / 2, size: t * 0.42, thickness: 1.3, color: grayscale(0) })),
        empty: xobject([]),
      };
    }
    return this.shared;
  }

  /** A text field. Multiline fields wrap; `value` is set when given. */
  text(page: PDFPage, name: string, rect: Rect, options: { value?: string; multiline?: boolean; maxLength?: number } = {}): PDFTextField {
    this.claim(name);
    const acro = PDFAcroText.create(this.doc.context);
    acro.setPartialName(name);
    acro.setDefaultAppearance(`/${this.font.name} ${this.fontSize} Tf 0 g`);
    this.doc.getForm().acroForm.addField(acro.ref);
    const field = PDFTextField.of(acro, acro.ref, this.doc);
    if (options.multiline) field.enableMultiline();
    const value = options.value ?? '';
    if (options.maxLength !== undefined && value.length <= options.maxLength) field.setMaxLength(options.maxLength);
    if (value !== '') field.setText(value);
    const { ref } = this.widget(page, acro.ref, rect);
    acro.addWidget(ref);
    field.updateAppearances(this.font, (f, w) => this.textAppearance(f, w));
    return field;
  }

  /** A text field without a widget: data that travels with the form but is not shown (a drawn signature). */
  hiddenText(name: string, value: string): void {
    this.claim(name);
    const acro = PDFAcroText.create(this.doc.context);
    acro.setPartialName(name);
    this.doc.getForm().acroForm.addField(acro.ref);
    PDFTextField.of(acro, acro.ref, this.doc).setText(value);
  }

  /** A group of radio buttons, one per option; `selected` is the chosen option's value. */
  radioGroup(name: string, buttons: { value: string; page: PDFPage; rect: Rect }[], selected?: string): PDFRadioGroup {
    this.claim(name);
    const acro = PDFAcroRadioButton.create(this.doc.context);
    acro.setPartialName(name);
    this.doc.getForm().acroForm.addField(acro.ref);
    const ap = this.sharedAppearances();
    for (const b of buttons) {
      const { widget, ref } = this.widget(b.page, acro.ref, b.rect);
      widget.setAppearanceState(PDFName.of('Off'));
      widget.dict.set(PDFName.of('AP'), this.doc.context.obj({ N: { [b.value]: ap.dot, Off: ap.empty } }));
      widget.getOrCreateAppearanceCharacteristics().setCaptions({ normal: 'l' });
      acro.addWidget(ref);
    }
    const group = PDFRadioGroup.of(acro, acro.ref, this.doc);
    if (selected !== undefined) group.select(selected);
    return group;
  }

  /**
   * A check box. `checked` true ticks it; false records an explicit "no" (value /Off); undefined leaves it without
   * a value, so reading the form back can tell an unanswered box from one answered "no".
   */
  checkBox(page: PDFPage, name: string, rect: Rect, checked?: boolean): PDFCheckBox {
    this.claim(name);
    const acro = PDFAcroCheckBox.create(this.doc.context);
    acro.setPartialName(name);
    this.doc.getForm().acroForm.addField(acro.ref);
    const ap = this.sharedAppearances();
    const { widget, ref } = this.widget(page, acro.ref, rect);
    widget.setAppearanceState(PDFName.of('Off'));
    widget.dict.set(PDFName.of('AP'), this.doc.context.obj({ N: { Yes: ap.check, Off: ap.empty } }));
    widget.getOrCreateAppearanceCharacteristics().setCaptions({ normal: '4' });
    acro.addWidget(ref);
    const box = PDFCheckBox.of(acro, acro.ref, this.doc);
    if (checked === true) box.check();
    else if (checked === false) box.uncheck();
    return box;
  }

  /** The appearance of a text field: its text broken into lines like the page's own text, clipped to the box. */
  private textAppearance(field: PDFTextField, widget: PDFWidgetAnnotation): PDFOperator[] {
    const { width, height } = widget.getRectangle();
    const size = this.fontSize;
    const pad = metrics.boxPad;
    const text = field.getText() ?? '';
    const ops: PDFOperator[] = [beginMarkedContent('Tx'), pushGraphicsState(), rectangle(pad / 2, pad / 2, width - pad, height - pad), clip(), endPath()];
    if (text !== '') {
      const lh = size * leading;
      const lines = field.isMultiline() ? wrapLines(this.metrics, text, size, width - 2 * pad) : [text.replace(/\s*\r?\n\s*/g, ' ')];
      const ascent = (this.metrics.ascent / 1000) * size;
      const firstBaseline = field.isMultiline() ? height - pad - ascent + 1 : (height - size * 0.72) / 2;
      ops.push(beginText(), setFillingGrayscaleColor(0), setFontAndSize(this.font.name, size), moveText(pad, firstBaseline));
      lines.forEach((line, i) => {
        if (i > 0) ops.push(moveText(0, -lh));
        ops.push(showText(this.font.encodeText(line)));
      });
      ops.push(endText());
    }
    ops.push(popGraphicsState(), endMarkedContent());
    return ops;
  }
}
