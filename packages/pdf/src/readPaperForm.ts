import {
  buildFormModel,
  isKomekError,
  createFormSession,
  escapePointerSegment,
  type FormModel,
  type FormNode,
} from '@komek/core';
import { formIds, schemaLoaders, validatorLoaders, type FormId, type FormValidator } from '@komek/forms';
import { issueLanguage, loadMessages } from '@komek/i18n';
import {
  PDFCheckBox,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRadioGroup,
  PDFString,
  PDFTextField,
  type PDFField,
} from 'pdf-lib';
import { InvalidArgumentError, NotAPaperFormError, PaperPackError, type DataIssue } from './errors.js';
import { continuationFieldName, fieldNameOf } from './fieldNames.js';
import { paperWidgetFor, type FieldValues } from './render/paperWidgets.js';
import { readKeywords, type FormKeywords } from './keywords.js';
import { packGroupName } from './paperPack.js';
import { unreadablePdf } from './unreadable.js';

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
  /** The validator's problems with the data read, in form order, each message in English with the field's label. */
  issues: DataIssue[];
}

/** Reads the value of each part of the form from the fields named by its pointer. */
class FieldReader implements FieldValues {
  private readonly fields: Map<string, PDFField>;
  /** Every proper prefix of a field name that ends at a `/`: what `hasRow` asks, answered in constant time. */
  private readonly prefixes = new Set<string>();

  constructor(fields: ReadonlyMap<string, PDFField>) {
    this.fields = new Map(fields);
    for (const name of this.fields.keys()) {
      for (let i = name.indexOf('/', 1); i > 0; i = name.indexOf('/', i + 1)) this.prefixes.add(name.slice(0, i + 1));
    }
  }

  /**
   * A text field's value. The plain value (`V`) is read directly: pdf-lib's `getText` refuses a field another
   * program marked as rich text, whose plain value is still there.
   */
  text(name: string): string | undefined {
    const f = this.fields.get(name);
    if (!(f instanceof PDFTextField)) return undefined;
    const v = f.acroField.dict.lookup(PDFName.of('V')) ?? f.acroField.getInheritableAttribute?.(PDFName.of('V'));
    return v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined;
  }

  /** A text with the parts continued on continuation sheets. */
  fullText(pointer: string): string | undefined {
    let text = this.text(fieldNameOf(pointer));
    for (let part = 1; ; part++) {
      const more = this.text(continuationFieldName(pointer, part));
      if (more === undefined) break;
      text = (text ?? '') + more;
    }
    return text === '' ? undefined : text;
  }

  box(name: string): boolean | undefined {
    const f = this.fields.get(name);
    if (!(f instanceof PDFCheckBox)) return undefined;
    const v = f.acroField.V();
    if (!(v instanceof PDFName)) return undefined;
    return v !== PDFName.of('Off');
  }

  radio(name: string): string | undefined {
    const f = this.fields.get(name);
    return f instanceof PDFRadioGroup ? f.getSelected() : undefined;
  }

  private hasRow(pointer: string): boolean {
    return this.prefixes.has(fieldNameOf(pointer) + '/');
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
    return paperWidgetFor(node).read(this, node, pointer);
  }
}

/** Loads the bytes of a paper form or pack. */
async function loadPaper(bytes: Uint8Array | ArrayBuffer): Promise<PDFDocument> {
  if (!(bytes instanceof Uint8Array) && !(bytes instanceof ArrayBuffer))
    throw new InvalidArgumentError('bytes', 'the PDF as a Uint8Array or ArrayBuffer', bytes);
  try {
    return await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (e) {
    throw new NotAPaperFormError(unreadablePdf(e));
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
async function readForm(
  keywords: FormKeywords,
  fields: ReadonlyMap<string, PDFField>,
  where = '',
): Promise<PaperFormContent> {
  const formId = keywords.formId;
  if (!(formIds as readonly string[]).includes(formId))
    throw new NotAPaperFormError(`${where}form "${formId}" is not in the catalog of this build`);
  if (keywords.mode === 'final' || fields.size === 0) {
    throw new NotAPaperFormError(
      `${where}the form is flattened ("final"): its fields are gone and only the printed text remains`,
    );
  }
  const [bundle, validator] = await Promise.all([
    schemaLoaders[formId as FormId](),
    validatorLoaders[formId as FormId]() as Promise<FormValidator<unknown>>,
  ]);
  const model: FormModel = buildFormModel(bundle);
  const read = new FieldReader(fields).read(model.root, '');
  const session = createFormSession({ model, validate: validator, data: read ?? {} });
  const data = session.value as Record<string, unknown>;
  const valid = session.valid;
  // Worded by @komek/i18n as everywhere else (the validators carry no sentences of their own).
  if (!valid) {
    await loadMessages('en', model.namespaces);
    session.setLanguages(issueLanguage('en'));
  }
  const issues = session.issues.map((i) => ({ pointer: i.pointer, keyword: i.keyword, message: i.text }));
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
  return damagedAsNotAPaperForm(async () => {
    const { pack, forms } = readKeywords(doc);
    if (pack) throw new PaperPackError(forms.map((f) => f.formId));
    return readForm(forms[0]!, fieldsByName(doc.getForm().getFields()));
  });
}

/**
 * Runs a read of a loaded document, turning what pdf-lib throws on a damaged or forged structure (a field tree
 * with a cycle, an object of the wrong type, a stack overflow) into `NotAPaperFormError`; Komek's own errors pass.
 */
async function damagedAsNotAPaperForm<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (isKomekError(e)) throw e;
    throw new NotAPaperFormError(`its form structure is damaged (${String((e as Error)?.message ?? e).slice(0, 200)})`);
  }
}

/**
 * Reads every form of a pack made by `createPaperPack` or `mergePaperForms`, in order, each as `readPaperForm` reads
 * a single form; a single paper form gives a list of one. A flattened ("final") form in the pack throws
 * `NotAPaperFormError` naming it.
 */
export async function readPaperPack(bytes: Uint8Array | ArrayBuffer): Promise<PaperFormContent[]> {
  const doc = await loadPaper(bytes);
  return damagedAsNotAPaperForm(async () => {
    const { pack, forms } = readKeywords(doc);
    const fields = doc.getForm().getFields();
    if (!pack) return [await readForm(forms[0]!, fieldsByName(fields))];
    return Promise.all(
      forms.map((form, i) =>
        readForm(
          form,
          fieldsByName(fields, `${packGroupName(i + 1)}.`),
          `form ${i + 1} of the pack (${form.formId || 'no id'}): `,
        ),
      ),
    );
  });
}
