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
import {
  choiceInput,
  pointerIn,
  SIGN_HEIGHT,
  signatureArea,
  textInput,
  yesNoInput,
  type InputPart,
  type Scope,
} from './rows.js';
import { fieldNameOf, optionFieldName } from '../fieldNames.js';

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
 * The paper widgets, ranked as the element ranks its renderers: the highest rank wins, ties go to the later entry.
 * A new widget kind is one file exporting a `PaperWidget` and one line here (or a `registerPaperWidget` call).
 */
export const paperWidgets: PaperWidget[] = [
  { name: 'unknown', tester: () => 0, ...text },
  { name: 'text', tester: fieldOf('text'), ...text },
  { name: 'textarea', tester: fieldOf('textarea'), ...text },
  {
    name: 'number',
    tester: fieldOf('number'),
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
    row: 'field',
    input: (s, node, width) => textInput(s, node, width),
    read: (fields, _node, pointer) => {
      const t = fields.fullText(pointer);
      return t === undefined ? undefined : isoDate(t);
    },
  },
  {
    name: 'choice',
    tester: fieldOf('choice'),
    row: 'field',
    input: (s, node, width) => choiceInput(s, node, width, false),
    read: (fields, _node, pointer) => fields.radio(fieldNameOf(pointer)),
  },
  {
    name: 'multichoice',
    tester: fieldOf('multichoice'),
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
    tester: rankWith(
      1,
      and(or(kindIs('field'), kindIs('checklist')), or(widgetNamed('checkbox'), widgetNamed('checklist'))),
    ),
    row: 'tick',
    read: (fields, _node, pointer) => fields.box(fieldNameOf(pointer)),
  },
  {
    name: 'yesno',
    tester: fieldOf('yesno'),
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
