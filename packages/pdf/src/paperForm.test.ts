import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { deflateSync } from 'node:zlib';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { buildFormModel, pruneHidden, translate, walkNodes, type FormModel, type FormNode } from '@komek/core';
import { catalog, schemaLoaders, type FormId } from '@komek/forms';
import { createTranslator, loadMessages, type Language } from '@komek/i18n';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFRef, decodePDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidArgumentError,
  InvalidFormDataError,
  NotAPaperFormError,
  UnknownFormError,
  UnsupportedLanguageError,
  alphabets,
  createPaperForm,
  readPaperForm,
} from './index.js';

const root = new URL('../../../', import.meta.url).pathname;
const fixtures = join(root, 'test/fixtures/forms');
const locales = join(root, 'packages/i18n/locales');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'komek-pdf-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const countryLanguage: Record<string, Language> = { KZ: 'kk', KG: 'ky', TJ: 'tg' };

function hasMessages(lang: Language, formId: string): boolean {
  return lang === 'en' || existsSync(join(locales, lang, `${formId}.json`));
}

/**
 * The language pairs a form is tested in: its country's language (or another translated one) with Russian, and
 * English with Russian; a language enters as soon as its locale file for the form exists.
 */
function pairsOf(formId: string, country: string): Language[][] {
  const ru = hasMessages('ru', formId);
  const candidates = [countryLanguage[country]!, 'kk', 'ky', 'tg', 'uz'] as Language[];
  const local = candidates.find((l) => hasMessages(l, formId));
  const pairs: Language[][] = [];
  if (local) pairs.push(ru ? [local, 'ru'] : [local]);
  pairs.push(ru ? ['en', 'ru'] : ['en']);
  return pairs;
}

function save(name: string, bytes: Uint8Array): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** The text poppler extracts, whitespace collapsed (labels wrap across lines). */
function text(file: string, raw = false): string {
  return execFileSync('pdftotext', [...(raw ? ['-raw'] : []), '-enc', 'UTF-8', file, '-'], {
    encoding: 'utf8',
  }).replace(/\s+/g, ' ');
}

function qpdfCheck(file: string): string {
  return execFileSync('qpdf', ['--check', file], { encoding: 'utf8' });
}

interface Gray {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Renders a page with poppler at 40 dpi in grey levels (PGM). */
function render(file: string, page: number): Gray {
  const out = join(dir, `render-${page}`);
  execFileSync('pdftoppm', ['-r', '40', '-gray', '-f', String(page), '-l', String(page), '-singlefile', file, out]);
  const bytes = readFileSync(`${out}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 40).toString('latin1'))!;
  return { width: Number(header[1]), height: Number(header[2]), pixels: bytes.subarray(header[0].length) };
}

/** Word boxes of a page, from pdftotext's bounding-box output. */
function words(file: string, page: number): { word: string; x0: number; y0: number; x1: number; y1: number }[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'], {
    encoding: 'utf8',
  });
  return [
    ...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
  ].map((m) => ({
    x0: Number(m[1]),
    y0: Number(m[2]),
    x1: Number(m[3]),
    y1: Number(m[4]),
    word: m[5]!
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"'),
  }));
}

/** Share of dark pixels in a box given in points: glyphs that extract as text but render blank give none. */
function ink(g: Gray, box: { x0: number; y0: number; x1: number; y1: number }): number {
  const s = 40 / 72;
  let dark = 0;
  let all = 0;
  for (let y = Math.floor(box.y0 * s); y <= Math.ceil(box.y1 * s) && y < g.height; y++) {
    for (let x = Math.floor(box.x0 * s); x <= Math.ceil(box.x1 * s) && x < g.width; x++) {
      all++;
      if (g.pixels[y * g.width + x]! < 160) dark++;
    }
  }
  return all === 0 ? 0 : dark / all;
}

async function modelOf(id: FormId): Promise<FormModel> {
  return buildFormModel(await schemaLoaders[id]());
}

function validData(id: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(fixtures, id, 'valid-1.json'), 'utf8')) as Record<string, unknown>;
}

/** A few labelled inputs of the form, to look for on paper. */
function sampleLabels(model: FormModel): FormNode[] {
  const out: FormNode[] = [];
  for (const node of walkNodes(model.root)) {
    if (
      node.kind === 'field' &&
      node.pointer.split('/').length === 2 &&
      (node.englishLabel ?? '').length > 3 &&
      !node.condition
    )
      out.push(node);
    if (out.length === 3) break;
  }
  return out;
}

/** Strings of the data that a reader would see printed (not codes, dates or images). */
function sampleValues(data: unknown, out: string[] = []): string[] {
  if (typeof data === 'string') {
    if (/\s/.test(data) && data.length < 60 && !data.startsWith('data:')) out.push(data);
  } else if (Array.isArray(data)) data.forEach((d) => sampleValues(d, out));
  else if (data && typeof data === 'object') Object.values(data).forEach((d) => sampleValues(d, out));
  return out;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('every form of the catalog on paper', () => {
  for (const entry of catalog) {
    for (const languages of pairsOf(entry.id, entry.country)) {
      it(`${entry.id} in ${languages.join('+')}: blank and filled, text, rendering, read-back`, async () => {
        const model = await modelOf(entry.id);
        await Promise.all(languages.map((l) => loadMessages(l, entry.namespaces)));
        const [first, second] = languages.map((l) => createTranslator(l));
        const tag = `${entry.id}-${languages.join('-')}`;

        const blank = save(`${tag}-blank.pdf`, await createPaperForm(entry.id, { languages }));
        expect(qpdfCheck(blank)).toMatch(/No syntax or stream encoding errors/);
        const blankText = text(blank, true);
        const title = translate(first!, model.root.labelKey, model.root.englishLabel);
        expect(norm(blankText)).toContain(norm(title));
        for (const node of sampleLabels(model)) {
          expect(norm(blankText)).toContain(norm(translate(first!, node.labelKey, node.englishLabel)));
          if (second) expect(norm(blankText)).toContain(norm(translate(second, node.labelKey, node.englishLabel)));
        }
        if (second)
          expect(norm(blankText)).toContain(norm(translate(second, model.root.labelKey, model.root.englishLabel)));

        // The title and a secondary-language label must have ink where poppler finds their words.
        const page = render(blank, 1);
        const boxes = words(blank, 1);
        // Words of the title itself (the line above it names the form in small print).
        const wordsOf = (t: string) => new Set(t.split(/\s+/));
        const titleWords = wordsOf(title);
        const titleWord = boxes.find((w) => w.word.length > 3 && w.y0 > 50 && titleWords.has(w.word));
        expect(titleWord, `a word of the title on page 1 of ${tag}`).toBeDefined();
        expect(ink(page, titleWord!)).toBeGreaterThan(0.03);
        const secondaryTitle = second ? translate(second, model.root.labelKey, model.root.englishLabel) : undefined;
        const secondaryWords = secondaryTitle ? wordsOf(secondaryTitle) : new Set<string>();
        const secondaryWord = boxes.find(
          (w) => w.word.length > 3 && w.y0 > 50 && secondaryWords.has(w.word) && !titleWords.has(w.word),
        );
        // Grey and smaller: less ink, but never none.
        if (secondaryWord) expect(ink(page, secondaryWord)).toBeGreaterThan(0.004);

        const data = validData(entry.id);
        const filledBytes = await createPaperForm(entry.id, { languages, data });
        const filled = save(`${tag}-filled.pdf`, filledBytes);
        expect(qpdfCheck(filled)).toMatch(/No syntax or stream encoding errors/);
        const filledText = norm(text(filled));
        // Every word of a value is printed (a value that wraps in a narrow table cell extracts line by line, between
        // the lines of the cells beside it).
        const filledWords = new Set(filledText.split(' '));
        for (const value of sampleValues(pruneHidden(model, data)).slice(0, 4)) {
          for (const word of norm(value).split(' ')) expect(filledWords, `“${word}” of “${value}”`).toContain(word);
        }

        const back = await readPaperForm(filledBytes);
        expect(back.formId).toBe(entry.id);
        expect(back.version).toBe(entry.version);
        expect(back.languages).toEqual(languages);
        expect(back.data).toEqual(pruneHidden(model, data));
        expect(back.valid).toBe(true);
      });
    }
  }
});

describe('form logic on paper', () => {
  it('prints a hidden branch as "not applicable" and a blank form with its routing', async () => {
    const id = 'kg-3.1-f3-identification-questionnaire';
    const data = validData(id);
    const filled = text(
      save(
        'hidden.pdf',
        await createPaperForm(id, {
          languages: ['en'],
          data: { ...data, personIsMinor: false, personUnableToDecide: false },
        }),
      ),
    );
    expect(filled).toContain('not applicable');
    const blank = text(save('routing.pdf', await createPaperForm(id, { languages: ['en'] })));
    expect(blank).toMatch(/Fill in only if you answered YES to /);
    expect(blank).not.toMatch(/only if: |= YES/);
  });

  it('reads back a blank form filled in a PDF viewer, typed by the schema', async () => {
    const blank = await createPaperForm('kz-f1-initial-application', { languages: ['kk', 'ru'] });
    const doc = await PDFDocument.load(blank);
    const form = doc.getForm();
    form.getTextField('/fullName').setText('Жасұр Турсунов');
    form.getTextField('/dateOfBirth').setText('2.10.1994');
    form.getTextField('/familyMembersInKazakhstan').setText('3');
    form.getRadioGroup('/passport/hasPassport').select('yes');
    form.getRadioGroup('/worksWillingly').select('forced');
    const back = await readPaperForm(await doc.save({ updateFieldAppearances: false }));
    expect(back.data).toMatchObject({
      fullName: 'Жасұр Турсунов',
      dateOfBirth: '1994-10-02',
      familyMembersInKazakhstan: 3,
      passport: { hasPassport: true },
      worksWillingly: 'forced',
    });
  });

  it('draws a drawn signature on its line and reads it back', async () => {
    const id = 'kz-f4-interview-refusal';
    const data = validData(id) as Record<string, { signedBy?: string; image?: string }>;
    const name = Object.keys(data).find(
      (k) => typeof data[k] === 'object' && data[k] !== null && 'signedBy' in data[k],
    )!;
    data[name]!.image = signaturePng();
    const bytes = await createPaperForm(id, { languages: ['kk', 'ru'], data });
    const doc = await PDFDocument.load(bytes);
    const images = [...doc.context.enumerateIndirectObjects()].filter(
      ([, o]) => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'),
    );
    expect(images.length).toBeGreaterThan(0);
    expect(((await readPaperForm(bytes)).data as typeof data)[name]!.image).toBe(data[name]!.image);
  });

  it('continues text longer than its box on a continuation sheet and reads it back whole', async () => {
    const id = 'tj-f7-individual-work-plan';
    const data = validData(id) as { planTable: { socialAndMedicalHelp: { measures: string }[] } };
    const long = Array.from({ length: 60 }, (_, i) => `measure ${i + 1} in detail;`).join(' ');
    expect(long.length).toBeLessThan(2000);
    data.planTable.socialAndMedicalHelp[0]!.measures = long;
    const bytes = await createPaperForm(id, { languages: ['en', 'ru'], data });
    const file = save('overflow.pdf', bytes);
    const all = text(file);
    expect(all).toContain('continued on sheet 1');
    // The narrow cell's reference is in both languages of the form, a line each.
    expect(all).toContain('продолжение на листе 1');
    expect(all).toContain('Continuation sheet 1');
    expect(all).toContain('measure 60 in detail;');
    const back = await readPaperForm(bytes);
    expect((back.data as typeof data).planTable.socialAndMedicalHelp[0]!.measures).toBe(long);
  });

  it('refuses invalid data with the validator issues, or prints it marked as not valid', async () => {
    const id = 'kz-f1-initial-application';
    const bad = JSON.parse(readFileSync(join(fixtures, id, 'invalid-1.json'), 'utf8')) as unknown;
    const expected = JSON.parse(readFileSync(join(fixtures, id, 'invalid-1.expect.json'), 'utf8')) as {
      instancePath: string;
      keyword: string;
    };
    const error = await createPaperForm(id, { languages: ['en'], data: bad }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidFormDataError);
    const issues = (error as InvalidFormDataError).issues;
    expect(issues.some((i) => i.pointer.startsWith(expected.instancePath) && i.keyword === expected.keyword)).toBe(
      true,
    );
    expect((error as Error).message).toContain(issues[0]!.pointer);
    const printed = text(
      save('invalid.pdf', await createPaperForm(id, { languages: ['en'], data: bad, allowInvalid: true })),
    );
    expect(printed).toContain('THE DATA IN THIS FORM IS NOT VALID');
    expect(printed).toContain(issues[0]!.message);
  });

  it('makes final forms flattened: the data printed, no fields left to read', async () => {
    const id = 'tj-f1-identification-consent';
    const data = validData(id);
    const bytes = await createPaperForm(id, { languages: ['tg', 'ru'], data, mode: 'final' });
    const file = save('final.pdf', bytes);
    expect(qpdfCheck(file)).toMatch(/No syntax or stream encoding errors/);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getForm().getFields()).toHaveLength(0);
    for (const value of sampleValues(data).slice(0, 2)) expect(norm(text(file))).toContain(norm(value));
    await expect(readPaperForm(bytes)).rejects.toBeInstanceOf(NotAPaperFormError);
    const stderr = execFileSync('pdftoppm', ['-r', '20', '-gray', file, join(dir, 'final')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(stderr).not.toMatch(/Error/);
  });

  it('checks its arguments with named errors', async () => {
    await expect(createPaperForm('no-such-form', { languages: ['en'] })).rejects.toBeInstanceOf(UnknownFormError);
    await expect(
      createPaperForm('tj-f1-identification-consent', { languages: ['xx'] as never }),
    ).rejects.toBeInstanceOf(UnsupportedLanguageError);
    await expect(createPaperForm('tj-f1-identification-consent', { languages: [] as never })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    await expect(createPaperForm('tj-f1-identification-consent', { languages: ['en'], mode: 'final' })).rejects.toThrow(
      /blank/,
    );
    await expect(
      createPaperForm('tj-f1-identification-consent', { languages: ['en'], data: 'text' }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

describe('fonts', () => {
  it('a blank form embeds every letter of the six alphabets in the field font, with outlines and a cmap', async () => {
    const bytes = await createPaperForm('kz-f3-primary-aid-application', { languages: ['en'] });
    const doc = await PDFDocument.load(bytes);
    const fonts: { toUnicode: string; program: Uint8Array }[] = [];
    for (const [, object] of doc.context.enumerateIndirectObjects()) {
      if (!(object instanceof PDFDict) || object.get(PDFName.of('Subtype')) !== PDFName.of('Type0')) continue;
      const cmap = doc.context.lookup(object.get(PDFName.of('ToUnicode'))) as PDFRawStream;
      const descendant = doc.context.lookup(
        (doc.context.lookup(object.get(PDFName.of('DescendantFonts'))) as unknown as { get(i: number): PDFRef }).get(0),
      ) as PDFDict;
      const descriptor = doc.context.lookup(descendant.get(PDFName.of('FontDescriptor'))) as PDFDict;
      const file = doc.context.lookup(descriptor.get(PDFName.of('FontFile2'))) as PDFRawStream;
      fonts.push({
        toUnicode: new TextDecoder().decode(decodePDFRawStream(cmap).decode()),
        program: decodePDFRawStream(file).decode(),
      });
    }
    expect(fonts.length).toBe(2);
    // The regular font is the one that maps the most characters.
    const field = fonts
      .map((f) => ({ ...f, map: parseToUnicode(f.toUnicode) }))
      .sort((a, b) => b.map.size - a.map.size)[0]!;
    const subset = fontkit.create(field.program);
    const missing: string[] = [];
    for (const [lang, letters] of Object.entries(alphabets)) {
      for (const ch of letters) {
        // Text extraction (ToUnicode) and a viewer drawing typed text (the font's own cmap) find the same glyph.
        const gid = field.map.get(ch.codePointAt(0)!);
        const glyph = subset.glyphForCodePoint(ch.codePointAt(0)!);
        if (
          gid === undefined ||
          glyph.id !== gid ||
          (glyph.path as unknown as { commands: unknown[] }).commands.length === 0
        )
          missing.push(`${lang}:${ch}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

/** A small grey-level PNG of a wavy stroke, as the signature pad would give. */
function signaturePng(): string {
  const w = 60;
  const h = 16;
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = table[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, body: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type), body]);
    const out = Buffer.alloc(12 + body.length);
    out.writeUInt32BE(body.length, 0);
    typed.copy(out, 4);
    out.writeUInt32BE(crc(typed), 8 + body.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header[8] = 8;
  const raw = Buffer.alloc((w + 1) * h, 255);
  for (let y = 0; y < h; y++) {
    raw[y * (w + 1)] = 0;
    for (let x = 0; x < w; x++) if (Math.abs(y - h / 2 - 4 * Math.sin(x / 4)) < 1.5) raw[y * (w + 1) + 1 + x] = 0;
  }
  const png = Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

/** Code point → glyph id from a ToUnicode CMap as pdf-lib writes it (bfchar and bfrange entries). */
function parseToUnicode(cmap: string): Map<number, number> {
  const map = new Map<number, number>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      map.set(decodeUtf16(m[2]!), parseInt(m[1]!, 16));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g)) {
      const start = parseInt(m[1]!, 16);
      [...m[3]!.matchAll(/<([0-9a-fA-F]+)>/g)].forEach((u, i) => map.set(decodeUtf16(u[1]!), start + i));
    }
  }
  return map;
}

function decodeUtf16(hex: string): number {
  const units = hex.match(/.{4}/g)!.map((h) => parseInt(h, 16));
  return String.fromCharCode(...units).codePointAt(0)!;
}
