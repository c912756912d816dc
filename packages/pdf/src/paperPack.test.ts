import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFormModel, pruneHidden, translate } from '@komek/core';
import { catalog, schemaLoaders, type FormId } from '@komek/forms';
import { createTranslator, loadMessages, type Language } from '@komek/i18n';
import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  type PDFRef,
  type PDFString,
  PDFTextField,
  type PDFField,
} from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidArgumentError,
  NotAPaperFormError,
  PaperPackError,
  UnknownFormError,
  UnsupportedLanguageError,
  createPaperForm,
  createPaperPack,
  mergePaperForms,
  readPaperForm,
  readPaperPack,
} from './index.js';

const root = new URL('../../../', import.meta.url).pathname;
const fixtures = join(root, 'test/fixtures/forms');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'komek-pack-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONSENT = 'kz-f4-interview-consent';
const KG_CONSENT = 'kg-3.1-f1-identification-consent';
const REFUSAL = 'kz-f4-interview-refusal';

function save(name: string, bytes: Uint8Array): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** The text poppler extracts from a range of pages (1-based), whitespace collapsed. */
function text(file: string, first?: number, last?: number): string {
  const range = first === undefined ? [] : ['-f', String(first), '-l', String(last ?? first)];
  return execFileSync('pdftotext', [...range, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** Darkness (0–255 summed over the box) of a box given in PDF points on a page rendered at 72 dpi in grey. */
function inkIn(file: string, page: number, box: { x: number; y: number; width: number; height: number }): number {
  const out = join(dir, `ink-${page}`);
  execFileSync('pdftoppm', ['-r', '72', '-gray', '-f', String(page), '-l', String(page), '-singlefile', file, out]);
  const bytes = readFileSync(`${out}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 40).toString('latin1'))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = bytes.subarray(header[0].length);
  let ink = 0;
  // PDF y grows upwards; the image's downwards. Two points in from the frame the page draws round the box.
  for (let y = Math.ceil(height - box.y - box.height + 2); y < Math.floor(height - box.y - 2); y++) {
    for (let x = Math.ceil(box.x + 2); x < Math.floor(box.x + box.width - 2); x++) ink += 255 - pixels[y * width + x]!;
  }
  return ink;
}

const names = (fields: readonly PDFField[]) => fields.map((f) => f.getName());
const fieldsOf = async (bytes: Uint8Array) => (await PDFDocument.load(bytes)).getForm().getFields();

async function titleOf(id: FormId, lang: Language): Promise<string> {
  const entry = catalog.find((e) => e.id === id)!;
  await loadMessages(lang, entry.namespaces);
  const model = buildFormModel(await schemaLoaders[id]());
  return translate(createTranslator(lang), model.root.labelKey, model.root.englishLabel);
}

function validData(id: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(fixtures, id, 'valid-1.json'), 'utf8')) as Record<string, unknown>;
}

describe('createPaperPack', () => {
  const forms: FormId[] = [CONSENT, KG_CONSENT, CONSENT];
  const languages: Language[] = ['kk', 'ru'];
  let pack: Uint8Array;
  let singles: Uint8Array[];
  let file: string;

  beforeAll(async () => {
    pack = await createPaperPack(forms, { languages });
    singles = await Promise.all(forms.map((id) => createPaperForm(id, { languages })));
    file = save('pack.pdf', pack);
  });

  it('has the pages of every form, in order, and passes qpdf', async () => {
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toMatch(
      /No syntax or stream encoding errors/,
    );
    const counts = await Promise.all(singles.map(async (s) => (await PDFDocument.load(s)).getPageCount()));
    const doc = await PDFDocument.load(pack);
    expect(doc.getPageCount()).toBe(counts.reduce((a, b) => a + b, 0));
    let first = 1;
    for (const [i, id] of forms.entries()) {
      const pages = text(file, first, first + counts[i]! - 1);
      expect(pages).toContain((await titleOf(id, 'kk')).replace(/\s+/g, ' ').slice(0, 40));
      // The form's id is in the metadata, not on the paper.
      expect(pages).not.toContain(id);
      first += counts[i]!;
    }
    // Every page renders without complaint.
    const stderr = execFileSync('pdftoppm', ['-r', '20', '-gray', file, join(dir, 'pack')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(stderr).not.toMatch(/Error/);
  });

  it("keeps every form's fields, each under its own parent field, with the same kinds", async () => {
    const merged = await fieldsOf(pack);
    const expected: string[] = [];
    for (const [i, single] of singles.entries())
      expected.push(...names(await fieldsOf(single)).map((n) => `form${i + 1}.${n}`));
    expect(names(merged).sort()).toEqual(expected.sort());
    const kinds = new Map(merged.map((f) => [f.getName(), f.constructor.name]));
    for (const f of await fieldsOf(singles[1]!)) expect(kinds.get(`form2.${f.getName()}`)).toBe(f.constructor.name);
  });

  it("names each form's own font in its fields' default appearance, and embeds a shared font program once", async () => {
    const doc = await PDFDocument.load(pack);
    const acroForm = doc.catalog.getAcroForm()!.dict;
    const fonts = acroForm.lookup(PDFName.of('DR'), PDFDict).lookup(PDFName.of('Font'), PDFDict);
    const used = new Map<string, Set<string>>();
    for (const field of doc.getForm().getFields()) {
      if (!(field instanceof PDFTextField)) continue;
      const da = (field.acroField.dict.lookup(PDFName.of('DA')) as PDFString | PDFHexString).decodeText();
      const font = /^\/(\S+) /.exec(da)![1]!;
      expect(fonts.has(PDFName.of(font)), `${field.getName()}: ${da}`).toBe(true);
      const part = field.getName().split('.')[0]!;
      used.set(part, (used.get(part) ?? new Set()).add(font));
    }
    // One font per form, a different one for each form.
    expect([...used.values()].map((s) => s.size)).toEqual([1, 1, 1]);
    expect(new Set([...used.values()].map((s) => [...s][0])).size).toBe(3);
    // The regular subsets of forms in the same languages are the same bytes: one program serves them all.
    let descriptors = 0;
    const programs = new Set<PDFRef>();
    for (const [, object] of doc.context.enumerateIndirectObjects()) {
      if (!(object instanceof PDFDict) || !object.has(PDFName.of('FontFile2'))) continue;
      descriptors++;
      programs.add(object.get(PDFName.of('FontFile2')) as PDFRef);
    }
    expect(descriptors).toBe(6);
    expect(programs.size).toBeLessThan(6);
    const singleSizes = singles.reduce((a, s) => a + s.byteLength, 0);
    expect(pack.byteLength).toBeLessThan(singleSizes * 0.8);
  });

  it('lists its forms in the keywords and the outline, and readPaperPack reads each (blank)', async () => {
    const doc = await PDFDocument.load(pack);
    expect(doc.getKeywords()).toMatch(
      new RegExp(`^komek pack=3 form1=${CONSENT} version1=\\S+ languages1=kk,ru mode1=blank form2=${KG_CONSENT}`),
    );
    const outline = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    const titles: string[] = [];
    for (
      let item = outline.lookupMaybe(PDFName.of('First'), PDFDict);
      item;
      item = item.lookupMaybe(PDFName.of('Next'), PDFDict)
    ) {
      titles.push((item.lookup(PDFName.of('Title')) as PDFHexString).decodeText());
      expect(doc.getPages().some((p) => p.ref === (item.lookup(PDFName.of('Dest'), PDFArray).get(0) as PDFRef))).toBe(
        true,
      );
    }
    expect(titles).toEqual(await Promise.all(forms.map((id) => titleOf(id, 'kk'))));

    const read = await readPaperPack(pack);
    expect(read.map((r) => r.formId)).toEqual(forms);
    for (const r of read) {
      expect(r.languages).toEqual(languages);
      expect(r.versionMatches).toBe(true);
      expect(r.data).toEqual({});
    }
  });

  it('reads back what a person types into each form, each form on its own', async () => {
    const doc = await PDFDocument.load(pack);
    const form = doc.getForm();
    form.getTextField('form1./fullName').setText('Жасұр Турсунов');
    form.getCheckBox('form1./informed/interviewPurpose').check();
    form.getTextField('form2./fullName').setText('Айзада Тоқтоғұлова');
    form.getTextField('form2./authorizedExpert/fullName').setText('Бакыт Асанов');
    const filled = await doc.save({ updateFieldAppearances: false });
    const [first, second, third] = await readPaperPack(filled);
    expect(first!.data).toEqual({ fullName: 'Жасұр Турсунов', informed: { interviewPurpose: true } });
    expect(second!.data).toMatchObject({
      fullName: 'Айзада Тоқтоғұлова',
      authorizedExpert: { fullName: 'Бакыт Асанов' },
    });
    expect(third!.data).toEqual({});
  });

  it("draws text typed into a form's field with that form's font, where the form is", async () => {
    const doc = await PDFDocument.load(pack);
    const field = doc.getForm().getTextField('form2./fullName');
    const widget = field.acroField.getWidgets()[0]!;
    const page = doc.getPages().findIndex((p) => p.ref === widget.P()) + 1;
    const blankInk = inkIn(file, page, widget.getRectangle());
    // What a viewer does with typed text: the value, no appearance, and the default appearance to draw it with.
    const typed = 'Айзада Тоқтоғұлова ӘҒҚҢӨҰҮҺІ';
    field.acroField.dict.set(PDFName.of('V'), PDFHexString.fromText(typed));
    field.acroField.dict.delete(PDFName.of('AP'));
    doc.catalog.getAcroForm()!.dict.set(PDFName.of('NeedAppearances'), PDFBool.True);
    const typedFile = save('typed.pdf', await doc.save({ updateFieldAppearances: false }));
    const counts = await Promise.all(singles.map(async (s) => (await PDFDocument.load(s)).getPageCount()));
    expect(page).toBeGreaterThan(counts[0]!);
    expect(page).toBeLessThanOrEqual(counts[0]! + counts[1]!);
    expect(text(typedFile, page)).toContain(typed);
    expect(text(typedFile, 1, counts[0])).not.toContain('Айзада');
    expect(inkIn(typedFile, page, widget.getRectangle())).toBeGreaterThan(blankInk + 255 * 40);
  });

  it('readPaperForm refuses a pack with a named error that lists its forms', async () => {
    const error = await readPaperForm(pack).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaperPackError);
    expect(error).toBeInstanceOf(NotAPaperFormError);
    expect((error as PaperPackError).formIds).toEqual(forms);
    expect((error as Error).message).toMatch(/readPaperPack/);
  });
});

describe('mergePaperForms', () => {
  it('merges filled and blank forms in different languages; each reads back, hidden fields included', async () => {
    const consent = validData(CONSENT);
    const refusal = validData(REFUSAL) as Record<string, { signedBy?: string; image?: string }>;
    const signer = Object.keys(refusal).find(
      (k) => typeof refusal[k] === 'object' && refusal[k] !== null && 'signedBy' in refusal[k],
    )!;
    refusal[signer]!.image =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
    const parts = [
      await createPaperForm(CONSENT, { languages: ['en', 'ru'], data: consent }),
      await createPaperForm(KG_CONSENT, { languages: ['ky'] }),
      await createPaperForm(REFUSAL, { languages: ['kk', 'ru'], data: refusal }),
    ];
    const merged = await mergePaperForms(parts);
    expect(execFileSync('qpdf', ['--check', save('merged.pdf', merged)], { encoding: 'utf8' })).toMatch(
      /No syntax or stream encoding errors/,
    );
    const read = await readPaperPack(merged);
    const alone = await Promise.all(parts.map((p) => readPaperForm(p)));
    expect(read).toEqual(alone);
    expect(read.map((r) => r.languages)).toEqual([['en', 'ru'], ['ky'], ['kk', 'ru']]);
    expect((read[2]!.data as typeof refusal)[signer]!.image).toBe(refusal[signer]!.image);
    expect(read[0]!.data).toEqual(pruneHidden(buildFormModel(await schemaLoaders[CONSENT]()), consent));
    expect((await PDFDocument.load(merged)).getKeywords()).toContain('mode1=filled');
  });

  it('keeps a final form printed, and readPaperPack says which form cannot be read', async () => {
    const data = validData(CONSENT);
    const merged = await mergePaperForms([
      await createPaperForm(KG_CONSENT, { languages: ['en'] }),
      await createPaperForm(CONSENT, { languages: ['en'], data, mode: 'final' }),
    ]);
    expect(text(save('with-final.pdf', merged))).toContain(data.fullName as string);
    const error = await readPaperPack(merged).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotAPaperFormError);
    expect((error as Error).message).toMatch(new RegExp(`form 2 of the pack \\(${CONSENT}\\).*flattened`));
  });

  it('reads a single paper form as a pack of one', async () => {
    const single = await createPaperForm(CONSENT, { languages: ['en'] });
    expect(await readPaperPack(single)).toEqual([await readPaperForm(single)]);
  });
});

describe('pack arguments', () => {
  it('are checked with named errors before anything is drawn', async () => {
    await expect(createPaperPack([], { languages: ['en'] })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(createPaperPack('kz-f4-interview-consent' as never, { languages: ['en'] })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    await expect(createPaperPack([CONSENT, 'no-such-form'], { languages: ['en'] })).rejects.toBeInstanceOf(
      UnknownFormError,
    );
    await expect(createPaperPack([CONSENT], { languages: ['xx'] as never })).rejects.toBeInstanceOf(
      UnsupportedLanguageError,
    );
    await expect(createPaperPack([CONSENT], undefined as never)).rejects.toBeInstanceOf(InvalidArgumentError);

    const blank = await createPaperForm(CONSENT, { languages: ['en'] });
    await expect(mergePaperForms([])).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(mergePaperForms([blank, 'pdf' as never])).rejects.toThrow(/parts\[1\]/);
    await expect(mergePaperForms([blank, new Uint8Array([1, 2, 3])])).rejects.toBeInstanceOf(NotAPaperFormError);
    const foreign = await (await PDFDocument.create()).save();
    await expect(mergePaperForms([blank, foreign])).rejects.toThrow(
      /parts\[1\]: its keywords do not name a Komek form/,
    );
    const pack = await mergePaperForms([blank, blank]);
    const nested = await mergePaperForms([blank, pack]).catch((e: unknown) => e);
    expect(nested).toBeInstanceOf(InvalidArgumentError);
    expect((nested as Error).message).toMatch(/not a pack/);
  });
});
