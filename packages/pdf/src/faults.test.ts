import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaperForm, InvalidFormDataError, mergePaperForms, NotAPaperFormError, readPaperForm } from './index.js';
import { pngDataUrl, strokePng } from './testing/png.js';

const root = new URL('../../../', import.meta.url).pathname;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'komek-pdf-faults-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function validData(id: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(root, 'test/fixtures/forms', id, 'valid-1.json'), 'utf8')) as Record<
    string,
    unknown
  >;
}

function save(name: string, bytes: Uint8Array): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** The first signature block of a form's data (an object with `signedBy`). */
function signatureOf(data: Record<string, unknown>): Record<string, unknown> {
  return Object.values(data).find(
    (v): v is Record<string, unknown> => typeof v === 'object' && v !== null && 'signedBy' in v,
  )!;
}

describe('a drawn signature', () => {
  it('is printed on a final (flattened) form, which has no fields left and passes qpdf', async () => {
    const data = validData('kz-f4-interview-refusal');
    signatureOf(data).image = pngDataUrl(strokePng());
    const bytes = await createPaperForm('kz-f4-interview-refusal', { languages: ['kk', 'ru'], data, mode: 'final' });
    const file = save('final-signed.pdf', bytes);
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toMatch(
      /No syntax or stream encoding errors/,
    );
    const doc = await PDFDocument.load(bytes);
    expect(doc.getForm().getFields()).toHaveLength(0);
    expect(execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })).toMatch(
      /\n\s*1\s+\d+\s+image\s+120\s+30 /,
    );
  });

  it('travels in a hidden widget with a rectangle, so a viewer can lay out every field', async () => {
    const data = validData('kz-f4-interview-refusal');
    signatureOf(data).image = pngDataUrl(strokePng());
    const bytes = await createPaperForm('kz-f4-interview-refusal', { languages: ['kk', 'ru'], data });
    const doc = await PDFDocument.load(bytes);
    for (const field of doc.getForm().getFields()) {
      for (const widget of field.acroField.getWidgets()) expect(widget.getRectangle()).toBeDefined();
    }
    doc.getForm().updateFieldAppearances();
    expect(signatureOf((await readPaperForm(bytes)).data).image).toBe(signatureOf(data).image);
  });
});

describe('default appearances', () => {
  it('name only fonts the form holds, ZapfDingbats included for check marks', async () => {
    const bytes = await createPaperForm('kz-f1-initial-application', { languages: ['kk', 'ru'] });
    const doc = await PDFDocument.load(bytes);
    const acroForm = doc.getForm().acroForm.dict;
    const fonts = acroForm
      .lookup(PDFName.of('DR'), PDFDict)
      .lookup(PDFName.of('Font'), PDFDict)
      .keys()
      .map((k) => k.decodeText());
    const named = new Set<string>();
    const da = (d: PDFDict) => d.lookupMaybe(PDFName.of('DA'), PDFString)?.decodeText();
    named.add(/^\/(\S+) /.exec(da(acroForm)!)![1]!);
    for (const field of doc.getForm().getFields()) {
      for (const widget of field.acroField.getWidgets()) {
        const own = da(widget.dict) ?? da(field.acroField.dict);
        if (own) named.add(/^\/(\S+) /.exec(own)![1]!);
      }
    }
    expect([...named].sort()).toEqual(['DejaVuSans', 'ZaDb']);
    for (const name of named) expect(fonts).toContain(name);
    const dingbats = acroForm
      .lookup(PDFName.of('DR'), PDFDict)
      .lookup(PDFName.of('Font'), PDFDict)
      .lookup(PDFName.of('ZaDb'), PDFDict);
    expect(dingbats.lookup(PDFName.of('BaseFont'))).toBe(PDFName.of('ZapfDingbats'));
  });

  it('let MuPDF type Kazakh and Tajik letters and tick a box, and the form reads back what was typed', async () => {
    const bytes = await createPaperForm('kz-f1-initial-application', { languages: ['kk', 'ru'] });
    const blank = save('mupdf-blank.pdf', bytes);
    const typed = join(dir, 'mupdf-typed.pdf');
    const script = join(dir, 'type.js');
    writeFileSync(
      script,
      `var doc = new PDFDocument(scriptArgs[0]);
var page = doc.loadPage(0);
var widgets = page.getWidgets();
var typed = false, ticked = false;
for (var i = 0; i < widgets.length; i++) {
  var w = widgets[i];
  var t = w.getFieldType();
  if (!typed && t == 'text') { w.setTextValue(scriptArgs[2]); w.update(); typed = true; print('typed ' + w.getLabel()); }
  if (!ticked && t == 'checkbox') { w.toggle(); w.update(); ticked = true; print('ticked'); }
}
page.update();
doc.save(scriptArgs[1]);
`,
    );
    const text = 'Қазақ әліпбиі ғңөұүһі ӣӯҳҷ';
    const out = execFileSync('mutool', ['run', script, blank, typed, text], { encoding: 'utf8' });
    expect(out).toMatch(/typed/);
    const back = await readPaperForm(readFileSync(typed));
    expect(back.data.fullName).toBe(text);
  });
});

/** The issues a fill refuses, or [] when it accepts. */
async function refused(
  id: string,
  data: unknown,
  languages: ('en' | 'ru' | 'kk')[] = ['en'],
): Promise<{ pointer: string; keyword: string; message: string }[]> {
  try {
    await createPaperForm(id, { languages, data });
    return [];
  } catch (e) {
    if (e instanceof InvalidFormDataError) return e.issues;
    throw e;
  }
}

describe('text that is not text, or that the fonts cannot draw', () => {
  it('refuses an unpaired surrogate, and printed anyway it keeps the text after it, on paper and in the field', async () => {
    const data = { ...validData('kz-f1-initial-application'), fullName: 'Aigerim\uD800 Nurlanovna' };
    expect(await refused('kz-f1-initial-application', data)).toEqual([
      expect.objectContaining({ pointer: '/fullName', keyword: 'text' }),
    ]);
    const bytes = await createPaperForm('kz-f1-initial-application', { languages: ['en'], data, allowInvalid: true });
    const file = save('surrogate.pdf', bytes);
    expect(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })).toMatch(
      /Aigerim\uFFFD? ?Nurlanovna/,
    );
    expect((await readPaperForm(bytes)).data.fullName).toBe('Aigerim\uFFFD Nurlanovna');
  });

  it('names the characters the fonts cannot print, and where, before printing — in the primary language', async () => {
    const data = {
      ...validData('kz-f1-initial-application'),
      fullName: 'Ямада 山田 🦊 ไทย',
      passportWhereabouts: 'שלום',
    };
    const issues = await refused('kz-f1-initial-application', data);
    const name = issues.find((i) => i.pointer === '/fullName')!;
    expect(name.keyword).toBe('unprintable');
    expect(name.message).toContain('山 U+5C71');
    expect(name.message).toContain('田 U+7530');
    expect(name.message).toContain('🦊 U+1F98A');
    expect(name.message).toContain('ท U+0E17');
    expect(name.message).not.toContain('Я');
    const ru = await refused('kz-f1-initial-application', data, ['ru']);
    expect(ru.find((i) => i.pointer === '/fullName')!.message).toMatch(/^В поле «.+» есть символы/);
    // Hebrew and Arabic have glyphs in DejaVu, but would print unjoined and in the wrong order.
    expect(
      await refused('kz-f1-initial-application', { ...validData('kz-f1-initial-application'), fullName: 'محمد' }),
    ).toEqual([expect.objectContaining({ pointer: '/fullName', keyword: 'unprintable' })]);
    expect(
      await refused('kz-f1-initial-application', {
        ...validData('kz-f1-initial-application'),
        fullName: 'Қазақ Ўзбек Tojikiston ʻ ӯҳҷ ёЁ',
      }),
    ).toEqual([]);
  });

  it('reports a control character once, as not text, and still lists what the fonts cannot draw beside it', async () => {
    const bell = await refused('kz-f1-initial-application', {
      ...validData('kz-f1-initial-application'),
      fullName: 'Aliya\u0007 Seitkali',
    });
    expect(bell.filter((i) => i.pointer === '/fullName').map((i) => i.keyword)).toEqual(['text']);
    const both = await refused('kz-f1-initial-application', {
      ...validData('kz-f1-initial-application'),
      fullName: 'Aliya\u0007 山田',
    });
    const unprintable = both.find((i) => i.pointer === '/fullName' && i.keyword === 'unprintable')!;
    expect(unprintable.message).toContain('山 U+5C71');
    expect(unprintable.message).not.toContain('U+0007');
  });
});

describe('drawn signatures that cannot be printed', () => {
  const withImage = (image: string) => {
    const data = validData('kz-f4-interview-refusal');
    signatureOf(data).image = image;
    return data;
  };

  it('refuses a huge image before decoding it, and a damaged or cut PNG, with the reason', async () => {
    const huge = await refused('kz-f4-interview-refusal', withImage(pngDataUrl(strokePng(6000, 6000))));
    expect(huge.find((i) => i.keyword === 'image')!.message).toMatch(
      /6000 × 6000 pixels, larger than a signature needs/,
    );
    const png = strokePng();
    const damaged = Buffer.from(png);
    damaged[45] = damaged[45]! ^ 0xff;
    expect(
      (await refused('kz-f4-interview-refusal', withImage(pngDataUrl(damaged)))).find((i) => i.keyword === 'image')!
        .message,
    ).toMatch(/checksum is wrong/);
    expect(
      (await refused('kz-f4-interview-refusal', withImage(pngDataUrl(png.subarray(0, 60))))).find(
        (i) => i.keyword === 'image',
      )!.message,
    ).toMatch(/cut short/);
  });

  it('with allowInvalid, prints the form without the bad image and lists the problem on the page', async () => {
    const damaged = Buffer.from(strokePng());
    damaged[45] = damaged[45]! ^ 0xff;
    const bytes = await createPaperForm('kz-f4-interview-refusal', {
      languages: ['en'],
      data: withImage(pngDataUrl(damaged)),
      allowInvalid: true,
    });
    const file = save('bad-image.pdf', bytes);
    expect(execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })).not.toMatch(/image/);
    expect(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toMatch(
      /checksum is wrong/,
    );
  });
});

describe('reading back what other programs made of a paper form', () => {
  it('reads a form linearized by qpdf with cross-reference streams', async () => {
    const bytes = await createPaperForm('tj-f2-identification-refusal', {
      languages: ['tg', 'ru'],
      data: validData('tj-f2-identification-refusal'),
    });
    const file = save('to-linearize.pdf', bytes);
    const linear = join(dir, 'linearized.pdf');
    execFileSync('qpdf', ['--linearize', '--object-streams=generate', file, linear]);
    const back = await readPaperForm(readFileSync(linear));
    expect(back.formId).toBe('tj-f2-identification-refusal');
    expect(back.data).toEqual((await readPaperForm(bytes)).data);
  });

  it('reads the plain value of a field another program marked as rich text', async () => {
    const bytes = await createPaperForm('kz-f1-initial-application', {
      languages: ['en'],
      data: validData('kz-f1-initial-application'),
    });
    const doc = await PDFDocument.load(bytes);
    const field = doc.getForm().getTextField('/fullName');
    field.acroField.dict.set(PDFName.of('Ff'), doc.context.obj(1 << 25));
    field.acroField.dict.set(PDFName.of('RV'), PDFString.of('<body><p>Rich</p></body>'));
    const back = await readPaperForm(await doc.save());
    expect(back.data.fullName).toBe(validData('kz-f1-initial-application').fullName);
  });

  it('says an encrypted form (a password or permissions set in a viewer) is encrypted, reading it or merging it', async () => {
    const bytes = await createPaperForm('kz-f1-initial-application', {
      languages: ['kk', 'ru'],
      data: validData('kz-f1-initial-application'),
    });
    const file = save('to-encrypt.pdf', bytes);
    const encrypted = join(dir, 'encrypted.pdf');
    // An empty user password: every viewer opens it without asking, as after "restrict editing".
    execFileSync('qpdf', ['--encrypt', '', 'owner', '256', '--', file, encrypted]);
    const reason =
      'the PDF is encrypted (protected by a password or by permissions), so its fields cannot be read: save a copy without security in the program it was filled in, and give that';
    const read = await readPaperForm(readFileSync(encrypted)).catch((e: unknown) => e);
    expect(read).toBeInstanceOf(NotAPaperFormError);
    expect((read as NotAPaperFormError).reason).toBe(reason);
    expect((read as Error).message).not.toMatch(/ignoreEncryption|PDFDocument/);
    await expect(mergePaperForms([bytes, readFileSync(encrypted)])).rejects.toThrow(`parts[1]: ${reason}`);
  });

  it('refuses a forged pack count without allocating for it', async () => {
    const doc = await PDFDocument.load(await createPaperForm('kz-f1-initial-application', { languages: ['en'] }));
    doc.setKeywords(['komek', 'pack=4294967295', 'form1=kz-f1-initial-application']);
    await expect(readPaperForm(await doc.save())).rejects.toThrow(
      /keywords name a pack of "4294967295" forms but describe 1/,
    );
  });
});
