import { conditionHolds, isVisible, pruneHidden } from './conditions.js';
import { setAtPointer } from './data.js';
import { findNode, mapErrors, type ValidationIssue, type ValidatorError } from './errors.js';
import { findTextProblems } from './textProblems.js';
import type { FormModel, FormNode } from './model.js';
import { formatMessageKey } from './messageKey.js';
import { getAtPointer, parentPointer } from './pointer.js';
import { interpolate, translate, unworded, type Translator } from './translator.js';
import { walkNodes } from './walk.js';

/**
 * A validator as `pnpm gen` writes them (`validatorLoaders` of @komek/forms): a predicate whose last errors are on
 * `.errors`. Any ajv-compiled validator has this shape.
 */
export interface Validator {
  (data: unknown): boolean;
  errors?: readonly ValidatorError[] | null | undefined;
}

/**
 * A language the session words its issues in: a translator for labels and, optionally, the way it writes a
 * validation message (`issueLanguage(lang)` of @komek/i18n gives both, with plural forms and localized numbers).
 */
export interface IssueLanguage {
  /** Looks labels and messages up (`ns:key`, English fallback). */
  translate: Translator;
  /**
   * The message of an issue with the field's label filled in. Without it, the first of the issue's `messageKeys`
   * the translator knows is used, then the validator's own English.
   */
  message?: (issue: ValidationIssue, label: string) => string;
}

/** A validation issue worded for people: the field's label and the message, in one or two languages. */
export interface FormIssue extends ValidationIssue {
  /** The field's label in the primary language (empty when the issue concerns no field of the form). */
  label: string;
  /** The message in the primary language, the label filled in. */
  text: string;
  /** Label and message in the secondary language, when the session has one. */
  secondary?: { label: string; text: string };
}

/** What a session is made from. */
export interface FormSessionOptions {
  /** The form's model: `hydrateModel` of a catalog model (`modelLoaders`), or `buildFormModel` of a schema bundle. */
  model: FormModel;
  /** The form's validator (`validatorLoaders[id]()` of @komek/forms); without one, every answer set counts as valid. */
  validate?: Validator | undefined;
  /** The answers to start from (default: none). */
  data?: unknown;
  /**
   * The primary language and an optional secondary one for labels and messages; a bare `Translator` is accepted.
   * Default: the schema's English.
   */
  languages?: readonly (IssueLanguage | Translator)[];
}

/** Validation outcome of one answer set, computed once per set of answers. */
interface Checked {
  data: unknown;
  pruned: unknown;
  valid: boolean;
  issues: readonly ValidationIssue[];
  worded?: readonly FormIssue[];
}

const toLanguage = (l: IssueLanguage | Translator): IssueLanguage => (typeof l === 'function' ? { translate: l } : l);

/**
 * One person filling one form: the answers, which questions are shown, the answers as submitted (those of hidden
 * questions left out), and the problems in form order with labels and messages in one or two languages. The same
 * implementation serves the element, paper forms, the CLI and the server; it knows no DOM and no framework.
 *
 * ```ts
 * const id = 'kz-f1-initial-application';
 * const session = createFormSession({
 *   model: hydrateModel(await modelLoaders[id]()),
 *   validate: await validatorLoaders[id](),
 *   languages: [issueLanguage('ru'), issueLanguage('en')],
 *   data: submitted,
 * });
 * if (!session.valid) for (const i of session.issues) console.log(i.pointer, i.text, i.secondary?.text);
 * store(session.value);
 * ```
 *
 * Answers are replaced, never changed in place (`setAnswer` copies the objects on the way): validation is computed
 * once per set of answers. Hand a session a new object through `data` when the answers were changed elsewhere.
 */
export class FormSession<T = unknown> {
  /** The form's model. */
  readonly model: FormModel;
  private validator: Validator | undefined;
  private current: unknown;
  private langs: IssueLanguage[];
  private checked: Checked | undefined;
  private order: Map<string, number> | undefined;

  constructor(options: FormSessionOptions) {
    this.model = options.model;
    this.validator = options.validate;
    this.current = options.data ?? {};
    this.langs = (options.languages ?? []).slice(0, 2).map(toLanguage);
  }

  /** The answers as given, including those of questions now hidden (showing the question again brings them back). */
  get data(): T {
    return this.current as T;
  }
  set data(value: unknown) {
    this.current = value ?? {};
    this.checked = undefined;
  }

  /** The answers as submitted and printed: those of hidden questions left out. */
  get value(): T {
    return this.check().pruned as T;
  }

  /** The answer at a data pointer. */
  answer(pointer: string): unknown {
    return getAtPointer(this.current, pointer);
  }

  /**
   * Sets the answer at a data pointer (`undefined` clears it). Inside a repeat row the row stays, as `{}`, when its
   * last answer is cleared, so rows do not turn into holes; `setAnswer('/rows/2', undefined)` removes the row.
   */
  setAnswer(pointer: string, value: unknown): void {
    const m = /^(.*\/\d+)(\/.+)$/.exec(pointer);
    if (!m || value !== undefined) this.current = setAtPointer(this.current, pointer, value);
    else {
      const row = getAtPointer(this.current, m[1]!) ?? {};
      this.current = setAtPointer(this.current, m[1]!, setAtPointer(row, m[2]!, undefined) ?? {});
    }
    this.checked = undefined;
  }

  /**
   * Whether a node's own condition holds for the answers (a renderer walking down the tree has checked the
   * ancestors already). `base` is the pointer of the repeat row when the node is in a row's item tree.
   */
  isShown(node: FormNode, base = ''): boolean {
    const c = node.condition;
    return !c || conditionHolds(c, getAtPointer(this.current, base + c.scope) ?? {});
  }

  /** Whether a node of the form is shown: its own condition and those of every node above it hold. */
  isVisible(node: FormNode, base = ''): boolean {
    return isVisible(this.model, node, this.current, base);
  }

  /** Whether the answers as submitted pass the form's validator. */
  get valid(): boolean {
    return this.check().valid;
  }

  /** The validator's problems with the answers as submitted, placed on the form's nodes, in form order. */
  get rawIssues(): readonly ValidationIssue[] {
    return this.check().issues;
  }

  /** The problems with the answers as submitted, in form order, worded in the session's languages. */
  get issues(): readonly FormIssue[] {
    const checked = this.check();
    return (checked.worded ??= checked.issues.map((i) => this.word(i)));
  }

  /** Sets the primary and optional secondary language of labels and messages. */
  setLanguages(...languages: (IssueLanguage | Translator | undefined)[]): void {
    this.langs = languages
      .filter((l): l is IssueLanguage | Translator => l !== undefined)
      .slice(0, 2)
      .map(toLanguage);
    if (this.checked) delete this.checked.worded;
  }

  /**
   * A node's label in the primary language (or the second, `which = 1`), falling back to English (see `translate`);
   * without a language, the model's English, where it has it (a model built from the schemas).
   */
  label(node: FormNode, which: 0 | 1 = 0): string {
    return labelIn(this.langs[which], node);
  }

  /** An issue with its label and message in the session's languages. */
  word(issue: ValidationIssue): FormIssue {
    const [first, second] = this.langs;
    const worded = wordIn(first, issue);
    const out: FormIssue = { ...issue, label: worded.label, text: worded.text };
    if (second) out.secondary = wordIn(second, issue);
    return out;
  }

  /** Form order of a data pointer (a repeat row's fields sort with their table). */
  rank(pointer: string): number {
    const order = (this.order ??= new Map([...walkNodes(this.model.root)].map((n, i) => [n.pointer, i])));
    const known = order.get(pointer);
    if (known !== undefined) return known;
    for (let p = pointer; ; p = parentPointer(p)) {
      const i = order.get(p.replace(/\/\d+(?=\/|$)/g, ''));
      if (i !== undefined) {
        order.set(pointer, i);
        return i;
      }
      if (p === '') return 0;
    }
  }

  private check(): Checked {
    if (this.checked && this.checked.data === this.current) return this.checked;
    const data = this.current;
    const pruned = pruneHidden(this.model, data);
    const validate = this.validator;
    const schemaValid = validate ? validate(pruned) : true;
    // Strings that are not text (an unpaired surrogate, a control character) pass JSON Schema, but cannot be
    // encoded as UTF-8, printed or read back: they are problems of the answer like any other.
    const broken = textIssues(this.model, pruned);
    const valid = schemaValid && broken.length === 0;
    let issues: ValidationIssue[] = [];
    if (!valid) {
      const all = [...(schemaValid || !validate ? [] : mapErrors(this.model, validate.errors)), ...broken];
      const ranked = all.map((issue, i) => ({ issue, rank: this.rank(issue.pointer), i }));
      issues = ranked.sort((a, b) => a.rank - b.rank || a.i - b.i).map((r) => r.issue);
    }
    return (this.checked = { data, pruned, valid, issues });
  }
}

/** The strings of the data that are not text, as issues (keyword `text`) placed on their fields. */
function textIssues(model: FormModel, data: unknown): ValidationIssue[] {
  return findTextProblems(data).map((p) => {
    const node = findNode(model, p.pointer);
    const what =
      p.kind === 'surrogate'
        ? 'a broken character (an unpaired surrogate)'
        : p.kind === 'control'
          ? 'a control character'
          : 'a noncharacter';
    const messageKeys = node
      ? [formatMessageKey({ ns: node.labelKey.ns, key: `${node.labelKey.key.replace(/\.title$/, '')}.error.text` })]
      : [];
    messageKeys.push('ui:error.text');
    const issue: ValidationIssue = {
      pointer: p.pointer,
      keyword: 'text',
      params: { character: p.character, index: p.index, kind: p.kind },
      message: `contains ${what}, ${p.character}, at position ${p.index + 1}`,
      messageKeys,
    };
    if (node) issue.node = node;
    return issue;
  });
}

/** A node's label in a language (see `FormSession.label`). */
function labelIn(language: IssueLanguage | undefined, node: FormNode): string {
  const t = language?.translate;
  return t ? translate(t, node.labelKey, node.englishLabel) : (node.englishLabel ?? unworded(node.labelKey));
}

/** Label and message of an issue in one language. */
function wordIn(language: IssueLanguage | undefined, issue: ValidationIssue): { label: string; text: string } {
  const node = issue.node;
  const t = language?.translate;
  // A property the form does not have is named by itself, not by the part that holds it (the form's title, at top).
  const unknown = issue.keyword === 'additionalProperties' ? issue.params.additionalProperty : undefined;
  const label = typeof unknown === 'string' ? unknown : node ? labelIn(language, node) : '';
  if (language?.message) return { label, text: language.message(issue, label) };
  const params = { ...issue.params, label };
  for (const key of issue.messageKeys) {
    const text = t?.(key, undefined, params);
    if (text !== undefined) return { label, text };
  }
  return { label, text: label ? `${label}: ${interpolate(issue.message, params)}` : issue.message };
}

/** Makes a form session: see `FormSession`. */
export function createFormSession<T = unknown>(options: FormSessionOptions): FormSession<T> {
  return new FormSession<T>(options);
}
