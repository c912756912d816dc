import { buildFormModel, createFormSession, escapePointerSegment, type FormModel, type FormNode } from '@komek/core';
import { formIds, schemaLoaders, validatorLoaders, type FormId, type FormValidator } from '@komek/forms';
import { PDFCheckBox, PDFDocument, PDFName, PDFRadioGroup, PDFTextField, type PDFField } from 'pdf-lib';
import { InvalidArgumentError, NotAPaperFormError, PaperPackError, type DataIssue } from './errors.js';
import { continuationFieldName, fieldNameOf, optionFieldName } from './fieldNames.js';
import { readKeywords, type FormKeywords } from './keywords.js';
import { packGroupName } from './paperPack.js';

/** What a filled paper form holds. */
export interface PaperFormContent {
  formId: string;
  /** Schema version the PDF was made with. */
  version: string;
  /** Whether that version is the version of the form in this build's catalog. */
  versionMatches: boolean;
  languages: string[];
  /** The data read from the fields, typed by the schema, hidden branches pruned. */
  data: Record<string, unknown>;
  /** Whether the data passes the form's validator. */
  valid: boolean;
  issues: DataIssue[];
}

function isoDate(text: string): string {
  const t = text.trim();
  const dmy = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(t);
  if (dmy) return `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
  return t;
}

function number(text: string, integer: boolean): number | string {
  const t = text.trim().replace(/[\s\u00a0]/g, '').replace(',', '.');
  const n = Number(t);
  if (t === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) return text;
  return n;
}

/** Reads the value of each part of the form from the fields named by its pointer. */
class FieldReader {
  private readonly fields: Map<string, PDFField>;
  private readonly names: string[];

  constructor(fields: ReadonlyMap<string, PDFField>) {
    this.fields = new Map(fields);
    this.names = [...this.fields.keys()];
  }

  private text(name: string): string | undefined {
    const f = this.fields.get(name);
    return f instanceof PDFTextField ? (f.getText() ?? undefined) : undefined;
  }

  /** A text with the parts continued on continuation sheets. */
  private fullText(pointer: string): string | undefined {
    let text = this.text(fieldNameOf(pointer));
    for (let part = 1; ; part++) {
      const more = this.text(continuationFieldName(pointer, part));
      if (more === undefined) break;
      text = (text ?? '') + more;
    }
    return text === '' ? undefined : text;
  }

  private box(name: string): boolean | undefined {
    const f = this.fields.get(name);
    if (!(f instanceof PDFCheckBox)) return undefined;
    const v = f.acroField.V();
    if (!(v instanceof PDFName)) return undefined;
    return v !== PDFName.of('Off');
  }

  private radio(name: string): string | undefined {
    const f = this.fields.get(name);
    return f instanceof PDFRadioGroup ? f.getSelected() : undefined;
  }

  private hasRow(pointer: string): boolean {
    const prefix = fieldNameOf(pointer) + '/';
    return this.names.some((n) => n.startsWith(prefix));
  }

  /** The value of a node at a pointer, or undefined when nothing was entered. */
  read(node: FormNode, pointer: string): unknown {
    switch (node.kind) {
      case 'static':
        return undefined;
      case 'field':
      case 'checklist':
        return this.field(node, pointer);
      case 'repeat': {
        const rows: unknown[] = [];
        for (let i = 0; this.hasRow(`${pointer}/${i}`); i++) {
          const row = node.item ? this.read(node.item, `${pointer}/${i}`) : undefined;
          if (row !== undefined) rows.push(row);
        }
        return rows.length > 0 ? rows : undefined;
      }
      default: {
        const out: Record<string, unknown> = {};
        for (const child of node.children) {
          const v = this.read(child, `${pointer}/${escapePointerSegment(child.name)}`);
          if (v !== undefined) out[child.name] = v;
        }
        return Object.keys(out).length > 0 ? out : undefined;
      }
    }
  }

  private field(node: FormNode, pointer: string): unknown {
    const name = fieldNameOf(pointer);
    switch (node.widget) {
      case 'yesno': {
        const v = this.radio(name);
        return v === 'yes' ? true : v === 'no' ? false : undefined;
      }
      case 'checkbox':
      case 'checklist':
        return this.box(name);
      case 'choice':
        return this.radio(name);
      case 'multichoice': {
        const options = node.options ?? [];
        const states = options.map((o) => this.box(optionFieldName(pointer, o.value)));
        if (states.every((s) => s === undefined)) return undefined;
        return options.filter((_, i) => states[i] === true).map((o) => o.value);
      }
      case 'signaturePad':
        return this.text(name) || undefined;
      case 'number': {
        const t = this.fullText(pointer);
        return t === undefined ? undefined : number(t, node.schema.type === 'integer');
      }
      case 'date': {
        const t = this.fullText(pointer);
        return t === undefined ? undefined : isoDate(t);
      }
      default: {
        const t = this.fullText(pointer);
        if (t === undefined) return undefined;
        if (node.schema.type === 'array') return t.split(/\r?\n/).filter((l) => l.trim() !== '');
        return t;
      }
    }
  }
}

/** Loads the bytes of a paper form or pack. */
async function loadPaper(bytes: Uint8Array | ArrayBuffer): Promise<PDFDocument> {
  if (!(bytes instanceof Uint8Array) && !(bytes instanceof ArrayBuffer)) throw new InvalidArgumentError('bytes', 'the PDF as a Uint8Array or ArrayBuffer', bytes);
  try {
    return await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (e) {
    throw new NotAPaperFormError(`not a readable PDF (${(e as Error).message})`);
  }
}

/** The fields of a document by name; with a prefix (`form2.`), only those under it, named without it. */
function fieldsByName(fields: readonly PDFField[], prefix = ''): Map<string, PDFField> {
  const out = new Map<string, PDFField>();
  for (const f of fields) {
    const name = f.getName();
    if (name.startsWith(prefix)) out.set(name.slice(prefix.length), f);
  }
  return out;
}

/** Reads one form from its keywords and its fields (named by their data pointers). `where` names it in errors. */
async function readForm(keywords: FormKeywords, fields: ReadonlyMap<string, PDFField>, where = ''): Promise<PaperFormContent> {
  const formId = keywords.formId;
  if (!(formIds as readonly string[]).includes(formId)) throw new NotAPaperFormError(`${where}form "${formId}" is not in the catalog of this build`);
  if (keywords.mode === 'final' || fields.size === 0) {
    throw new NotAPaperFormError(`${where}the form is flattened ("final"): its fields are gone and only the printed text remains`);
  }
  const [bundle, validator] = await Promise.all([schemaLoaders[formId as FormId](), validatorLoaders[formId as FormId]() as Promise<FormValidator<unknown>>]);
  const model: FormModel = buildFormModel(bundle);
  const read = new FieldReader(fields).read(model.root, '');
  const session = createFormSession({ model, validate: validator, data: read ?? {} });
  const data = session.value as Record<string, unknown>;
  const valid = session.valid;
  const issues = session.rawIssues.map((i) => ({ pointer: i.pointer, keyword: i.keyword, message: i.message }));
  return {
    formId,
    version: keywords.version,
    versionMatches: keywords.version === model.meta.version,
    languages: keywords.languages,
    data,
    valid,
    issues,
  };
}

/**
 * Reads a paper form made by `createPaperForm` (blank and filled by hand in a PDF viewer, or filled by Komek): the
 * form id and version from the document's keywords, the values from the fields named by their data pointers, typed
 * by the schema, then validated with the form's generated validator. A pack of several forms throws
 * `PaperPackError`: read it with `readPaperPack`.
 */
export async function readPaperForm(bytes: Uint8Array | ArrayBuffer): Promise<PaperFormContent> {
  const doc = await loadPaper(bytes);
  const { pack, forms } = readKeywords(doc);
  if (pack) throw new PaperPackError(forms.map((f) => f.formId));
  return readForm(forms[0]!, fieldsByName(doc.getForm().getFields()));
}

/**
 * Reads every form of a pack made by `createPaperPack` or `mergePaperForms`, in order, each as `readPaperForm` reads
 * a single form; a single paper form gives a list of one. A flattened ("final") form in the pack throws
 * `NotAPaperFormError` naming it.
 */
export async function readPaperPack(bytes: Uint8Array | ArrayBuffer): Promise<PaperFormContent[]> {
  const doc = await loadPaper(bytes);
  const { pack, forms } = readKeywords(doc);
  const fields = doc.getForm().getFields();
  if (!pack) return [await readForm(forms[0]!, fieldsByName(fields))];
  return Promise.all(
    forms.map((form, i) => readForm(form, fieldsByName(fields, `${packGroupName(i + 1)}.`), `form ${i + 1} of the pack (${form.formId || 'no id'}): `)),
  );
}
