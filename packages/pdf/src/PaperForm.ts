import {
  childrenOf,
  buildFormModel,
  createFormSession,
  findNode,
  pointerOf,
  translate,
  type FormModel,
  type FormNode,
  type FormSession,
  type IssueLanguage,
  type SchemaBundle,
  type Translator,
} from '@komek/core';
import { catalog, formIds, schemaLoaders, validatorLoaders, type FormId, type FormValidator } from '@komek/forms';
import {
  createTranslator,
  isLanguage,
  languages as knownLanguages,
  loadMessages,
  validationMessage,
  type Language,
} from '@komek/i18n';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFStreamWriter } from 'pdf-lib';
import { FieldWriter } from './acroFields.js';
import { embedFonts, measuredFont, setFieldFont } from './fonts/embedFonts.js';
import { unprintableAnswers } from './text/printable.js';
import { PNG_DATA_URL, signatureImageProblem } from './images.js';
import { loadFonts, type FontLoader, type FontSource } from './fonts/fontSource.js';
import {
  FontLoadError,
  ImageError,
  InvalidArgumentError,
  InvalidFormDataError,
  UnknownFormError,
  UnsupportedLanguageError,
  type DataIssue,
} from './errors.js';
import { formKeywords, KEYWORD_PREFIX } from './keywords.js';
import { nativeDeflate } from './layout/deflate.js';
import { Paginator } from './layout/page.js';
import { Tagger } from './layout/tags.js';
import { setXmpMetadata } from './metadata.js';
import { size } from './layout/style.js';
import type { PaperMode, RenderEnv } from './render/env.js';
import { isImageAnswer } from './render/paperWidgets.js';
import {
  bodyRows,
  continuationRows,
  drawFooters,
  issueRows,
  openPage,
  type PrintedIssue,
} from './render/renderForm.js';

export type { PaperMode } from './render/env.js';

/** Options of a paper form: its languages and, optionally, where the font bytes come from. */
export interface PaperFormOptions {
  /** The primary language and an optional secondary one, printed under it: `['kk', 'ru']`. */
  languages: readonly [Language] | readonly [Language, Language] | readonly Language[];
  /** The font bytes, or a loader for them; by default read from `dejavu-fonts-ttf` (Node) or fetched (browser). */
  fonts?: FontSource | FontLoader;
}

/** Options of `fill`. */
export interface FillOptions {
  /** Print data that fails validation; the PDF then says on its first page that the data is not valid. */
  allowInvalid?: boolean;
}

/** Options of `save`. */
export interface SaveOptions {
  /** `blank`: fillable, no data. `filled`: fillable, with the data. `final`: filled and flattened. */
  mode?: PaperMode;
}

const MODES: readonly PaperMode[] = ['blank', 'filled', 'final'];
const PRODUCER = 'Komek @komek/pdf';

export function isFormId(id: string): id is FormId {
  return (formIds as readonly string[]).includes(id);
}

export function checkLanguages(value: unknown): Language[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > 2) {
    throw new InvalidArgumentError(
      'options.languages',
      'an array of one or two language codes, e.g. ["kk", "ru"]',
      value,
    );
  }
  const codes = knownLanguages.map((l) => l.code);
  for (const lang of value) {
    if (typeof lang !== 'string' || !isLanguage(lang)) throw new UnsupportedLanguageError(String(lang), codes);
  }
  const langs = value as Language[];
  return langs[0] === langs[1] ? [langs[0]!] : [...langs];
}

export async function resolveFonts(fonts: PaperFormOptions['fonts']): Promise<FontSource> {
  try {
    const source = fonts === undefined ? await loadFonts() : typeof fonts === 'function' ? await fonts() : fonts;
    if (!(source?.regular instanceof Uint8Array) || !(source.bold instanceof Uint8Array)) {
      throw new FontLoadError('the font source must have `regular` and `bold` Uint8Arrays');
    }
    return source;
  } catch (e) {
    if (e instanceof FontLoadError) throw e;
    throw new FontLoadError((e as Error)?.message ?? String(e), { cause: e });
  }
}

/**
 * A paper equivalent of a form: `PaperForm.create(id, { languages })`, optionally `.fill(data)`, then `.save()`.
 * Blank forms are fillable AcroForms whose field names are the data pointers; filled forms carry the data and stay
 * fillable; final forms are flattened.
 */
export class PaperForm {
  private data: unknown;
  private issues: DataIssue[] | undefined;
  private readonly translators: Translator[];

  private constructor(
    readonly model: FormModel,
    readonly languages: Language[],
    private readonly validator: FormValidator<unknown> | undefined,
    private readonly fonts: FontSource,
  ) {
    this.translators = languages.map((l) => memoize(createTranslator(l)));
  }

  /** The form's id. */
  get formId(): string {
    return this.model.meta.id;
  }

  /** The version of the form's schema. */
  get version(): string {
    return this.model.meta.version;
  }

  /** Loads a form of the catalog (or takes a schema bundle), the messages of its languages and the fonts. */
  static async create(form: string | SchemaBundle, options: PaperFormOptions): Promise<PaperForm> {
    if (options === null || typeof options !== 'object')
      throw new InvalidArgumentError('options', 'an object with `languages`', options);
    const langs = checkLanguages(options.languages);
    let bundle: SchemaBundle;
    let validator: FormValidator<unknown> | undefined;
    if (typeof form === 'string') {
      if (!isFormId(form)) throw new UnknownFormError(form, formIds);
      [bundle, validator] = await Promise.all([
        schemaLoaders[form](),
        validatorLoaders[form]() as Promise<FormValidator<unknown>>,
      ]);
    } else if (
      form !== null &&
      typeof form === 'object' &&
      typeof form.root === 'string' &&
      typeof form.schemas === 'object'
    ) {
      bundle = form;
    } else {
      throw new InvalidArgumentError('form', 'a form id of the catalog or a schema bundle { root, schemas }', form);
    }
    const model = buildFormModel(bundle);
    if (!validator && isFormId(model.meta.id)) validator = await validatorLoaders[model.meta.id]();
    const entry = catalog.find((e) => e.id === model.meta.id);
    const namespaces = entry?.namespaces ?? namespacesOf(bundle);
    const [fonts] = await Promise.all([resolveFonts(options.fonts), ...langs.map((l) => loadMessages(l, namespaces))]);
    return new PaperForm(model, langs, validator, fonts);
  }

  /**
   * Sets the data to print. Invalid data throws `InvalidFormDataError` listing the validator's issues, unless
   * `allowInvalid` is set.
   */
  fill(data: unknown, options: FillOptions = {}): this {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      throw new InvalidArgumentError('data', `an object with the data of form ${this.formId}`, data);
    }
    const issues = this.validate(data);
    if (issues.length > 0 && !options.allowInvalid) throw new InvalidFormDataError(this.formId, issues);
    this.data = data;
    this.issues = issues.length > 0 ? issues : undefined;
    return this;
  }

  /**
   * The validator's issues for data, with messages in the primary language (empty when valid). Hidden branches are
   * pruned first, as on screen: what is checked is what is printed and submitted.
   */
  validate(data: unknown): DataIssue[] {
    const session = this.sessionOf(data);
    const issues: DataIssue[] = session.issues.map((issue) => ({
      pointer: issue.pointer,
      keyword: issue.keyword,
      message: issue.text,
    }));
    issues.push(
      ...this.paperProblems(session, 0).map(({ pointer, keyword, message }) => ({ pointer, keyword, message })),
    );
    return issues;
  }

  /**
   * What the validator cannot see but paper cannot take, worded in the primary (`which` 0) or secondary language:
   * characters the fonts cannot draw, which would vanish while the data is "valid", and drawn signatures that are
   * not a PNG data URL, damaged or too large.
   */
  private paperProblems(session: FormSession, which: number): (DataIssue & { node: FormNode | undefined })[] {
    const t = this.translators[which]!;
    const out: (DataIssue & { node: FormNode | undefined })[] = [];
    const labelOf = (node: FormNode | undefined, pointer: string) =>
      node ? session.label(node, which === 0 ? 0 : 1) : pointer;
    for (const { pointer, characters } of unprintableAnswers(
      this.model,
      measuredFont(this.fonts.regular),
      session.value,
    )) {
      const node = findNode(this.model, pointer);
      const label = labelOf(node, pointer);
      const list = characters.slice(0, 12).join(', ') + (characters.length > 12 ? ', …' : '');
      const fallback = `“${label}” has characters the printed form cannot show: ${list}.`;
      out.push({
        pointer,
        keyword: 'unprintable',
        message: t('ui:error.unprintable', fallback, { label, characters: list }) ?? fallback,
        node,
      });
    }
    for (const { pointer, reason } of signatureImageProblems(this.model, session.value)) {
      const node = findNode(this.model, pointer);
      const label = labelOf(node, pointer);
      const fallback = `“${label}” cannot be printed: ${reason}.`;
      out.push({
        pointer,
        keyword: 'image',
        message: t('ui:error.image', fallback, { label, reason }) ?? fallback,
        node,
      });
    }
    return out;
  }

  /** The form session of some data: what is shown, what is printed as answered, what is wrong. */
  private sessionOf(data: unknown): FormSession {
    const primary = this.languages[0]!;
    const language: IssueLanguage = {
      translate: this.translators[0]!,
      message: (issue, label) => validationMessage(issue, primary, label),
    };
    return createFormSession({ model: this.model, validate: this.validator, data, languages: [language] });
  }

  /**
   * The problems of the data as the PDF lists them: in the order of the form's questions, each under the question's
   * number and the rows of the tables it is in, worded in both languages.
   */
  private printedIssues(): PrintedIssue[] {
    const languages: IssueLanguage[] = this.languages.map((lang, i) => ({
      translate: this.translators[i]!,
      message: (issue, label) => validationMessage(issue, lang, label),
    }));
    const session = createFormSession({ model: this.model, validate: this.validator, data: this.data, languages });
    const validation = session.issues.map((issue) => {
      const secondary = issue.secondary?.text;
      const printed: PrintedIssue = {
        rows: issue.node ? repeatRowsOf(this.model.root, issue.pointer) : [],
        message:
          secondary === undefined || secondary === issue.text
            ? { primary: issue.text }
            : { primary: issue.text, secondary },
      };
      const number = issue.node ? numberOf(this.model, issue.node) : undefined;
      if (number !== undefined) printed.number = number;
      return printed;
    });
    const primary = this.paperProblems(session, 0);
    const secondary = this.languages.length > 1 ? this.paperProblems(session, 1) : [];
    return [
      ...validation,
      ...primary.map((p, i) => {
        const other = secondary[i]?.message;
        const printed: PrintedIssue = {
          rows: p.node ? repeatRowsOf(this.model.root, p.pointer) : [],
          message:
            other === undefined || other === p.message
              ? { primary: p.message }
              : { primary: p.message, secondary: other },
        };
        if (p.node?.number !== undefined) printed.number = p.node.number;
        return printed;
      }),
    ];
  }

  /** Renders the PDF. The mode defaults to `filled` when data was given, `blank` otherwise. */
  async save(options: SaveOptions = {}): Promise<Uint8Array> {
    const mode = options.mode ?? (this.data === undefined ? 'blank' : 'filled');
    if (!MODES.includes(mode)) throw new InvalidArgumentError('mode', `one of ${MODES.join(', ')}`, mode);
    if (mode !== 'blank' && this.data === undefined) {
      throw new InvalidArgumentError('mode', `"blank" when no data was given (call fill(data) for "${mode}")`, mode);
    }
    const doc = await PDFDocument.create();
    const fonts = await embedFonts(doc, this.fonts);
    const meta = this.model.meta;
    const session = mode === 'blank' ? undefined : this.sessionOf(this.data);
    const env: RenderEnv = {
      model: this.model,
      mode,
      data: session?.value,
      session,
      languages: this.languages,
      translators: this.translators,
      faces: {
        regular: { pdf: fonts.regular, metrics: fonts.metrics.regular },
        bold: { pdf: fonts.bold, metrics: fonts.metrics.bold },
      },
      continuations: [],
      images: new Map(),
    };
    if (env.data !== undefined) await embedImages(doc, env);
    const printedIssues = mode === 'blank' || !this.issues ? undefined : this.printedIssues();

    const fields = new FieldWriter(doc, fonts.regular, fonts.metrics.regular, size.value);
    setFieldFont(doc, fonts.regular, size.value);
    // A tagged PDF: the structure tree follows the rows as they are drawn; the secondary language is marked as such.
    const tags = new Tagger(this.languages[1]);
    const paginator = new Paginator(doc, fonts, fields, (c) => openPage(env, c), tags);
    // A final form prints each answer where its field is, as content of the field's element, and keeps no fields.
    fields.onWidget =
      mode === 'final'
        ? (page, widget) =>
            paginator.pages.find((p) => p.page === page)?.canvas.appearance(doc.context.lookup(widget, PDFDict))
        : (page, widget) => tags.widget(page, widget);
    paginator.place(bodyRows(env, printedIssues));
    if (env.continuations.length > 0) paginator.place(continuationRows(env, env.continuations));
    if (printedIssues) paginator.place(issueRows(env, printedIssues));
    tags.artifact(() => drawFooters(env, paginator.pages));
    paginator.commit(await nativeDeflate());

    const title = translate(env.translators[0]!, this.model.root.labelKey, this.model.root.englishLabel);
    doc.setTitle(title, { showInWindowTitleBar: true });
    const subject = `${meta.sop}${meta.formNumber ? ` · Form ${meta.formNumber}` : ''} · ${meta.id}`;
    doc.setSubject(subject);
    // What reading the form back needs: `komek form=<id> version=<v> languages=<a,b> mode=<m>` (+ `invalid`).
    const invalid = this.issues !== undefined && mode !== 'blank';
    const keywords = [
      KEYWORD_PREFIX,
      ...formKeywords({ formId: meta.id, version: meta.version, languages: this.languages, mode, invalid }),
    ];
    doc.setKeywords(keywords);
    doc.setProducer(PRODUCER);
    doc.setCreator('Komek');
    doc.setLanguage(this.languages[0]!);
    const now = new Date();
    doc.setCreationDate(now);
    doc.setModificationDate(now);
    const second = this.translators[1];
    const secondaryTitle = second && translate(second, this.model.root.labelKey, this.model.root.englishLabel);
    setXmpMetadata(doc, {
      title,
      ...(secondaryTitle !== undefined && secondaryTitle !== title
        ? { secondaryTitle: { lang: this.languages[1]!, text: secondaryTitle } }
        : {}),
      description: subject,
      keywords: keywords.join(' '),
      languages: this.languages,
      producer: PRODUCER,
      creator: 'Komek',
      date: now,
    });

    if (mode === 'final') removeFields(doc);
    tags.write(doc);
    // doc.save() with object streams of 1,000 objects instead of 50: the structure tree's hundreds of small
    // dictionaries compress better together (a tenth less file).
    await doc.flush();
    return PDFStreamWriter.forContext(doc.context, 50, true, 1000).serializeToBuffer();
  }
}

/**
 * Removes every field and widget of a final form: their appearances were drawn on the pages as they were made, so
 * nothing a person sees goes, and the form can no longer be typed into.
 */
function removeFields(doc: PDFDocument): void {
  const context = doc.context;
  const remove = (ref: unknown) => {
    if (!(ref instanceof PDFRef)) return;
    const field = context.lookup(ref);
    if (field instanceof PDFDict) field.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray().forEach(remove);
    context.delete(ref);
  };
  doc.catalog
    .lookupMaybe(PDFName.of('AcroForm'), PDFDict)
    ?.lookupMaybe(PDFName.of('Fields'), PDFArray)
    ?.asArray()
    .forEach(remove);
  doc.catalog.delete(PDFName.of('AcroForm'));
  for (const page of doc.getPages()) page.node.delete(PDFName.of('Annots'));
}

/** The printed number of a node, or of the nearest numbered part it is in (the date of "1.3 Date and place of birth"). */
function numberOf(model: FormModel, node: FormNode): string | undefined {
  for (let pointer = node.pointer; pointer !== ''; pointer = pointer.replace(/\/[^/]*$/, '')) {
    const number = model.byPointer.get(pointer)?.number;
    if (number !== undefined) return number;
  }
  return undefined;
}

/** The numbers (from 1) of the repeat rows a data pointer goes through, outermost first. */
function repeatRowsOf(root: FormNode, pointer: string): number[] {
  const rows: number[] = [];
  let at: FormNode | undefined = root;
  for (const seg of pointer.split('/').slice(1)) {
    if (!at) break;
    if (at.kind === 'repeat' && /^\d+$/.test(seg)) {
      rows.push(Number(seg) + 1);
      at = at.item;
    } else at = childrenOf(at).find((c) => c.name === seg.replace(/~1/g, '/').replace(/~0/g, '~'));
  }
  return rows;
}

/** A translator that remembers its answers: a form asks for the same labels on every save. */
function memoize(t: Translator): Translator {
  const cache = new Map<string, string | undefined>();
  return (key, fallback, params) => {
    const id =
      params === undefined
        ? `${key}\u0000${fallback ?? ''}`
        : `${key}\u0000${fallback ?? ''}\u0000${JSON.stringify(params)}`;
    if (cache.has(id)) return cache.get(id);
    const text = t(key, fallback, params);
    cache.set(id, text);
    return text;
  };
}

/** Namespaces of a bundle that is not in the catalog: one per schema file. */
function namespacesOf(bundle: SchemaBundle): string[] {
  return Object.keys(bundle.schemas).map((id) => (id.split('/').pop() ?? id).replace(/\.schema\.json$/, ''));
}

/** The drawn signatures of (pruned) data that cannot be printed, with the reason. */
function signatureImageProblems(model: FormModel, data: unknown): { pointer: string; reason: string }[] {
  const out: { pointer: string; reason: string }[] = [];
  for (const { pointer, value } of signatureImages(model, data)) {
    const reason = signatureImageProblem(value);
    if (reason) out.push({ pointer, reason });
  }
  return out;
}

/** The non-empty values of the data's answers that are drawn images (the signature pad's: `PaperWidget.image`). */
function signatureImages(model: FormModel, data: unknown): { pointer: string; value: string }[] {
  const found: { pointer: string; value: string }[] = [];
  const walk = (v: unknown, pointer: string, depth: number) => {
    if (depth > 64) return;
    if (typeof v === 'string') {
      if (v !== '' && isImageAnswer(findNode(model, pointer))) found.push({ pointer, value: v });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${pointer}/${i}`, depth + 1));
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, pointer + pointerOf(k), depth + 1);
    }
  };
  walk(data, '', 0);
  return found;
}

/**
 * Embeds the drawn signatures of the data before layout, which draws synchronously. Only PNG data URLs within
 * `SIGNATURE_LIMITS` are embedded (`validate` reports the others, so they reach here only with `allowInvalid`, and
 * are then left off the page with the problem listed); nothing is ever fetched.
 */
async function embedImages(doc: PDFDocument, env: RenderEnv): Promise<void> {
  await Promise.all(
    signatureImages(env.model, env.data).map(async ({ pointer, value }) => {
      if (signatureImageProblem(value)) return;
      try {
        env.images.set(pointer, await doc.embedPng(PNG_DATA_URL.exec(value)![1]!));
      } catch (e) {
        throw new ImageError(pointer, (e as Error)?.message ?? String(e));
      }
    }),
  );
}
