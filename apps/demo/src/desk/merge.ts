// pdf-lib exactly as @komek/pdf resolves it (the demo does not depend on it directly): one copy in the bundle.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFObjectCopier, PDFRef, PDFString } from '../../../../packages/pdf/node_modules/pdf-lib/es/index.js';

/**
 * Merges fillable paper forms into one PDF that stays fillable. Each form's fields are put under a parent field of
 * its own (`form1.`, `form2.`, …): two forms both have a `fullName` field, and without the parent a viewer would
 * treat them as one field and type the same name into both.
 */
export async function mergePdfs(parts: readonly Uint8Array[]): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  const form = out.catalog.getOrCreateAcroForm();
  const resources = PDFDict.withContext(out.context);
  const fonts = PDFDict.withContext(out.context);
  resources.set(PDFName.of('Font'), fonts);

  for (const [i, bytes] of parts.entries()) {
    const src = await PDFDocument.load(bytes);
    const pages = await out.copyPages(src, src.getPageIndices());
    const roots = new Set<PDFRef>();
    for (const page of pages) {
      out.addPage(page);
      const annots = page.node.Annots();
      for (let a = 0; a < (annots?.size() ?? 0); a++) {
        const ref = annots!.get(a);
        if (!(ref instanceof PDFRef)) continue;
        // Walk up from each widget to its field's root: that root moves under the form's parent field.
        let root = ref;
        for (;;) {
          const parent = out.context.lookup(root, PDFDict).get(PDFName.of('Parent'));
          if (!(parent instanceof PDFRef)) break;
          root = parent;
        }
        const dict = out.context.lookup(root, PDFDict);
        if (dict.has(PDFName.of('T')) || dict.has(PDFName.of('FT'))) roots.add(root);
      }
    }
    if (roots.size > 0) {
      const kids = PDFArray.withContext(out.context);
      const group = out.context.obj({ T: PDFString.of(`form${i + 1}`), Kids: kids });
      const groupRef = out.context.register(group);
      for (const root of roots) {
        kids.push(root);
        out.context.lookup(root, PDFDict).set(PDFName.of('Parent'), groupRef);
      }
      form.addField(groupRef);
    }
    // The fonts the fields' default appearances name, and the default appearance itself: copied into the merged
    // form. The forms name the same font the same way, so the first form's entry serves them all.
    const srcForm = src.catalog.getAcroForm()?.dict;
    const da = srcForm?.get(PDFName.of('DA'));
    if (da && !form.dict.has(PDFName.of('DA'))) form.dict.set(PDFName.of('DA'), da);
    const srcFonts = srcForm?.lookupMaybe(PDFName.of('DR'), PDFDict)?.lookupMaybe(PDFName.of('Font'), PDFDict);
    if (srcFonts) {
      const copier = PDFObjectCopier.for(src.context, out.context);
      for (const [name, value] of srcFonts.entries()) if (!fonts.has(name)) fonts.set(name, copier.copy(value));
    }
  }
  form.dict.set(PDFName.of('DR'), resources);
  return out.save();
}
