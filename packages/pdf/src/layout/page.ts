import type { PDFDocument, PDFPage } from 'pdf-lib';
import type { EmbeddedFonts } from '../fonts/embedFonts.js';
import type { FieldWriter } from '../acroFields.js';
import { Canvas } from './canvas.js';
import type { Deflate } from './deflate.js';
import { Tagger } from './tags.js';
import { margin, pageGeometry, type Orientation } from './style.js';

/** What a row draws with: the page it landed on and the document's fonts and field writer. */
export interface DrawContext {
  doc: PDFDocument;
  page: PDFPage;
  /** Where the page's text and lines are drawn. */
  canvas: Canvas;
  /** 1-based number of the page. */
  pageNumber: number;
  orientation: Orientation;
  /** Left edge and width of the text area. */
  x: number;
  width: number;
  fonts: EmbeddedFonts;
  fields: FieldWriter;
  /** The document's structure tree: rows draw their content inside its elements. */
  tags: Tagger;
}

/**
 * An unbreakable horizontal slice of the form: a field with its label, a table row, a line of a paragraph. Rows
 * are measured when built and drawn when the paginator has found their page.
 */
export interface Row {
  height: number;
  orientation: Orientation;
  /** Draws the row with its top edge at `top` (PDF user space, origin bottom left). */
  draw(c: DrawContext, top: number): void;
  /** Keep on the same page as the next row (headings, table heads). */
  keepWithNext?: boolean;
  /** The head of the table this row belongs to, drawn again when the row opens a page. */
  header?: Row;
  /** Start a new page before this row. */
  breakBefore?: boolean;
  /** Empty space: dropped at the top and the bottom of a page. */
  spacer?: boolean;
}

/** Places rows on pages top to bottom, opening pages as needed and repeating table heads. */
export class Paginator {
  readonly pages: { page: PDFPage; orientation: Orientation; canvas: Canvas }[] = [];
  private current: DrawContext | undefined;
  private cursor = 0;
  private contentTop = 0;

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: EmbeddedFonts,
    private readonly fields: FieldWriter,
    /** Draws what every page carries at its top; returns the y where content starts. */
    private readonly openPage: (c: DrawContext) => number,
    readonly tags: Tagger = new Tagger(undefined),
  ) {}

  /** The page being filled, if any. */
  get context(): DrawContext | undefined {
    return this.current;
  }

  private newPage(orientation: Orientation): DrawContext {
    const geometry = pageGeometry(orientation);
    const page = this.doc.addPage([geometry.width, geometry.height]);
    const canvas = new Canvas(page, this.tags);
    this.pages.push({ page, orientation, canvas });
    const c: DrawContext = {
      doc: this.doc,
      page,
      canvas,
      pageNumber: this.pages.length,
      orientation,
      x: margin.left,
      width: geometry.contentWidth,
      fonts: this.fonts,
      fields: this.fields,
      tags: this.tags,
    };
    this.current = c;
    let top = 0;
    this.tags.artifact(() => (top = this.openPage(c)));
    this.contentTop = this.cursor = top;
    return c;
  }

  /** Adds what was drawn on every page to the document. */
  commit(deflate?: Deflate): void {
    for (const p of this.pages) p.canvas.commit(this.doc.context, deflate);
  }

  /** Places rows after those already placed. */
  place(rows: readonly Row[]): void {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (row.spacer) {
        if (this.current && this.cursor < this.contentTop - 0.5 && this.current.orientation === row.orientation) {
          this.cursor = Math.max(margin.bottom, this.cursor - row.height);
        }
        continue;
      }
      let c = this.current;
      let fresh = false;
      if (!c || c.orientation !== row.orientation || row.breakBefore) {
        c = this.newPage(row.orientation);
        fresh = true;
      } else {
        let needed = row.height;
        // A row kept with the next is kept with the next one that is not space.
        for (
          let j = i;
          (rows[j]!.keepWithNext || (j > i && rows[j]!.spacer)) &&
          j + 1 < rows.length &&
          rows[j + 1]!.orientation === row.orientation &&
          j - i < 6;
          j++
        ) {
          if (!rows[j + 1]!.spacer) needed += rows[j + 1]!.height;
        }
        const pageIsEmpty = this.cursor >= this.contentTop - 0.5;
        if ((this.cursor - needed < margin.bottom && !pageIsEmpty) || this.cursor - row.height < margin.bottom) {
          c = this.newPage(row.orientation);
          fresh = true;
        }
      }
      if (fresh && row.header && row.header !== row) {
        // A table head repeated on the page a table continues on is page furniture: the table has one head.
        const header = row.header;
        const at = this.cursor;
        this.tags.artifact(() => header.draw(c, at));
        this.cursor -= row.header.height;
      }
      row.draw(c, this.cursor);
      this.cursor -= row.height;
    }
  }
}
