// Paper for people: room for handwriting and legible text, measured in the PDF (widget rectangles, text sizes and
// colours); no developer details on the page; a tagged PDF whose structure tree pdf.js reads in reading order
// (headings, tables with header cells, form fields with their labels, the second language in its own /Lang).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { buildFormModel, childrenOf, translate, walkNodes, type FormModel } from '@komek/core';
import { schemaLoaders } from '@komek/forms';
import { createTranslator, loadMessages } from '@komek/i18n';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFNumber } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldNameOf, pointerOfFieldName } from './fieldNames.js';
import { createPaperForm } from './index.js';

const MM = 72 / 25.4;
const dir = mkdtempSync(join(tmpdir(), 'komek-paper-access-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const save = (name: string, bytes: Uint8Array) => {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
};

const fixture = (id: string, name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../test/fixtures/forms/${id}/${name}.json`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;

async function modelOf(id: 'kz-f5-identification-application' | 'kz-f1-initial-application'): Promise<FormModel> {
  return buildFormModel(await schemaLoaders[id]());
}

/** The widgets of a PDF: field name, field type, rectangle. */
async function widgetsOf(bytes: Uint8Array): Promise<{ name: string; type: string; width: number; height: number }[]> {
  const doc = await PDFDocument.load(bytes);
  const out: { name: string; type: string; width: number; height: number }[] = [];
  for (const page of doc.getPages()) {
    for (const ref of page.node.Annots()?.asArray() ?? []) {
      const w = doc.context.lookup(ref, PDFDict);
      const field = w.has(PDFName.of('T')) ? w : w.lookup(PDFName.of('Parent'), PDFDict);
      const [x0, y0, x1, y1] = w
        .lookup(PDFName.of('Rect'), PDFArray)
        .asArray()
        .map((n) => (n as PDFNumber).asNumber());
      const name = field.get(PDFName.of('T'))!.toString();
      if ((w.get(PDFName.of('F')) as PDFNumber | undefined)?.asNumber() === 2) continue; // hidden data (a drawn signature)
      out.push({
        name: decodeName(name),
        type: field.get(PDFName.of('FT'))!.toString(),
        width: x1! - x0!,
        height: y1! - y0!,
      });
    }
  }
  return out;
}

/** A field name as pdf-lib prints it (hex UTF-16 with a byte order mark, or a literal). */
function decodeName(s: string): string {
  if (s.startsWith('<FEFF')) {
    const hex = s.slice(5, -1);
    let out = '';
    for (let i = 0; i < hex.length; i += 4) out += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
    return out;
  }
  return s.replace(/^\(|\)$/g, '');
}

/** The fill greys (`g`) used inside the marked content of secondary-language spans, and outside them, per page. */
async function spanGreys(bytes: Uint8Array): Promise<number[]> {
  const doc = await PDFDocument.load(bytes);
  const greys: number[] = [];
  for (const page of doc.getPages()) {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) continue;
      const text = Buffer.from(inflateSync(stream.contents)).toString('latin1');
      for (const m of text.matchAll(/\/Span <<\/MCID \d+>> BDC([\s\S]*?)EMC/g)) {
        for (const g of m[1]!.matchAll(/BT ([\d.]+) g /g)) greys.push(Number(g[1]));
      }
    }
  }
  return greys;
}

interface Node {
  role: string;
  lang?: string;
  /** Text of the node's own marked content, in order. */
  text: string;
  /** Text of the node and everything under it. */
  fullText: string;
  /** Annotation ids of the node's own object references. */
  objects: string[];
  children: Node[];
}

interface PdfjsTreeNode {
  role?: string;
  lang?: string;
  type?: string;
  id?: string;
  children?: PdfjsTreeNode[];
}

/**
 * The structure tree of a PDF as pdf.js reads it (pages in order; an element continued on a later page appears
 * again there), with the text of each element's marked content, the sizes of text by language, and the widgets.
 */
async function readTagged(bytes: Uint8Array, secondaryLang?: string) {
  const pdf = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 })
    .promise;
  const roots: Node[] = [];
  const sizes: { size: number; lang: string | undefined; artifact: boolean; text: string }[] = [];
  const annotations = new Map<string, { fieldName: string; fieldValue: unknown }>();
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const textById = new Map<string, string>();
    const stack: (string | undefined)[] = [];
    const langOf = new Map<string, string | undefined>();
    const tree = (await page.getStructTree()) as PdfjsTreeNode | null;
    const build = (n: PdfjsTreeNode, lang: string | undefined): Node => {
      const node: Node = { role: n.role ?? '', text: '', fullText: '', objects: [], children: [] };
      if (n.lang) node.lang = n.lang;
      const inherited = n.lang ?? lang;
      for (const c of n.children ?? []) {
        if (c.type === 'content') langOf.set(c.id!, inherited);
        else if (c.type === 'object' || c.type === 'annotation') node.objects.push(c.id!);
        else node.children.push(build(c, inherited));
      }
      return node;
    };
    const pageRoots = (tree?.children ?? []).map((n) => build(n, undefined));
    // Marked content nests (a field's appearance has its own /Tx sequence): text belongs to the innermost sequence
    // with an id, and is an artifact inside an /Artifact sequence.
    const tags: string[] = [];
    for (const item of content.items as unknown as {
      type?: string;
      id?: string;
      tag?: string;
      str?: string;
      transform?: number[];
    }[]) {
      if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') {
        stack.push(item.id);
        tags.push(item.tag ?? '');
      } else if (item.type === 'endMarkedContent') {
        stack.pop();
        tags.pop();
      } else if (item.str !== undefined && item.str.trim() !== '') {
        const id = [...stack].reverse().find((x) => x !== undefined);
        if (id) textById.set(id, (textById.get(id) ? textById.get(id) + ' ' : '') + item.str);
        const artifact = !id || tags.includes('Artifact');
        sizes.push({
          size: Math.hypot(item.transform![2]!, item.transform![3]!),
          lang: id ? langOf.get(id) : undefined,
          artifact,
          text: item.str,
        });
      }
    }
    const fill = (n: Node, ids: PdfjsTreeNode) => {
      const own = (ids.children ?? []).filter((c) => c.type === 'content').map((c) => textById.get(c.id!) ?? '');
      n.text = own.join(' ').trim();
      const kids = (ids.children ?? []).filter(
        (c) => c.type !== 'content' && c.type !== 'object' && c.type !== 'annotation',
      );
      n.children.forEach((k, i) => fill(k, kids[i]!));
      n.fullText = [n.text, ...n.children.map((k) => k.fullText)].filter(Boolean).join(' ');
    };
    pageRoots.forEach((n, i) => fill(n, tree!.children![i]!));
    roots.push(...pageRoots);
    for (const a of (await page.getAnnotations()) as { id: string; fieldName?: string; fieldValue?: unknown }[]) {
      if (a.fieldName) annotations.set(a.id, { fieldName: a.fieldName, fieldValue: a.fieldValue });
    }
  }
  const all: Node[] = [];
  const walk = (n: Node) => {
    all.push(n);
    n.children.forEach(walk);
  };
  roots.forEach(walk);
  void secondaryLang;
  return { roots, all, sizes, annotations };
}

const id = 'kz-f5-identification-application';

describe('paper for handwriting', () => {
  let blank: Uint8Array;
  let f1: Uint8Array;
  beforeAll(async () => {
    blank = await createPaperForm(id, { languages: ['kk', 'ru'] });
    f1 = await createPaperForm('kz-f1-initial-application', { languages: ['kk', 'ru'] });
  });

  it('has write-in boxes at least 7 mm tall and ticks that fit a pen (4.5 mm)', async () => {
    for (const bytes of [blank, f1]) {
      const widgets = await widgetsOf(bytes);
      expect(widgets.length).toBeGreaterThan(20);
      for (const w of widgets) {
        if (w.type === '/Tx') expect(w.height, `${w.name} height`).toBeGreaterThanOrEqual(7 * MM - 0.01);
        else {
          expect(w.width, `${w.name} width`).toBeGreaterThanOrEqual(4.5 * MM);
          expect(w.height, `${w.name} height`).toBeGreaterThanOrEqual(4.5 * MM);
        }
      }
    }
  });

  it('gives each part of a place of birth a box at least 45 mm wide', async () => {
    const parts = (await widgetsOf(f1)).filter((w) => w.name.startsWith('/placeOfBirth/'));
    expect(parts.map((w) => w.name).sort()).toEqual([
      '/placeOfBirth/city',
      '/placeOfBirth/country',
      '/placeOfBirth/district',
      '/placeOfBirth/locality',
    ]);
    for (const w of parts) expect(w.width, w.name).toBeGreaterThanOrEqual(45 * MM);
  });

  it('prints the form in 9.5 pt or more, the second language in 7.5 pt or more in a dark grey', async () => {
    const { sizes } = await readTagged(blank);
    const content = sizes.filter((s) => !s.artifact);
    const secondary = content.filter((s) => s.lang === 'ru');
    const primary = content.filter((s) => s.lang === undefined);
    expect(secondary.length).toBeGreaterThan(100);
    expect(primary.length).toBeGreaterThan(100);
    for (const s of primary) expect(s.size, `“${s.text}”`).toBeGreaterThanOrEqual(9.5);
    for (const s of secondary) expect(s.size, `“${s.text}”`).toBeGreaterThanOrEqual(7.5);
    // Page furniture (running head and footer at 8 pt, table heads repeated on a new page) is no smaller.
    for (const s of sizes.filter((x) => x.artifact)) expect(s.size, `“${s.text}”`).toBeGreaterThanOrEqual(7.5);
    const greys = await spanGreys(blank);
    expect(greys.length).toBeGreaterThan(100);
    // Grey, but at most 30 % white: legible on a photocopy.
    for (const g of greys) expect(g).toBeLessThanOrEqual(0.3);
    expect(greys.some((g) => g > 0)).toBe(true);
  });

  it('numbers every row of an indicator table', async () => {
    const { all } = await readTagged(blank);
    const rows = all.filter(
      (n) =>
        n.role === 'TR' &&
        n.children.some(
          (c) => c.objects.length > 0 || c.children.some((f) => f.role === 'Form' && f.objects.length > 0),
        ),
    );
    const tickRows = rows.filter((r) => r.children.length === 4);
    expect(tickRows.length).toBeGreaterThan(40);
    for (const r of tickRows) expect(r.children[0]!.fullText, r.children[1]!.fullText).toMatch(/^\d+(\.\d+)*\)?$/);
  });

  it('prints no data paths, form ids or language codes, and conditions in plain words', async () => {
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', save('blank.pdf', blank), '-'], { encoding: 'utf8' });
    expect(text).not.toContain(id);
    expect(text).not.toMatch(/(^|\s)\/[a-z][A-Za-z]+/m);
    expect(text).not.toMatch(/\bkk\s*[/,]\s*ru\b/);
    expect(text).not.toMatch(/only if|= ИӘ|= ДА/);
    expect(text.replace(/\s+/g, ' ')).toMatch(/Тек мына жағдайда толтырыңыз: .* тармағына ИӘ деп жауап берілді\./);
    expect(text.replace(/\s+/g, ' ')).toMatch(/Заполняется, только если на .* дан ответ ДА\./);
  });

  it('marks required questions with * and parts not on the printed form with †, and explains both', async () => {
    const model = await modelOf(id);
    await loadMessages('kk', ['kz-f5-identification-application', 'defs']);
    const kk = createTranslator('kk');
    const { all } = await readTagged(blank);
    const required = [...walkNodes(model.root)].find(
      (n) => n.kind === 'field' && n.required && !n.derived && n.pointer === '/placeOfApplication',
    )!;
    const label = translate(kk, required.labelKey, required.englishLabel);
    expect(all.find((n) => n.role === 'Form' && n.text.startsWith(label))?.text).toBe(`${label} *`);
    const text = all.map((n) => n.text).join('\n');
    expect(text).toContain('* толтыру міндетті');
    expect(text).toContain('† баспа нысанында жоқ');
  });
});

describe('a tagged PDF', () => {
  let filled: Uint8Array;
  let file: string;
  let model: FormModel;
  beforeAll(async () => {
    filled = await createPaperForm(id, { languages: ['kk', 'ru'], data: fixture(id, 'valid-1') });
    file = save('filled.pdf', filled);
    model = await modelOf(id);
  });

  it('says Tagged: yes with an XMP metadata stream to poppler, and passes qpdf', () => {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Metadata Stream:\s+yes/);
    const xmp = execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' });
    expect(xmp).toContain('<rdf:li xml:lang="ru">АНКЕТА для идентификации лица в качестве уязвимого мигранта</rdf:li>');
    expect(xmp).toContain('<rdf:li>kk</rdf:li><rdf:li>ru</rdf:li>');
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toMatch(
      /No syntax or stream encoding errors/,
    );
  });

  it('has a structure tree pdf.js reads: the title, the sections in order, tables with header cells', async () => {
    const { all } = await readTagged(filled);
    await loadMessages('kk', ['kz-f5-identification-application', 'defs']);
    const kk = createTranslator('kk');
    expect(all[0]!.role).toBe('Document');
    const h1 = all.filter((n) => n.role === 'H1');
    expect(h1).toHaveLength(1);
    expect(h1[0]!.text.replace(/\s+/g, ' ')).toBe(translate(kk, model.root.labelKey, model.root.englishLabel));
    expect(h1[0]!.children[0]).toMatchObject({
      role: 'Span',
      lang: 'ru',
      text: 'АНКЕТА для идентификации лица в качестве уязвимого мигранта',
    });
    // The sections' headings, in the order of the form.
    const sections = model.root.children
      .filter((c) => c.number !== undefined && childrenOf(c).length > 0)
      .map((c) => `${c.number} ${translate(kk, c.labelKey, c.englishLabel)}`);
    const h2 = all.filter((n) => n.role === 'H2').map((n) => n.text.replace(/\s+/g, ' '));
    expect(sections.length).toBeGreaterThan(3);
    const at = sections.map((s) => h2.findIndex((h) => h.startsWith(s)));
    expect(
      at.every((i) => i >= 0),
      `${sections.join(' | ')}\nin\n${h2.join(' | ')}`,
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Tables: a head row of header cells, then rows of data cells.
    const tables = all.filter((n) => n.role === 'Table');
    expect(tables.length).toBeGreaterThan(3);
    for (const t of tables) {
      const [head, ...rows] = t.children;
      expect(head!.role).toBe('TR');
      expect(head!.children.every((c) => c.role === 'TH')).toBe(true);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.role === 'TR' && r.children.every((c) => c.role === 'TD' || c.role === 'TH'))).toBe(
        true,
      );
    }
    expect(tables[0]!.children[0]!.children.map((c) => c.text)).toEqual(['№', 'Көрсеткіш', 'ИӘ', 'ЖОҚ']);
  });

  it('marks the second language with its own /Lang', async () => {
    const { all } = await readTagged(filled);
    const spans = all.filter((n) => n.lang !== undefined);
    expect(spans.length).toBeGreaterThan(100);
    expect(new Set(spans.map((n) => `${n.role} ${n.lang}`))).toEqual(new Set(['Span ru']));
    expect(spans.map((n) => n.text)).toContain('Место обращения *');
  });

  it('puts every field in a Form element with its label, and the answers in the order of the form', async () => {
    const { all, annotations } = await readTagged(filled);
    const forms = all.filter((n) => n.role === 'Form');
    const referenced = forms.flatMap((n) => n.objects);
    // Every widget is referenced once, from a Form element.
    expect(new Set(referenced).size).toBe(referenced.length);
    expect(new Set(referenced)).toEqual(new Set([...annotations.keys()]));
    expect(all.filter((n) => n.role !== 'Form').every((n) => n.objects.length === 0)).toBe(true);
    // A field outside a table carries its label in its element.
    const place = forms.find((n) =>
      n.objects.some((o) => annotations.get(o)!.fieldName === fieldNameOf('/placeOfApplication')),
    )!;
    expect(place.text).toMatch(/^Жүгінген орны \*/);
    expect(place.children[0]).toMatchObject({ role: 'Span', lang: 'ru', text: 'Место обращения *' });
    // Reading the tree in order meets the answers in the order of the form's questions.
    const order = new Map<string, number>();
    let i = 0;
    for (const n of walkNodes(model.root)) order.set(n.pointer, i++);
    const answered = referenced
      .map((o) => annotations.get(o)!)
      .filter((a) => a.fieldValue !== '' && a.fieldValue !== 'Off' && a.fieldValue !== null);
    expect(answered.length).toBeGreaterThan(40);
    const positions = answered.map((a) => order.get(pointerOfFieldName(a.fieldName).replace(/=.*$/, '')) ?? -1);
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('keeps its tags when final: the answers are page content in their fields’ elements, no widgets remain', async () => {
    const final = await createPaperForm(id, { languages: ['kk', 'ru'], data: fixture(id, 'valid-1'), mode: 'final' });
    const finalFile = save('final.pdf', final);
    expect(execFileSync('pdfinfo', [finalFile], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
    expect(execFileSync('qpdf', ['--check', finalFile], { encoding: 'utf8' })).toMatch(
      /No syntax or stream encoding errors/,
    );
    const { all, annotations } = await readTagged(final);
    expect(annotations.size).toBe(0);
    expect(all.every((n) => n.objects.length === 0)).toBe(true);
    const place = all.find((n) => n.role === 'Form' && n.text.startsWith('Жүгінген орны'))!;
    expect(place.text).toContain('Almaty, crisis centre');
    // The answers follow their labels in reading order.
    const text = all.map((n) => n.text).join(' ');
    expect(text.indexOf('Gulchehra Saidova')).toBeGreaterThan(text.indexOf('Тегі, аты, әкесінің аты'));
  });
});

describe('screenshots of printed pages', () => {
  it('renders two pages of a filled Kazakh–Russian form for the demo README', async () => {
    const out =
      process.env.KOMEK_SCREENSHOTS === '1'
        ? new URL('../../../apps/demo/screenshots/', import.meta.url).pathname
        : dir;
    const bytes = await createPaperForm(id, { languages: ['kk', 'ru'], data: fixture(id, 'valid-1') });
    const file = save('screens.pdf', bytes);
    for (const [page, name] of [
      [1, 'paper-page1-kk-ru'],
      [3, 'paper-indicators-kk-ru'],
    ] as const) {
      execFileSync('pdftoppm', [
        '-r',
        '80',
        '-png',
        '-singlefile',
        '-f',
        String(page),
        '-l',
        String(page),
        file,
        join(out, name),
      ]);
      const png = readFileSync(join(out, `${name}.png`));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      // An A4 page at 80 dpi, with something on it.
      expect(png.readUInt32BE(16)).toBe(662);
      expect(png.length).toBeGreaterThan(20_000);
    }
  });
});

describe('a print of data that is not valid', () => {
  it('lists the problems in the order of the form, under the question’s number, in both languages', async () => {
    const data = structuredClone(fixture(id, 'valid-1')) as Record<string, Record<string, Record<string, unknown>>>;
    // A signature late in the form left out (the validator reports it first), and a wrong date early in it (1.3).
    delete (data as Record<string, unknown>).intervieweeSignature;
    data.personInformation!.dateAndPlaceOfBirth!.date = '1988-02-31';
    const bytes = await createPaperForm(id, { languages: ['kk', 'ru'], data, allowInvalid: true });
    const { all } = await readTagged(bytes);
    const heading = all.findIndex((n) => n.role === 'H2' && n.text.startsWith('Деректердегі қателер'));
    expect(heading).toBeGreaterThan(0);
    const problems = all.slice(heading + 1).filter((n) => n.role === 'P');
    expect(problems).toHaveLength(2);
    // 1.3's date first, then the signature; each in Kazakh with the Russian under it.
    expect(problems[0]!.text).toMatch(/^1\.3 «Туған күні»/);
    expect(problems[0]!.children[0]).toMatchObject({ role: 'Span', lang: 'ru' });
    expect(problems[0]!.children[0]!.text).toMatch(/«Дата рождения»/);
    expect(problems[1]!.text).toMatch(/қолы/);
    expect(problems[1]!.children[0]!.text).toMatch(/Подпись/);
  });
});
