import {
  optionsOf,
  widgetOf,
  and,
  kindIs,
  or,
  rankWith,
  resolveWidget,
  type FormNode,
  type NodePredicate,
  type Tester,
  type WidgetKind,
} from '@komek/core';
import { formatDate } from '@komek/i18n';
import {
  choiceInput,
  inputCell,
  pointerIn,
  SIGN_HEIGHT,
  signatureArea,
  textInput,
  yesNoCell,
  yesNoInput,
  type Cell,
  type InputPart,
  type Scope,
} from './rows.js';
import { fieldNameOf, optionFieldName } from '../fieldNames.js';
import { DATE_BOX } from '../layout/style.js';
import type { RenderEnv } from './env.js';

/** The fields of a filled paper form, as a paper widget reads its answer back from them. */
export interface FieldValues {
  /** The text of a text field. */
  text(name: string): string | undefined;
  /** The text of a field with what continues on continuation sheets (by the answer's pointer). */
  fullText(pointer: string): string | undefined;
  /** Whether a check box is ticked (undefined: no such box, or no state). */
  box(name: string): boolean | undefined;
  /** The chosen option of a radio group. */
  radio(name: string): string | undefined;
}

/** How one widget kind is printed and read back: declared once, beside its ranked tester. */
export interface PaperWidget {
  name: string;
  tester: Tester;
  /**
   * `tick`: a tick box before the label, the row is the answer (checkboxes, checklists); `field`: the label in the
   * left column, the input on the right.
   */
  row: 'tick' | 'field';
  /** The input of a `field` row at a width (without one, a text box). */
  input?: (s: Scope, node: FormNode, width: number) => InputPart;
  /** The answer read back from the fields of a filled form (undefined: not answered). */
  read: (fields: FieldValues, node: FormNode, pointer: string) => unknown;
  /** Where fields share space — tables, a line of several fields — what it takes (see `PaperLayout`). */
  layout?: PaperLayout;
  /**
   * How a text answer is written in its box (a date as the primary language writes it, which is also what a person
   * types on a blank form); without one, as it is.
   */
  writes?: (answer: string, env: RenderEnv) => string;
  /**
   * Its answer is a drawn image (a PNG data URL from the signature pad), not text: it is embedded before layout,
   * checked as an image, and its characters are never measured as text.
   */
  image?: true;
}

/**
 * How a widget kind takes its place where fields share space: the tables (`render/tables.ts`) and lines of several
 * fields ask each node's paper widget, never its kind's name. Every member is optional; without one the kind is laid
 * out as a text to write in.
 */
export interface PaperLayout {
  /**
   * Its column in a table of repeated items (a repeat printed as a table, a plan): `{ points }` wide whatever the
   * room (a date written in full), or `{ weight }`, its share of what the fixed columns leave. Default: a text's
   * weight by its `maxLength` (`textColumnWeight`).
   */
  column?: { points: number } | { weight: number };
  /**
   * Its bare control in a cell of such a table, `width` wide and one box high (`inputCell`: its own input;
   * `yesNoCell`: YES and NO ticks). Default: a box to write its answer in.
   */
  cell?: (s: Scope, node: FormNode, width: number) => Cell;
  /**
   * In a cell that stacks several answers (a plan's execution mark and its reason): `input`, its own input without
   * a caption (choices, a place to sign); default a caption over a box to write in.
   */
  part?: 'input';
  /** Its box to write in keeps to one line in a table cell (a date, a number). */
  singleLine?: boolean;
  /**
   * Its box to write in is a long text of several lines (more blank lines on a blank form, more lines before a
   * continuation sheet), for every node of the kind (`true`) or for the nodes the predicate holds for.
   */
  long?: true | NodePredicate;
  /** It may share a line with other fields (a short answer in a box): a group laid out `inline` prints so. */
  inline?: boolean;
  /** Its box's width in points on such a line (default: it shares what the fixed boxes leave). */
  box?: number;
  /** It cannot be a column of a repeat printed as a table (`false`): such a repeat prints as numbered groups. */
  tabular?: false;
  /** It is a row of an indicator table: its answer in the YES and NO columns. */
  indicator?: boolean;
  /** It is a box to write in: it may stand in an indicator table as the "specify" line of the indicator above. */
  writeIn?: boolean;
  /** It is the place to sign: a signature block prints it as the line to sign on. */
  signs?: boolean;
}

/** The field's widget kind as core resolved it. */
const widgetNamed =
  (name: WidgetKind): NodePredicate =>
  (node) =>
    widgetOf(node) === name;
/** A field drawn as this widget kind. */
const fieldOf = (name: WidgetKind): Tester => rankWith(1, and(kindIs('field'), widgetNamed(name)));

/** A date as typed on paper (dd.mm.yyyy, dd/mm/yyyy) in ISO form; other text is kept for the validator to name. */
export function isoDate(text: string): string {
  const t = text.trim();
  const dmy = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(t);
  if (dmy) return `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
  return t;
}

/** A number as typed on paper (spaces, a decimal comma); other text is kept for the validator to name. */
export function paperNumber(text: string, integer: boolean): number | string {
  const t = text
    .trim()
    .replace(/[\s\u00a0]/g, '')
    .replace(',', '.');
  const n = Number(t);
  if (t === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) return text;
  return n;
}

/** A tick box's answer. */
const readTick = (fields: FieldValues, _node: FormNode, pointer: string): unknown => fields.box(fieldNameOf(pointer));

/** A text answer: lines of a list for an array, the text otherwise. */
const readText = (fields: FieldValues, node: FormNode, pointer: string): unknown => {
  const t = fields.fullText(pointer);
  if (t === undefined) return undefined;
  return node.schema.type === 'array' ? t.split(/\r?\n/).filter((l) => l.trim() !== '') : t;
};

const text: Omit<PaperWidget, 'name' | 'tester'> = {
  row: 'field',
  input: (s, node, width) => textInput(s, node, width),
  read: readText,
};

/**
 * The order a date is written in, beside a blank date box: the primary language's only, as it is the format the
 * field is written in.
 */
export function dateHint(env: RenderEnv): string {
  return env.translators[0]!('ui:pdf.dateHint', 'DD/MM/YYYY') ?? 'DD/MM/YYYY';
}

/**
 * The paper widgets, ranked as the element ranks its renderers: the highest rank wins, ties go to the later entry.
 * A new widget kind is one file exporting a `PaperWidget` and one line here (or a `registerPaperWidget` call).
 */
export const paperWidgets: PaperWidget[] = [
  // Anything else is written in a box; a list of texts (an array without choices) one per line, several lines.
  {
    name: 'unknown',
    tester: () => 0,
    ...text,
    layout: { inline: true, long: (node) => node.schema.type === 'array' },
  },
  { name: 'text', tester: fieldOf('text'), ...text, layout: { inline: true, writeIn: true } },
  { name: 'textarea', tester: fieldOf('textarea'), ...text, layout: { writeIn: true, long: true } },
  {
    name: 'number',
    tester: fieldOf('number'),
    layout: { singleLine: true, inline: true, box: 60, writeIn: true },
    row: 'field',
    input: (s, node, width) => textInput(s, node, width),
    read: (fields, node, pointer) => {
      const t = fields.fullText(pointer);
      return t === undefined ? undefined : paperNumber(t, node.schema.type === 'integer');
    },
  },
  {
    name: 'date',
    tester: fieldOf('date'),
    layout: { column: { points: 80 }, singleLine: true, inline: true, box: DATE_BOX, writeIn: true },
    row: 'field',
    input: (s, node, width) => textInput(s, node, width, dateHint(s.env)),
    writes: (answer, env) => formatDate(answer, env.languages[0]!),
    read: (fields, _node, pointer) => {
      const t = fields.fullText(pointer);
      return t === undefined ? undefined : isoDate(t);
    },
  },
  {
    name: 'choice',
    tester: fieldOf('choice'),
    layout: { cell: inputCell, part: 'input' },
    row: 'field',
    input: (s, node, width) => choiceInput(s, node, width, false),
    read: (fields, _node, pointer) => fields.radio(fieldNameOf(pointer)),
  },
  {
    name: 'multichoice',
    tester: fieldOf('multichoice'),
    layout: { part: 'input', tabular: false },
    row: 'field',
    input: (s, node, width) => choiceInput(s, node, width, true),
    read: (fields, node, pointer) => {
      const options = optionsOf(node) ?? [];
      const states = options.map((o) => fields.box(optionFieldName(pointer, o.value)));
      if (states.every((s) => s === undefined)) return undefined;
      return options.filter((_, i) => states[i] === true).map((o) => o.value);
    },
  },
  {
    name: 'checkbox',
    tester: rankWith(1, and(or(kindIs('field'), kindIs('checklist')), widgetNamed('checkbox'))),
    layout: { column: { weight: 0.5 }, cell: inputCell },
    row: 'tick',
    read: readTick,
  },
  {
    name: 'checklist',
    tester: rankWith(1, and(or(kindIs('field'), kindIs('checklist')), widgetNamed('checklist'))),
    row: 'tick',
    read: readTick,
  },
  {
    name: 'yesno',
    tester: fieldOf('yesno'),
    layout: { column: { weight: 0.5 }, cell: yesNoCell, part: 'input', indicator: true },
    row: 'field',
    input: (s, node, width) => yesNoInput(s, node, width),
    read: (fields, _node, pointer) => {
      const v = fields.radio(fieldNameOf(pointer));
      return v === 'yes' ? true : v === 'no' ? false : undefined;
    },
  },
  {
    name: 'signaturePad',
    tester: fieldOf('signaturePad'),
    layout: { part: 'input', tabular: false, signs: true },
    image: true,
    row: 'field',
    input: (s, node, width) => signatureArea(s, pointerIn(s, node), width, SIGN_HEIGHT),
    read: (fields, _node, pointer) => fields.text(fieldNameOf(pointer)) || undefined,
  },
];

const chosen = new WeakMap<FormNode, PaperWidget>();

/** Adds a paper widget (before making the forms that use it). */
export function registerPaperWidget(widget: PaperWidget): void {
  paperWidgets.push(widget);
}

/** What a node's paper widget declares of its layout (nothing: a text to write in). */
export function layoutOf(node: FormNode): PaperLayout {
  return paperWidgetFor(node).layout ?? {};
}

/** Whether a node's answer is a drawn image (its paper widget's `image`); false for no node. */
export function isImageAnswer(node: FormNode | undefined): boolean {
  return node !== undefined && paperWidgetFor(node).image === true;
}

/** Whether a node's box to write in is a long text (its paper widget's `layout.long`). */
export function isLongAnswer(node: FormNode): boolean {
  const long = layoutOf(node).long;
  return long === true || (long !== undefined && long(node));
}

/** The paper widget with the highest rank for a node (cached per node); `unknown` when none ranks above it. */
export function paperWidgetFor(node: FormNode): PaperWidget {
  let best = chosen.get(node);
  if (best) return best;
  best =
    resolveWidget(
      paperWidgets.map((w) => ({ widget: w, tester: w.tester })),
      node,
    ) ?? paperWidgets[0]!;
  chosen.set(node, best);
  return best;
}
