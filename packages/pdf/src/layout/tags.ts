import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  type PDFDocument,
  type PDFObject,
  type PDFPage,
} from 'pdf-lib';

/** Standard structure types the paper forms use (ISO 32000-1, 14.8.4). */
export type StructType =
  'Document' | 'H1' | 'H2' | 'H3' | 'P' | 'Note' | 'Table' | 'TR' | 'TH' | 'TD' | 'Form' | 'Span' | 'Figure';

/** A marked-content sequence on a page, by its id there. */
interface ContentRef {
  page: PDFPage;
  mcid: number;
}

/** A widget annotation, referenced from the structure tree. */
interface WidgetRef {
  page: PDFPage;
  annot: PDFRef;
}

/**
 * A node of the structure tree. Elements are made when rows are built and attached to their parent when first
 * drawn, so the tree follows the order the page is read in.
 */
export class StructElem {
  readonly kids: (StructElem | ContentRef | WidgetRef)[] = [];
  parent: StructElem | undefined;
  /** The primary-language text drawn in the element (a widget's accessible name comes from it). */
  text = '';

  constructor(
    readonly type: StructType,
    readonly options: { lang?: string; alt?: string; parent?: StructElem; scope?: 'Column' | 'Row' } = {},
  ) {}
}

/**
 * Builds a tagged PDF's structure tree while the pages are drawn: headings, paragraphs, tables with header cells,
 * form fields with their labels and widgets, and the secondary language in spans of their own `/Lang`. What is
 * drawn outside an element (rules, boxes, running heads, footers, repeated table heads) is an artifact.
 */
export class Tagger {
  readonly root = new StructElem('Document');
  private readonly stack: StructElem[] = [this.root];
  private readonly contents = new Map<PDFPage, StructElem[]>();
  private readonly widgets: { widget: WidgetRef; elem: StructElem }[] = [];
  private artifactDepth = 0;

  /** `secondaryLang`: the language of text drawn in the secondary style (`undefined` on a one-language form). */
  constructor(readonly secondaryLang: string | undefined) {}

  /** The element content is drawn into now, or none (an artifact). */
  get current(): StructElem | undefined {
    return this.artifactDepth > 0 ? undefined : this.stack[this.stack.length - 1];
  }

  private attach(elem: StructElem): void {
    if (elem.parent) return;
    const parent = elem.options.parent ?? this.stack[this.stack.length - 1]!;
    if (elem.options.parent) this.attach(elem.options.parent);
    elem.parent = parent;
    parent.kids.push(elem);
  }

  /** Draws inside an element: attached to its parent (given, or the current element) on first use. */
  within<T>(elem: StructElem, draw: () => T): T {
    if (this.artifactDepth > 0) return draw();
    this.attach(elem);
    this.stack.push(elem);
    try {
      return draw();
    } finally {
      this.stack.pop();
    }
  }

  /** Draws something that is not content: a repeated table head, page furniture. */
  artifact(draw: () => void): void {
    this.artifactDepth++;
    try {
      draw();
    } finally {
      this.artifactDepth--;
    }
  }

  /** The element a text run goes in: the current element, or a span of the secondary language under it. */
  textTarget(secondary: boolean, text: string): StructElem | undefined {
    const elem = this.current;
    if (!elem) return undefined;
    if (!secondary || !this.secondaryLang) {
      elem.text += (elem.text ? ' ' : '') + text;
      return elem;
    }
    const last = elem.kids[elem.kids.length - 1];
    if (last instanceof StructElem && last.type === 'Span' && last.options.lang === this.secondaryLang) return last;
    const span = new StructElem('Span', { lang: this.secondaryLang, parent: elem });
    this.attach(span);
    return span;
  }

  /** A new marked-content id on a page for content of an element. */
  mark(page: PDFPage, elem: StructElem): number {
    let list = this.contents.get(page);
    if (!list) this.contents.set(page, (list = []));
    list.push(elem);
    const mcid = list.length - 1;
    elem.kids.push({ page, mcid });
    return mcid;
  }

  /** A widget annotation drawn now: it belongs to the current form element (made in the current element if needed). */
  widget(page: PDFPage, annot: PDFRef): void {
    if (this.artifactDepth > 0) return;
    let elem = this.stack[this.stack.length - 1]!;
    if (elem.type !== 'Form') {
      const last = elem.kids[elem.kids.length - 1];
      if (last instanceof StructElem && last.type === 'Form') elem = last;
      else {
        const form = new StructElem('Form', { parent: elem });
        this.attach(form);
        elem = form;
      }
    }
    const widget = { page, annot };
    elem.kids.push(widget);
    this.widgets.push({ widget, elem });
  }

  /**
   * Writes the tree: struct elements, the parent tree (marked content and widgets back to their elements), the
   * pages' and widgets' keys into it, `/MarkInfo` and the catalog's `/StructTreeRoot`. Widgets no longer in the
   * document (flattened) are left out.
   */
  write(doc: PDFDocument): void {
    const context = doc.context;
    const refs = new Map<StructElem, PDFRef>();
    const all: StructElem[] = [];
    const collect = (e: StructElem) => {
      refs.set(e, context.nextRef());
      all.push(e);
      for (const k of e.kids) if (k instanceof StructElem) collect(k);
    };
    collect(this.root);
    const treeRoot = context.nextRef();
    const nums: PDFObject[] = [];
    let key = 0;
    for (const page of doc.getPages()) {
      const list = this.contents.get(page);
      if (!list) continue;
      page.node.set(PDFName.of('StructParents'), PDFNumber.of(key));
      page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
      nums.push(PDFNumber.of(key++), context.obj(list.map((e) => refs.get(e)!)));
    }
    const live = new Set<PDFRef>();
    for (const { widget, elem } of this.widgets) {
      const annot = context.lookup(widget.annot);
      if (!(annot instanceof PDFDict)) continue;
      live.add(widget.annot);
      annot.set(PDFName.of('StructParent'), PDFNumber.of(key));
      nums.push(PDFNumber.of(key++), refs.get(elem)!);
      // A field whose form element holds no label (a tick in a table row) is named by the row's text; a field with
      // its label in its element needs no name of its own.
      if (elem.text) continue;
      const field =
        annot.get(PDFName.of('Parent')) instanceof PDFRef
          ? context.lookup(annot.get(PDFName.of('Parent')), PDFDict)
          : annot;
      const name = nameOf(elem);
      if (name && !field.has(PDFName.of('TU'))) field.set(PDFName.of('TU'), PDFHexString.fromText(name));
    }
    for (const e of all) {
      const pages = e.kids.filter((k): k is ContentRef | WidgetRef => !(k instanceof StructElem)).map((k) => k.page);
      const pg = pages[0];
      const kids = e.kids.flatMap((k): PDFObject[] => {
        if (k instanceof StructElem) return [refs.get(k)!];
        if ('mcid' in k)
          return [k.page === pg ? PDFNumber.of(k.mcid) : context.obj({ Type: 'MCR', Pg: k.page.ref, MCID: k.mcid })];
        return live.has(k.annot) ? [context.obj({ Type: 'OBJR', Obj: k.annot, Pg: k.page.ref })] : [];
      });
      // `/Type /StructElem` is optional and left out: a form has hundreds of elements.
      const dict = context.obj({ S: e.type, P: e.parent ? refs.get(e.parent)! : treeRoot });
      if (pg) dict.set(PDFName.of('Pg'), pg.ref);
      dict.set(PDFName.of('K'), kids.length === 1 ? kids[0]! : PDFArray.withContext(context));
      if (kids.length !== 1) for (const k of kids) (dict.get(PDFName.of('K')) as PDFArray).push(k);
      if (e.options.lang) dict.set(PDFName.of('Lang'), PDFString.of(e.options.lang));
      if (e.options.alt) dict.set(PDFName.of('Alt'), PDFHexString.fromText(e.options.alt));
      if (e.options.scope) dict.set(PDFName.of('A'), context.obj({ O: 'Table', Scope: e.options.scope }));
      context.assign(refs.get(e)!, dict);
    }
    context.assign(
      treeRoot,
      context.obj({
        Type: 'StructTreeRoot',
        K: refs.get(this.root)!,
        ParentTree: { Nums: nums },
        ParentTreeNextKey: key,
      }),
    );
    doc.catalog.set(PDFName.of('StructTreeRoot'), treeRoot);
    doc.catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));
  }
}

/** The accessible name of a field in an element: the element's text, else that of the nearest element with text. */
function nameOf(elem: StructElem): string {
  for (let e: StructElem | undefined = elem; e; e = e.parent) {
    if (e.type === 'Document') break;
    const text =
      e.text ||
      e.kids
        .filter((k): k is StructElem => k instanceof StructElem && k.type !== 'Span')
        .map((k) => k.text)
        .join(' ')
        .trim();
    if (text) return text.length > 300 ? text.slice(0, 300) + '…' : text;
  }
  return '';
}
