import type { SchemaBundle } from '@komek/core';
import { formIds } from '@komek/forms';
import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFObjectCopier,
  PDFPage,
  type PDFPageLeaf,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFContext,
} from 'pdf-lib';
import { InvalidArgumentError, NotAPaperFormError, UnknownFormError } from './errors.js';
import { formKeywords, KEYWORD_PREFIX, readKeywords, type FormKeywords } from './keywords.js';
import { unreadablePdf } from './unreadable.js';
import { checkLanguages, isFormId, PaperForm, resolveFonts, type PaperFormOptions } from './PaperForm.js';

/** Options of `createPaperPack`: the languages of every form and, optionally, where the font bytes come from. */
export type PaperPackOptions = PaperFormOptions;

/** The parent field of the n-th form (1-based) of a pack: its fields are named `form<n>.<pointer>`. */
export function packGroupName(part: number): string {
  return `form${part}`;
}

/**
 * Several blank forms in one fillable PDF, in the order given: the pack an office prints or fills on screen. Each
 * form keeps its fields under a parent field of its own (`form1./fullName`, `form2./fullName`); `readPaperPack`
 * reads each form back. A form may appear more than once.
 *
 * ```ts
 * const pack = await createPaperPack(['kz-f1-initial-application', 'kz-f4-interview-consent'], { languages: ['kk', 'ru'] });
 * ```
 */
export async function createPaperPack(
  forms: readonly (string | SchemaBundle)[],
  options: PaperPackOptions,
): Promise<Uint8Array> {
  // A check of what a JavaScript caller passed, made on an unknown so that it does not narrow `forms` to any[].
  const given: unknown = forms;
  if (!Array.isArray(given) || forms.length === 0) {
    throw new InvalidArgumentError('forms', 'a non-empty array of form ids of the catalog (or schema bundles)', forms);
  }
  if (options === null || typeof options !== 'object')
    throw new InvalidArgumentError('options', 'an object with `languages`', options);
  // Every argument is checked before the first form is drawn.
  for (const form of forms) if (typeof form === 'string' && !isFormId(form)) throw new UnknownFormError(form, formIds);
  const languages = checkLanguages(options.languages);
  const fonts = await resolveFonts(options.fonts);
  const parts: Uint8Array[] = [];
  for (const form of forms)
    parts.push(await (await PaperForm.create(form, { languages, fonts })).save({ mode: 'blank' }));
  return mergePaperForms(parts);
}

/**
 * Merges paper forms made by `createPaperForm` (blank, filled or final, in any languages) into one PDF, in order,
 * that stays fillable. Form n's fields go under a parent field `form<n>`: two forms both have `/fullName`, and
 * without the parent a viewer would take them for one field and type the same name into both. Each form's fields
 * keep the font they were made with (the fonts of the default resources are renamed where two forms share a name),
 * the keywords list every form (`komek pack=<n> form1=<id> version1=<v> languages1=<a,b> mode1=<m> …`), and the
 * outline has an entry per form. A PDF that is not a paper form throws `NotAPaperFormError`, a pack
 * `InvalidArgumentError` (merge the forms it was made of).
 */
export async function mergePaperForms(parts: readonly (Uint8Array | ArrayBuffer)[]): Promise<Uint8Array> {
  const given: unknown = parts;
  if (!Array.isArray(given) || parts.length === 0) {
    throw new InvalidArgumentError(
      'parts',
      'a non-empty array of paper forms (PDF bytes made by createPaperForm)',
      parts,
    );
  }
  const out = await PDFDocument.create();
  const context = out.context;
  const acroForm = out.catalog.getOrCreateAcroForm();
  const fonts = context.obj({});
  const keywords: string[] = [KEYWORD_PREFIX, `pack=${parts.length}`];
  const titles: string[] = [];
  const ids: string[] = [];
  let language: string | undefined;
  const bookmarks: { title: string; page: PDFRef }[] = [];
  let needAppearances = false;

  for (const [i, bytes] of parts.entries()) {
    const n = i + 1;
    const { src, form } = await loadPart(bytes, i);
    keywords.push(...formKeywords(form, n));
    ids.push(form.formId);
    language ??= form.languages[0];
    const title = src.getTitle() ?? form.formId;
    titles.push(title);

    // One copier per form: every object is copied once, and the widgets' page references (/P) land on the copied
    // pages (pdf-lib's copyPages would point them at orphan copies).
    const copier = PDFObjectCopier.for(src.context, context);
    for (const [p, page] of src.getPages().entries()) {
      const ref = copier.copy(page.ref);
      out.addPage(PDFPage.of(context.lookup(ref) as PDFPageLeaf, ref, out));
      if (p === 0) bookmarks.push({ title, page: ref });
    }

    const srcForm = src.catalog.getAcroForm()?.dict;
    if (!srcForm) continue;
    // The fonts the fields' default appearances name, under a name no other form uses in the merged resources.
    const renamed = new Map<string, string>();
    const srcFonts = srcForm.lookupMaybe(PDFName.of('DR'), PDFDict)?.lookupMaybe(PDFName.of('Font'), PDFDict);
    for (const [key, value] of srcFonts?.entries() ?? []) {
      const name = key.decodeText();
      const copied = copier.copy(value);
      let target = name;
      for (let k = n; fonts.has(PDFName.of(target)) && fonts.get(PDFName.of(target)) !== copied; k++)
        target = `${name}_${k}`;
      fonts.set(PDFName.of(target), copied);
      if (target !== name) renamed.set(name, target);
    }
    const da = srcForm.lookupMaybe(PDFName.of('DA'), PDFString, PDFHexString);
    if (da && !acroForm.dict.has(PDFName.of('DA')))
      acroForm.dict.set(PDFName.of('DA'), PDFString.of(renameFont(da.decodeText(), renamed)));
    if (srcForm.lookupMaybe(PDFName.of('NeedAppearances'), PDFBool)?.asBoolean()) needAppearances = true;

    // The form's fields, hidden ones (a drawn signature) included, under the parent field form<n>.
    const roots = srcForm.lookupMaybe(PDFName.of('Fields'), PDFArray);
    if (!roots || roots.size() === 0) continue;
    const kids = context.obj([]);
    const groupRef = context.register(context.obj({ T: PDFHexString.fromText(packGroupName(n)), Kids: kids }));
    for (let f = 0; f < roots.size(); f++) {
      const ref = copier.copy(roots.get(f));
      if (!(ref instanceof PDFRef)) continue;
      const field = context.lookupMaybe(ref, PDFDict);
      if (!field) continue;
      field.set(PDFName.of('Parent'), groupRef);
      if (renamed.size > 0) renameFieldFonts(context, field, renamed);
      kids.push(ref);
    }
    acroForm.addField(groupRef);
  }

  shareFontPrograms(context);
  acroForm.dict.set(PDFName.of('DR'), context.obj({ Font: fonts }));
  if (needAppearances) acroForm.dict.set(PDFName.of('NeedAppearances'), PDFBool.True);
  addOutline(out, bookmarks);
  out.setTitle(titles.join(' · '), { showInWindowTitleBar: true });
  out.setSubject(`Komek paper forms (${parts.length}): ${ids.join(', ')}`);
  out.setKeywords(keywords);
  out.setProducer('Komek @komek/pdf');
  out.setCreator('Komek');
  if (language) out.setLanguage(language);
  return out.save({ updateFieldAppearances: false });
}

/** Loads one part of a merge and reads its keywords; anything but a single paper form is refused. */
async function loadPart(
  bytes: Uint8Array | ArrayBuffer,
  index: number,
): Promise<{ src: PDFDocument; form: FormKeywords }> {
  const argument = `parts[${index}]`;
  if (!(bytes instanceof Uint8Array) && !(bytes instanceof ArrayBuffer))
    throw new InvalidArgumentError(argument, 'the PDF as a Uint8Array or ArrayBuffer', bytes);
  let src: PDFDocument;
  try {
    src = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (e) {
    throw new NotAPaperFormError(`${argument}: ${unreadablePdf(e)}`);
  }
  let read: ReturnType<typeof readKeywords>;
  try {
    read = readKeywords(src);
  } catch (e) {
    if (e instanceof NotAPaperFormError) throw new NotAPaperFormError(`${argument}: ${e.reason}`);
    throw e;
  }
  if (read.pack) {
    throw new InvalidArgumentError(
      argument,
      `a single paper form, not a pack (merge the forms it was made of: ${read.forms.map((f) => f.formId).join(', ')})`,
      bytes,
    );
  }
  return { src, form: read.forms[0]! };
}

/** A default appearance (`/DejaVuSans 9 Tf 0 g`) with its font renamed. */
function renameFont(da: string, renamed: ReadonlyMap<string, string>): string {
  return da.replace(/\/([^\s/()<>[\]{}%]+)(\s+[-+\d.]+\s+Tf)/, (whole, name: string, rest: string) => {
    const to = renamed.get(name);
    return to === undefined ? whole : `/${to}${rest}`;
  });
}

/** Renames the font of the default appearance of a field and of every field and widget under it. */
function renameFieldFonts(
  context: PDFContext,
  field: PDFDict,
  renamed: ReadonlyMap<string, string>,
  seen = new Set<PDFDict>(),
): void {
  if (seen.has(field)) return;
  seen.add(field);
  const da = field.lookupMaybe(PDFName.of('DA'), PDFString, PDFHexString);
  if (da) field.set(PDFName.of('DA'), PDFString.of(renameFont(da.decodeText(), renamed)));
  const kids = field.lookupMaybe(PDFName.of('Kids'), PDFArray);
  for (let i = 0; i < (kids?.size() ?? 0); i++) {
    const kid = context.lookupMaybe(kids!.get(i), PDFDict);
    if (kid) renameFieldFonts(context, kid, renamed, seen);
  }
}

/**
 * Keeps one copy of each distinct embedded font program. Every form embeds its own subsets, but forms in the same
 * languages mostly embed the same regular subset (the fields' full alphabets), byte for byte: sharing it takes about
 * 40 % off a pack of a country's forms.
 */
function shareFontPrograms(context: PDFContext): void {
  const kept = new Map<string, { ref: PDFRef; bytes: Uint8Array }[]>();
  for (const [, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict)) continue;
    const fileRef = object.get(PDFName.of('FontFile2'));
    if (!(fileRef instanceof PDFRef)) continue;
    const file = context.lookup(fileRef);
    if (!(file instanceof PDFRawStream)) continue;
    const bytes = file.getContents();
    const key = `${bytes.length}:${fnv1a(bytes)}:${file.dict.toString()}`;
    const same = kept.get(key) ?? [];
    const earlier = same.find((k) => k.ref !== fileRef && equalBytes(k.bytes, bytes));
    if (earlier) {
      object.set(PDFName.of('FontFile2'), earlier.ref);
      context.delete(fileRef);
    } else if (!same.some((k) => k.ref === fileRef)) {
      same.push({ ref: fileRef, bytes });
      kept.set(key, same);
    }
  }
}

function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** An outline (bookmarks) with an entry per form, opening its first page. */
function addOutline(doc: PDFDocument, entries: readonly { title: string; page: PDFRef }[]): void {
  if (entries.length === 0) return;
  const context = doc.context;
  const outline = context.nextRef();
  const items = entries.map(() => context.nextRef());
  entries.forEach((entry, i) => {
    const item = context.obj({ Title: PDFHexString.fromText(entry.title), Parent: outline, Dest: [entry.page, 'Fit'] });
    if (i > 0) item.set(PDFName.of('Prev'), items[i - 1]!);
    if (i < items.length - 1) item.set(PDFName.of('Next'), items[i + 1]!);
    context.assign(items[i]!, item);
  });
  context.assign(
    outline,
    context.obj({ Type: 'Outlines', First: items[0]!, Last: items[items.length - 1]!, Count: items.length }),
  );
  doc.catalog.set(PDFName.of('Outlines'), outline);
}
