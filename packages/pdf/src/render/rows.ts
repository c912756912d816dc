import { marks, optionsOf, type FormNode } from '@komek/core';
import {
  block,
  blockWidth,
  drawBlock,
  drawCell,
  drawLine,
  drawRule,
  drawTick,
  linesHeight,
  type TextBlock,
} from '../layout/draw.js';
import type { DrawContext, Row } from '../layout/page.js';
import { StructElem } from '../layout/tags.js';
import { color, metrics, size, type Orientation } from '../layout/style.js';
import { fieldNameOf, optionFieldName } from '../fieldNames.js';
import {
  bi,
  biBlock,
  biKey,
  drawBi,
  inline,
  labelOf,
  stylesOf,
  valueAt,
  type BiBlock,
  type BiText,
  type RenderEnv,
  type TextRole,
} from './env.js';
import { isLongAnswer, layoutOf, paperWidgetFor } from './paperWidgets.js';
import { routingText } from './routing.js';
import { drawTextBox, planTextBox, type TextBoxPlan } from './textBox.js';

/** Where rows are built: the form (or a repeat item) and the width they get. */
export interface Scope {
  env: RenderEnv;
  orientation: Orientation;
  width: number;
  /** The tree conditions are relative to: the form root, or a repeat's item. */
  root: FormNode;
  /** Pointer of the repeat row an item tree is drawn for ('' in the form tree). */
  base: string;
}

/** The data pointer of a node in a scope. */
export function pointerIn(s: Scope, node: FormNode): string {
  return s.base + node.pointer;
}

/** Whether a node is shown for the data: blank forms show every part, with its routing. */
export function isShown(s: Scope, node: FormNode): boolean {
  return s.env.mode === 'blank' || !s.env.session || s.env.session.isShown(node, s.base);
}

/** Space between blocks, dropped at page edges. */
export function spacer(s: Scope, height: number): Row {
  return { height, orientation: s.orientation, spacer: true, draw: () => undefined };
}

/** The "not applicable" text, in both languages. */
export function notApplicable(env: RenderEnv): BiText {
  return bi(env, 'ui:notApplicable', 'not applicable');
}

/** A part of a row that holds the input: measured, then drawn at a place. */
export interface InputPart {
  height: number;
  draw(c: DrawContext, x: number, top: number): void;
}

/** A label with its number and, on blank forms, its routing line. */
export interface LabelPart {
  number?: TextBlock;
  label: BiBlock;
  routing?: BiBlock;
  indent: number;
  height: number;
}

/** The marks after a node's label: `*` for a question that must be answered, `†` for a part not on the printed form. */
export function marksOf(node: FormNode): string {
  let m = '';
  if (node.required && (node.kind === 'field' || node.kind === 'checklist')) m += marks.required;
  if (node.derived) m += marks.derived;
  return m;
}

/** A label with its marks (`label *`, `label †`), the same marks as on screen. */
export function derivedMark(node: FormNode, text: BiText): BiText {
  const m = marksOf(node);
  if (m === '') return text;
  return text.secondary === undefined
    ? { primary: `${text.primary} ${m}` }
    : { primary: `${text.primary} ${m}`, secondary: `${text.secondary} ${m}` };
}

/** Measures a node's label for a width. */
export function labelPart(s: Scope, node: FormNode, width: number, role: TextRole = 'label', text?: BiText): LabelPart {
  const env = s.env;
  const indent = node.number ? metrics.number : 0;
  const [numberStyle] = stylesOf(env, role === 'section' ? 'section' : 'strong');
  const label = biBlock(env, text ?? derivedMark(node, labelOf(env, node)), role, width - indent);
  const part: LabelPart = { label, indent, height: label.height };
  if (node.number) part.number = block(node.number, numberStyle, metrics.number - 2);
  const routing = env.mode === 'blank' ? routingText(env, node, s.root) : undefined;
  if (routing) {
    part.routing = biBlock(env, routing, 'routing', width - indent);
    part.height += part.routing.height + 1;
  }
  return part;
}

/** Draws a measured label. */
export function drawLabelPart(c: DrawContext, part: LabelPart, x: number, top: number): void {
  if (part.number) drawBlock(c.canvas, part.number, x, top);
  drawBi(c.canvas, part.label, x + part.indent, top);
  if (part.routing) drawBi(c.canvas, part.routing, x + part.indent, top - part.label.height - 1);
}

/** A grey "not applicable" in place of an input. */
export function naPart(s: Scope, width: number): InputPart {
  const b = block('— ' + inline(notApplicable(s.env)), stylesOf(s.env, 'muted')[0], width);
  return { height: Math.max(b.height, metrics.box), draw: (c, x, top) => drawBlock(c.canvas, b, x, top - 2) };
}

/**
 * The text a field holds for a value: a text as its paper widget writes it (`PaperWidget.writes`: a date as the
 * primary language writes it, dd.mm.yyyy or dd/mm/yyyy in English; reading back accepts both).
 */
export function fieldText(env: RenderEnv, node: FormNode, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    const writes = paperWidgetFor(node).writes;
    return writes ? writes(value, env) : value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('\n');
  return JSON.stringify(value);
}

/** Plans a text box for a field node at a width. */
export function planFieldBox(
  s: Scope,
  node: FormNode,
  width: number,
  lines?: { blank?: number; max?: number; singleLine?: boolean },
): TextBoxPlan {
  const pointer = pointerIn(s, node);
  const long = isLongAnswer(node);
  const options = {
    blankLines: lines?.blank ?? (long ? 4 : 1),
    maxLines: lines?.max ?? (long ? 16 : 4),
    singleLine: lines?.singleLine ?? !long,
    label: labelOf(s.env, node),
    ...(typeof node.schema.maxLength === 'number' ? { maxLength: node.schema.maxLength } : {}),
    ...(node.number !== undefined ? { number: node.number } : {}),
  };
  return planTextBox(s.env, pointer, fieldText(s.env, node, valueAt(s.env, pointer)), width, options);
}

/** Height of the space to sign in: 12 mm. */
export const SIGN_HEIGHT = 34;

/**
 * A text, number or date input: a box to write in, and a grey `hint` beside it when given (a date's order,
 * DD/MM/YYYY).
 */
export function textInput(s: Scope, node: FormNode, width: number, hint?: string): InputPart {
  const env = s.env;
  // A box of the width its paper widget declares (a date, a number: `PaperLayout.box`), else the whole width.
  const box = layoutOf(node).box;
  const boxWidth = box === undefined ? width : Math.min(width, box);
  const hintBlock: TextBlock | undefined =
    hint === undefined ? undefined : block(hint, stylesOf(env, 'muted')[0], Math.max(10, width - boxWidth - 6));
  const plan = planFieldBox(s, node, boxWidth);
  return {
    height: plan.height,
    draw(c, x, top) {
      drawTextBox(c, plan, x, top);
      if (hintBlock)
        drawBlock(c.canvas, hintBlock, x + boxWidth + 6, top - (metrics.box - linesHeight(1, size.label)) / 2);
    },
  };
}

interface Choice {
  value: string;
  text: BiBlock;
  width: number;
  checked: boolean | undefined;
}

/** Lays choices out in lines that fit a width; each choice is a tick and its label. */
function flowChoices(
  choices: Choice[],
  width: number,
): { lines: { items: { choice: Choice; x: number }[]; height: number }[]; height: number } {
  const lines: { items: { choice: Choice; x: number }[]; height: number }[] = [];
  let line: { items: { choice: Choice; x: number }[]; height: number } | undefined;
  let x = 0;
  for (const choice of choices) {
    if (!line || x + choice.width > width) {
      line = { items: [], height: 0 };
      lines.push(line);
      x = 0;
    }
    line.items.push({ choice, x });
    line.height = Math.max(line.height, choice.text.height, metrics.tick + 1);
    x += choice.width + 14;
  }
  return { lines, height: lines.reduce((h, l) => h + l.height + 2, 0) };
}

function choicePart(
  choices: Choice[],
  width: number,
  draw: (c: DrawContext, at: { choice: Choice; x: number; top: number }[]) => void,
  shape: 'circle' | 'square',
): InputPart {
  const flow = flowChoices(choices, width);
  return {
    height: Math.max(flow.height, metrics.box),
    draw(c, x, top) {
      const placed: { choice: Choice; x: number; top: number }[] = [];
      let y = top - 1;
      for (const line of flow.lines) {
        for (const item of line.items) {
          const tickTop = y - (linesHeight(1, size.label) - metrics.tick) / 2;
          drawTick(c.canvas, x + item.x, tickTop, shape);
          drawBi(c.canvas, item.choice.text, x + item.x + metrics.tick + 4, y);
          placed.push({ choice: item.choice, x: x + item.x, top: tickTop });
        }
        y -= line.height + 2;
      }
      draw(c, placed);
    },
  };
}

function tickRect(x: number, top: number) {
  return { x, y: top - metrics.tick, width: metrics.tick, height: metrics.tick };
}

/** Radio buttons of a single choice, or check boxes of a multiple choice. */
export function choiceInput(s: Scope, node: FormNode, width: number, multiple: boolean): InputPart {
  const env = s.env;
  const pointer = pointerIn(s, node);
  const value = valueAt(env, pointer);
  // Options are scalars; an object or null in the data matches none of them.
  const selected = (Array.isArray(value) ? value : [value])
    .filter((v) => ['string', 'number', 'boolean'].includes(typeof v))
    .map(String);
  const choices: Choice[] = (optionsOf(node) ?? []).map((o) => {
    const text = biBlock(env, biKey(env, o.labelKey, o.englishLabel), 'label', width - metrics.tick - 4);
    const textWidth = Math.max(blockWidth(text.primary), text.secondary ? blockWidth(text.secondary) : 0);
    return {
      value: o.value,
      text,
      width: metrics.tick + 4 + textWidth,
      checked: selected.includes(o.value) ? true : Array.isArray(value) ? false : undefined,
    };
  });
  return choicePart(
    choices,
    width,
    (c, placed) => {
      if (multiple) {
        for (const p of placed)
          c.fields.checkBox(c.page, optionFieldName(pointer, p.choice.value), tickRect(p.x, p.top), p.choice.checked);
      } else {
        const buttons = placed.map((p) => ({ value: p.choice.value, page: c.page, rect: tickRect(p.x, p.top) }));
        c.fields.radioGroup(
          fieldNameOf(pointer),
          buttons,
          selected[0] !== undefined && choices.some((ch) => ch.value === selected[0]) ? selected[0] : undefined,
        );
      }
    },
    multiple ? 'square' : 'circle',
  );
}

/** The YES and NO words of the forms, each on one line in both languages. */
export function yesNoWords(env: RenderEnv): { yes: BiText; no: BiText } {
  return { yes: bi(env, 'ui:yes', 'YES'), no: bi(env, 'ui:no', 'NO') };
}

/** A YES / NO pair of radio buttons. */
export function yesNoInput(s: Scope, node: FormNode, width: number): InputPart {
  const env = s.env;
  const pointer = pointerIn(s, node);
  const value = valueAt(env, pointer);
  const words = yesNoWords(env);
  const choices: Choice[] = (['yes', 'no'] as const).map((v) => {
    const text = biBlock(env, { primary: inline(words[v]) }, 'label', width / 2 - metrics.tick - 8);
    return { value: v, text, width: metrics.tick + 4 + blockWidth(text.primary), checked: undefined };
  });
  return choicePart(
    choices,
    width,
    (c, placed) => {
      const buttons = placed.map((p) => ({ value: p.choice.value, page: c.page, rect: tickRect(p.x, p.top) }));
      c.fields.radioGroup(fieldNameOf(pointer), buttons, value === true ? 'yes' : value === false ? 'no' : undefined);
    },
    'circle',
  );
}

/** A signature line (and the drawn signature, when the data has one). */
export function signatureArea(s: Scope, pointer: string, width: number, height: number): InputPart {
  const env = s.env;
  const dataUrl = valueAt(env, pointer);
  return {
    height,
    draw(c, x, top) {
      drawRule(c.canvas, x, top - height + 2, width, 0.6, color.text);
      const image = env.images.get(pointer);
      if (image) {
        const scale = Math.min((width - 4) / image.width, (height - 4) / image.height);
        c.canvas.image(image, x + 2, top - height + 3, image.width * scale, image.height * scale);
      }
      if (typeof dataUrl === 'string' && dataUrl !== '') c.fields.hiddenText(c.page, fieldNameOf(pointer), dataUrl);
    },
  };
}

/** The input of a field node: its paper widget's, a text box for widgets that have none. */
export function inputPart(s: Scope, node: FormNode, width: number): InputPart {
  return paperWidgetFor(node).input?.(s, node, width) ?? textInput(s, node, width);
}

/** A field: label in the left column, input in the right. */
export function fieldRow(s: Scope, node: FormNode, shown: boolean): Row {
  const labelWidth = s.width * metrics.labelShare;
  const inputWidth = s.width - labelWidth - metrics.gap;
  const label = labelPart(s, node, labelWidth);
  const input = shown ? inputPart(s, node, inputWidth) : naPart(s, inputWidth);
  const height = Math.max(label.height, input.height) + 2 * metrics.rowPad;
  // A form field with its label (its widgets join it as they are made); a part not applicable is a paragraph.
  const elem = new StructElem(shown ? 'Form' : 'P');
  return {
    height,
    orientation: s.orientation,
    draw(c, top) {
      c.tags.within(elem, () => {
        drawLabelPart(c, label, c.x, top - metrics.rowPad - 1);
        input.draw(c, c.x + labelWidth + metrics.gap, top - metrics.rowPad);
      });
    },
  };
}

/** The node without its number, for a label whose number is drawn in a column of its own. */
export function unnumbered(node: FormNode): FormNode {
  const { number: _number, ...rest } = node;
  return rest;
}

/** A tick box with its text across the full width: a confirmation, a consent, a single tick. */
export function tickRow(s: Scope, node: FormNode, shown: boolean): Row {
  const env = s.env;
  const pointer = pointerIn(s, node);
  const indent = (node.number ? metrics.number : 0) + metrics.tick + 6;
  const label = labelPart(s, unnumbered(node), s.width - indent);
  const number = node.number ? block(node.number, stylesOf(env, 'strong')[0], metrics.number - 2) : undefined;
  const na = shown ? undefined : block('— ' + inline(notApplicable(env)), stylesOf(env, 'muted')[0], s.width - indent);
  const value = valueAt(env, pointer);
  const height = label.height + (na ? na.height : 0) + 2 * metrics.rowPad;
  const elem = new StructElem(shown ? 'Form' : 'P');
  return {
    height: Math.max(height, metrics.tick + 2 * metrics.rowPad),
    orientation: s.orientation,
    draw(c, top) {
      c.tags.within(elem, () => drawTickRow(c, top));
    },
  };
  function drawTickRow(c: DrawContext, top: number): void {
    {
      const y = top - metrics.rowPad;
      if (number) drawBlock(c.canvas, number, c.x, y);
      drawLabelPart(c, label, c.x + indent, y);
      const tickX = c.x + indent - metrics.tick - 6;
      const tickTop = y - (linesHeight(1, size.label) - metrics.tick) / 2;
      if (na) {
        drawBlock(c.canvas, na, c.x + indent, y - label.height);
        return;
      }
      drawTick(c.canvas, tickX, tickTop, 'square');
      c.fields.checkBox(
        c.page,
        fieldNameOf(pointer),
        tickRect(tickX, tickTop),
        value === true ? true : value === false ? false : undefined,
      );
    }
  }
}

/** A heading of a group: a shaded band for the form's sections, bold text below that. */
export function headingRow(s: Scope, node: FormNode, depth: number, text?: BiText): Row {
  const band = depth <= 1;
  const pad = band ? 3 : 2;
  const label = labelPart(s, node, s.width - 8, band ? 'section' : 'strong', text);
  const elem = new StructElem(band ? 'H2' : 'H3');
  return {
    height: label.height + 2 * pad + (band ? 2 : 0),
    orientation: s.orientation,
    keepWithNext: true,
    draw(c, top) {
      if (band)
        c.canvas.rect(c.x, top - label.height - 2 * pad, c.width, label.height + 2 * pad, { fill: color.bandFill });
      c.tags.within(elem, () => drawLabelPart(c, label, c.x + (band ? 4 : 0), top - pad));
    },
  };
}

/** A paragraph, one row per line so that it flows across pages; the number hangs in the margin column. */
export function paragraphRows(
  s: Scope,
  text: BiText,
  options: { number?: string; role?: TextRole; indent?: number; tag?: 'P' | 'Note' | 'H1' } = {},
): Row[] {
  const env = s.env;
  const role = options.role ?? 'label';
  const indent = (options.indent ?? 0) + (options.number ? metrics.number : 0);
  const width = s.width - indent;
  const b = biBlock(env, text, role, width);
  const rows: Row[] = [];
  // One paragraph element for all its lines, whichever pages they fall on.
  const elem = new StructElem(options.tag ?? 'P');
  const lineRow = (line: string, style: TextBlock['style'], first: boolean): Row => ({
    height: linesHeight(1, style.size),
    orientation: s.orientation,
    draw(c, top) {
      c.tags.within(elem, () => {
        if (first && options.number)
          drawLine(c.canvas, options.number, stylesOf(env, 'strong')[0], c.x + (options.indent ?? 0), top);
        drawLine(c.canvas, line, style, c.x + indent, top);
      });
    },
  });
  b.primary.lines.forEach((l, i) => rows.push(lineRow(l, b.primary.style, i === 0)));
  if (b.secondary) {
    rows.push(spacer(s, 1.5));
    b.secondary.lines.forEach((l) => rows.push(lineRow(l, b.secondary!.style, false)));
  }
  return rows;
}

/** A framed table cell row: cells given by x offsets and widths, each drawn by its own function. */
export interface Cell {
  width: number;
  fill?: boolean;
  draw?(c: DrawContext, x: number, top: number, width: number, height: number): void;
}

/** A table row of cells of a common height. */
export function tableRow(s: Scope, cells: Cell[], height: number, header?: Row, keepWithNext = false): Row {
  // A row without a head is the head: it starts the table's element; its cells are column heads.
  const table = header ? tables.get(header) : new StructElem('Table');
  const row: Row = {
    height,
    orientation: s.orientation,
    keepWithNext,
    draw(c, top) {
      const tr = new StructElem('TR', table ? { parent: table } : {});
      c.tags.within(tr, () => {
        let x = c.x;
        for (const cell of cells) {
          drawCell(c.canvas, x, top, cell.width, height, cell.fill ? color.headFill : undefined);
          // Column heads, and bands that head a group of rows (a plan's help category), are header cells.
          const td = new StructElem(!header || cell.fill ? 'TH' : 'TD', { scope: !header ? 'Column' : 'Row' });
          const at = x;
          c.tags.within(td, () => cell.draw?.(c, at, top, cell.width, height));
          x += cell.width;
        }
      });
    },
  };
  if (header) row.header = header;
  else tables.set(row, table!);
  return row;
}

/** The table element of each table head row. */
const tables = new WeakMap<Row, StructElem>();

/** A tick pair (YES, NO) centred in two cells. */
export function yesNoCells(s: Scope, pointer: string, widths: [number, number]): [Cell, Cell] {
  const value = valueAt(s.env, pointer);
  const placed: { x: number; top: number }[] = [];
  const cell = (i: 0 | 1): Cell => ({
    width: widths[i],
    draw(c, x, top, width) {
      const tx = x + (width - metrics.tick) / 2;
      const tt = top - 4;
      drawTick(c.canvas, tx, tt, 'circle');
      placed[i] = { x: tx, top: tt };
      if (i === 1) {
        const buttons = (['yes', 'no'] as const).map((v, j) => ({
          value: v,
          page: c.page,
          rect: tickRect(placed[j]!.x, placed[j]!.top),
        }));
        c.fields.radioGroup(fieldNameOf(pointer), buttons, value === true ? 'yes' : value === false ? 'no' : undefined);
      }
    },
  });
  return [cell(0), cell(1)];
}

/** A yes/no answer in one table cell: its YES and NO ticks, each in half the cell. */
export function yesNoCell(s: Scope, node: FormNode, width: number): Cell {
  const [yes, no] = yesNoCells(s, pointerIn(s, node), [width / 2, width / 2]);
  return {
    width,
    draw: (c, x, top, w, h) => (yes.draw?.(c, x, top, w / 2, h), no.draw?.(c, x + w / 2, top, w / 2, h)),
  };
}

/** A field's own input (its paper widget's) in a table cell, without its label: the column head names it. */
export function inputCell(s: Scope, node: FormNode, width: number): Cell {
  const r = fieldRow(
    { ...s, width: width - 4 },
    { ...node, englishLabel: '', labelKey: { ns: 'ui', key: 'pdf.empty' } },
    true,
  );
  return { width, draw: (c, x, top) => r.draw({ ...c, x: x + 2 }, top) };
}

/** A tick box centred in a cell, for a boolean field. */
export function tickCell(s: Scope, node: FormNode, width: number): Cell {
  const pointer = pointerIn(s, node);
  const value = valueAt(s.env, pointer);
  return {
    width,
    draw(c, x, top) {
      const tx = x + (width - metrics.tick) / 2;
      const tt = top - 4;
      drawTick(c.canvas, tx, tt, 'square');
      c.fields.checkBox(
        c.page,
        fieldNameOf(pointer),
        tickRect(tx, tt),
        value === true ? true : value === false ? false : undefined,
      );
    },
  };
}

/** Draws a bilingual block centred in a cell. */
export function centredCell(b: BiBlock, width: number, fill = false): Cell {
  return {
    width,
    fill,
    draw(c, x, top) {
      drawBlock(c.canvas, b.primary, x + 2, top - 3, 'center');
      if (b.secondary) drawBlock(c.canvas, b.secondary, x + 2, top - 3 - b.primary.height, 'center');
    },
  };
}

/** Re-measures a block for a cell width, centred. */
export function cellText(s: Scope, text: BiText, role: TextRole, width: number): BiBlock {
  return biBlock(s.env, text, role, width - 4);
}
