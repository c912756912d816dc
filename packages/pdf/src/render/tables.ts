import { childrenOf, type FormNode, type RepeatNode } from '@komek/core';
import { block, drawBlock } from '../layout/draw.js';
import type { DrawContext, Row } from '../layout/page.js';
import { StructElem } from '../layout/tags.js';
import { color, metrics } from '../layout/style.js';
import { fieldNameOf } from '../fieldNames.js';
import { bi, biBlock, drawBi, inline, labelOf, stylesOf, valueAt, type BiText } from './env.js';
import {
  cellText,
  centredCell,
  derivedMark,
  drawLabelPart,
  fieldRow,
  inputPart,
  isShown,
  labelPart,
  notApplicable,
  planFieldBox,
  pointerIn,
  tableRow,
  tickCell,
  unnumbered,
  yesNoCells,
  yesNoWords,
  SIGN_HEIGHT,
  type Cell,
  type Scope,
} from './rows.js';
import { drawTextBox, type TextBoxPlan } from './textBox.js';
import { layoutOf, paperWidgetFor } from './paperWidgets.js';

const PAD = 3;

/** A YES/NO indicator: a field its paper widget prints as a row of an indicator table. */
export function isYesNo(node: FormNode): boolean {
  return node.kind === 'field' && layoutOf(node).indicator === true;
}

/** A field written in a box: the "specify" line of an indicator. */
function isTextField(node: FormNode): boolean {
  return node.kind === 'field' && layoutOf(node).writeIn === true;
}

/**
 * Whether a group prints as an indicator table ("No | Indicator | YES | NO"): an indicator group, or a section made
 * only of YES/NO indicators, indicator groups and the "specify" lines that go with them.
 */
export function isIndicatorTable(node: FormNode): boolean {
  if (node.kind === 'indicators') return true;
  if (node.kind !== 'group' || node.children.length === 0) return false;
  const indicatorLike = (c: FormNode) => isYesNo(c) || c.kind === 'indicators';
  if (!node.children.every((c) => indicatorLike(c) || isTextField(c))) return false;
  // A section of indicator groups, or of several YES/NO items; one question with its details is not a table.
  const yesNo = node.children.filter(isYesNo).length;
  return node.children.some((c) => c.kind === 'indicators') || (yesNo >= 3 && yesNo >= node.children.length / 2);
}

function na(s: Scope): string {
  return '— ' + inline(notApplicable(s.env));
}

/** The rows of an indicator table for a section or indicator group. */
export function indicatorTableRows(s: Scope, container: FormNode): Row[] {
  const env = s.env;
  const numberWidth = 40;
  const tickWidth = 44;
  const indicatorWidth = s.width - numberWidth - 2 * tickWidth;
  const words = yesNoWords(env);
  const head = [
    cellText(s, bi(env, 'ui:pdf.number', 'No.'), 'caption', numberWidth),
    cellText(s, bi(env, 'ui:pdf.indicator', 'Indicator'), 'caption', indicatorWidth),
    cellText(s, words.yes, 'caption', tickWidth),
    cellText(s, words.no, 'caption', tickWidth),
  ];
  const headHeight = Math.max(...head.map((b) => b.height)) + 2 * PAD;
  const header = tableRow(
    s,
    [
      centredCell(head[0]!, numberWidth, true),
      centredCell(head[1]!, indicatorWidth, true),
      centredCell(head[2]!, tickWidth, true),
      centredCell(head[3]!, tickWidth, true),
    ],
    headHeight,
    undefined,
    true,
  );
  const rows: Row[] = [header];

  const numberCell = (number: string | undefined): Cell => {
    const b = number ? block(number, stylesOf(env, 'strong')[0], numberWidth - 4) : undefined;
    return { width: numberWidth, draw: (c, x, top) => b && drawBlock(c.canvas, b, x + 3, top - PAD) };
  };

  // Every indicator and indicator group gets a number, as rows of the source's tables do: its own, or the next one
  // under its group's ("3.3.1", "3.3.2"). "Specify" lines belong to the indicator above them and get none.
  const childNumbers = (parent: FormNode, parentNumber: string | undefined): (string | undefined)[] => {
    let n = 0;
    return childrenOf(parent).map((child) => {
      if (!(isYesNo(child) || child.kind === 'indicators' || (child.kind === 'group' && child.children.length > 0)))
        return child.number;
      n++;
      return child.number ?? (parentNumber ? `${parentNumber}.${n}` : String(n));
    });
  };

  const itemRows = (node: FormNode, indent: number, hiddenAbove: boolean, number: string | undefined) => {
    const shown = !hiddenAbove && isShown(s, node);
    const pointer = pointerIn(s, node);
    if (node.kind === 'indicators' || (node.kind === 'group' && node.children.length > 0)) {
      const label = labelPart(s, unnumbered(node), indicatorWidth - 6 - indent, 'strong');
      const height = label.height + 2 * PAD;
      const cells: Cell[] = [
        numberCell(number),
        { width: indicatorWidth, draw: (c, x, top) => drawLabelPart(c, label, x + 3 + indent, top - PAD) },
      ];
      if (shown) cells.push({ width: tickWidth }, { width: tickWidth });
      else {
        const b = block(na(s), stylesOf(env, 'muted')[0], 2 * tickWidth - 6);
        cells.push({ width: 2 * tickWidth, draw: (c, x, top) => drawBlock(c.canvas, b, x + 3, top - PAD) });
      }
      rows.push(tableRow(s, cells, height, header, true));
      const numbers = childNumbers(node, number);
      node.children.forEach((child, i) => itemRows(child, indent + 10, !shown, numbers[i]));
      return;
    }
    if (isYesNo(node)) {
      const label = labelPart(s, unnumbered(node), indicatorWidth - 6 - indent);
      const height = Math.max(label.height, metrics.tick) + 2 * PAD;
      const cells: Cell[] = [
        numberCell(number),
        { width: indicatorWidth, draw: (c, x, top) => drawLabelPart(c, label, x + 3 + indent, top - PAD) },
      ];
      if (shown) cells.push(...yesNoCells(s, pointer, [tickWidth, tickWidth]));
      else {
        const b = block(na(s), stylesOf(env, 'muted')[0], 2 * tickWidth - 6);
        cells.push({ width: 2 * tickWidth, draw: (c, x, top) => drawBlock(c.canvas, b, x + 3, top - PAD) });
      }
      rows.push(tableRow(s, cells, Math.max(height, (shown ? 0 : 0) + height), header));
      return;
    }
    // A "specify" line or any other field: label and input across the indicator and YES/NO columns.
    const spanWidth = indicatorWidth + 2 * tickWidth - 6 - indent;
    const inner: Scope = { ...s, width: spanWidth };
    const row = fieldRow(inner, unnumbered(node), shown);
    rows.push(
      tableRow(
        s,
        [
          numberCell(number),
          {
            width: indicatorWidth + 2 * tickWidth,
            draw: (c, x, top) => row.draw({ ...c, x: x + 3 + indent, width: spanWidth }, top),
          },
        ],
        row.height,
        header,
      ),
    );
  };

  const numbers = childNumbers(container, container.number);
  childrenOf(container).forEach((child, i) => itemRows(child, 0, false, numbers[i]));
  return rows;
}

/**
 * The two inputs of a need's row, by what their paper widgets are: the mark that the need exists (a tick box:
 * `PaperWidget.row` `tick`) and the comment (a box to write in: `PaperLayout.writeIn`).
 */
function needParts(row: FormNode | undefined): { mark?: FormNode; comment?: FormNode } {
  const fields = childrenOf(row).filter((c) => c.kind === 'field');
  const mark = fields.find((c) => paperWidgetFor(c).row === 'tick');
  const comment = fields.find((c) => c !== mark && layoutOf(c).writeIn === true);
  return { ...(mark ? { mark } : {}), ...(comment ? { comment } : {}) };
}

/** The rows of a needs table: categories as bands, one row per need with its mark and comment. */
export function needsTableRows(s: Scope, table: FormNode, renderOther: (node: FormNode) => Row[], after?: Row): Row[] {
  const env = s.env;
  const sample = findFirst(table, (n) => n.kind === 'needRow');
  const { mark: neededNode, comment: commentNode } = needParts(sample);
  const numberWidth = 24;
  const markWidth = 52;
  const commentWidth = Math.round(s.width * 0.36);
  const needWidth = s.width - numberWidth - markWidth - commentWidth;
  const head = [
    cellText(s, bi(env, 'ui:pdf.number', 'No.'), 'caption', numberWidth),
    cellText(s, labelOf(env, table), 'caption', needWidth),
    cellText(s, neededNode ? labelOf(env, neededNode) : bi(env, 'ui:pdf.needed', 'Needed'), 'caption', markWidth),
    cellText(
      s,
      commentNode ? labelOf(env, commentNode) : bi(env, 'ui:pdf.comment', 'Comment'),
      'caption',
      commentWidth,
    ),
  ];
  const header = tableRow(
    s,
    head.map((b, i) => centredCell(b, [numberWidth, needWidth, markWidth, commentWidth][i]!, true)),
    Math.max(...head.map((b) => b.height)) + 2 * PAD,
    undefined,
    true,
  );
  const rows: Row[] = [header];
  const others: Row[] = [];
  let n = 0;

  const needRow = (node: FormNode, hiddenAbove: boolean) => {
    n++;
    const shown = !hiddenAbove && isShown(s, node);
    const label = labelPart(s, node, needWidth - 6);
    const numberText = block(String(n), stylesOf(env, 'label')[0], numberWidth - 4);
    const { mark: needed, comment } = needParts(node);
    let plan: TextBoxPlan | undefined;
    if (shown && comment) plan = planFieldBox({ ...s }, comment, commentWidth - 2, { blank: 1, max: 5 });
    const height = Math.max(label.height + 2 * PAD, plan ? plan.height + 2 : 0, metrics.box + 2);
    const naBlock = shown
      ? undefined
      : block('— ' + inline(notApplicable(env)), stylesOf(env, 'muted')[0], markWidth + commentWidth - 6);
    const cells: Cell[] = [
      { width: numberWidth, draw: (c, x, top) => drawBlock(c.canvas, numberText, x + 3, top - PAD) },
      { width: needWidth, draw: (c, x, top) => drawLabelPart(c, label, x + 3, top - PAD) },
    ];
    if (naBlock)
      cells.push({
        width: markWidth + commentWidth,
        draw: (c, x, top) => drawBlock(c.canvas, naBlock, x + 3, top - PAD),
      });
    else {
      cells.push(needed ? tickCell(s, needed, markWidth) : { width: markWidth });
      cells.push({ width: commentWidth, draw: (c, x, top) => plan && drawTextBox(c, plan, x + 1, top - 1, false) });
    }
    rows.push(tableRow(s, cells, height, header));
  };

  const walk = (node: FormNode, hiddenAbove: boolean) => {
    for (const child of childrenOf(node)) {
      if (child.kind === 'needRow') needRow(child, hiddenAbove);
      else if (child.kind === 'group' && child.children.some((c) => c.kind === 'needRow')) {
        const shown = !hiddenAbove && isShown(s, child);
        const label = labelPart(s, child, s.width - 8, 'strong');
        rows.push(
          tableRow(
            s,
            [{ width: s.width, fill: true, draw: (c, x, top) => drawLabelPart(c, label, x + 4, top - PAD) }],
            label.height + 2 * PAD,
            header,
            true,
          ),
        );
        walk(child, !shown);
      } else others.push(...renderOther(child));
    }
  };
  walk(table, false);
  return [...rows, ...(after ? [after] : []), ...others];
}

function findFirst(node: FormNode, test: (n: FormNode) => boolean): FormNode | undefined {
  if (test(node)) return node;
  for (const c of childrenOf(node)) {
    const found = findFirst(c, test);
    if (found) return found;
  }
  return undefined;
}

/** The relative width of a column of text: by how long its answer may be (`maxLength`, 500 without one). */
export function textColumnWeight(node: FormNode): number {
  const max = typeof node.schema.maxLength === 'number' ? node.schema.maxLength : 500;
  return max >= 2000 ? 1.55 : max >= 1000 ? 1.15 : 0.95;
}

/**
 * The widths of a table's columns in `width` points: a column fixed in points gets them (`PaperLayout.column`), the
 * others share the rest by weight (their paper widget's, or a text's by its length); the last takes what rounding
 * leaves.
 */
export function columnWidths(columns: readonly FormNode[], width: number): number[] {
  const specs = columns.map((c) => layoutOf(c).column ?? { weight: textColumnWeight(c) });
  const fixed = specs.reduce((w, c) => w + ('points' in c ? c.points : 0), 0);
  const total = specs.reduce((w, c) => w + ('weight' in c ? c.weight : 0), 0);
  const widths = specs.map((c) => ('points' in c ? c.points : Math.floor(((width - fixed) * c.weight) / total)));
  widths[widths.length - 1]! += width - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/** Whether a repeat's rows print as a table: an item of a few plain fields. */
export function isTabular(repeat: RepeatNode): boolean {
  const columns = childrenOf(repeat.item);
  if (columns.length === 0 || columns.length > 8) return false;
  return columns.every((c) => c.kind === 'field' && layoutOf(c).tabular !== false && !c.condition);
}

/**
 * The rows of a table of repeated items: column heads from the item's fields, a band per category when there are
 * several arrays (a plan table), the data rows, and empty rows to write in (`spare`).
 */
export function repeatTableRows(
  s: Scope,
  categories: RepeatNode[],
  options: { spare: number; band: boolean; maxLines: number; blankLines: number },
): Row[] {
  const env = s.env;
  const item = categories[0]!.item;
  const columns = childrenOf(item);
  const numberWidth = 26;
  // A date column is as wide as a date written in full; the other columns share the rest by what they hold.
  const widths = columnWidths(columns, s.width - numberWidth);
  const head = [
    cellText(s, bi(env, 'ui:pdf.number', 'No.'), 'caption', numberWidth),
    ...columns.map((c, i) => cellText(s, derivedMark(c, labelOf(env, c)), 'caption', widths[i]!)),
  ];
  const header = tableRow(
    s,
    head.map((b, i) => centredCell(b, i === 0 ? numberWidth : widths[i - 1]!, true)),
    Math.max(...head.map((b) => b.height)) + 2 * PAD,
    undefined,
    true,
  );
  const rows: Row[] = [header];
  for (const category of categories) {
    const shown = isShown(s, category);
    if (options.band) {
      const label = labelPart(s, category, s.width - 8, 'strong');
      rows.push(
        tableRow(
          s,
          [{ width: s.width, fill: true, draw: (c, x, top) => drawLabelPart(c, label, x + 4, top - PAD) }],
          label.height + 2 * PAD,
          header,
          true,
        ),
      );
    }
    if (!shown) {
      const b = block('— ' + inline(notApplicable(env)), stylesOf(env, 'muted')[0], s.width - 8);
      rows.push(
        tableRow(
          s,
          [{ width: s.width, draw: (c, x, top) => drawBlock(c.canvas, b, x + 4, top - PAD) }],
          b.height + 2 * PAD,
          header,
        ),
      );
      continue;
    }
    const data = valueAt(env, pointerIn(s, category));
    const count = (Array.isArray(data) ? data.length : 0) + options.spare;
    for (let i = 0; i < count; i++) {
      const base = `${pointerIn(s, category)}/${i}`;
      const rowScope: Scope = { ...s, root: item, base };
      const composites = columns.map((col, j) =>
        childrenOf(col).length > 0 ? compositeCell(rowScope, col, widths[j]! - 2, options) : undefined,
      );
      // A column's paper widget draws its own cell (choices, ticks), or its answer is written in a box.
      const plans = columns.map((col, j) =>
        layoutOf(col).cell || composites[j]
          ? undefined
          : planFieldBox(rowScope, col, widths[j]! - 2, {
              blank: options.blankLines,
              max: options.maxLines,
              singleLine: layoutOf(col).singleLine === true,
            }),
      );
      const numberText = block(String(i + 1), stylesOf(env, 'label')[0], numberWidth - 4);
      const height = Math.max(
        ...plans.map((p, j) => (p ? p.height + 2 : composites[j] ? composites[j].height + 2 : metrics.box + 2)),
      );
      const cells: Cell[] = [
        { width: numberWidth, draw: (c, x, top) => drawBlock(c.canvas, numberText, x + 3, top - PAD) },
      ];
      columns.forEach((col, j) => {
        const plan = plans[j];
        const composite = composites[j];
        if (plan) cells.push({ width: widths[j]!, draw: (c, x, top) => drawTextBox(c, plan, x + 1, top - 1, false) });
        else if (composite) cells.push({ width: widths[j]!, draw: (c, x, top) => composite.draw(c, x + 1, top - 1) });
        else {
          const cell = layoutOf(col).cell;
          if (cell) cells.push(cell(rowScope, col, widths[j]!));
        }
      });
      rows.push(tableRow(s, cells, height, header));
    }
  }
  return rows;
}

/**
 * A table cell for a column that holds several inputs (a plan's execution mark and its reason, the responsible
 * person's signature with its name and date): each input under a small caption, stacked. A choice shows its
 * options as ticks; a part hidden by the data prints "not applicable"; a signature keeps its line to sign on.
 */
function compositeCell(
  s: Scope,
  column: FormNode,
  width: number,
  lines: { maxLines: number; blankLines: number },
): { height: number; draw: (c: DrawContext, x: number, top: number) => void } {
  const env = s.env;
  // A signature column prints the name, the date and the line to sign; the position is the "Responsible" column's.
  const parts = childrenOf(column).filter(
    (p) => p.kind === 'field' && !(column.kind === 'signature' && p.name === 'role'),
  );
  const gap = 2;
  // A spare row to write in is blank: its parts are all there to fill, none "not applicable".
  const spare = valueAt(env, s.base) === undefined;
  const stacked = parts.map((part) => {
    const shown = spare || isShown(s, part);
    // A part with an input of its own (choices, a place to sign) is drawn without a caption.
    const ownInput = layoutOf(part).part === 'input';
    const caption = ownInput
      ? undefined
      : biBlock(env, part.derived ? derivedMark(part, labelOf(env, part)) : labelOf(env, part), 'caption', width);
    if (!shown) {
      const na = block('— ' + inline(notApplicable(env)), stylesOf(env, 'muted')[0], width);
      return {
        caption,
        height: (caption?.height ?? 0) + na.height,
        draw: (c: DrawContext, x: number, top: number) => drawBlock(c.canvas, na, x, top - 1),
      };
    }
    if (ownInput) {
      const input = inputPart(s, part, width);
      return { caption, height: input.height, draw: (c: DrawContext, x: number, top: number) => input.draw(c, x, top) };
    }
    const plan = planFieldBox(s, part, width, {
      blank: 1,
      max: lines.maxLines,
      singleLine: layoutOf(part).singleLine === true,
    });
    return {
      caption,
      height: plan.height,
      draw: (c: DrawContext, x: number, top: number) => drawTextBox(c, plan, x, top),
    };
  });
  const height = stacked.reduce((h, p) => h + (p.caption ? p.caption.height + 1 : 0) + p.height + gap, 0);
  return {
    height,
    draw(c, x, top) {
      let y = top;
      for (const p of stacked) {
        if (p.caption) {
          drawBi(c.canvas, p.caption, x, y);
          y -= p.caption.height + 1;
        }
        p.draw(c, x, y);
        y -= p.height + gap;
      }
    },
  };
}

/**
 * The caption-over-box parts of a row that asks several things on one line (date and place of birth). The boxes
 * share the input column, as many on a line as leave each written answer at least `metrics.minWriteIn` wide.
 */
export function inlineFieldsRow(s: Scope, node: FormNode, fields: FormNode[], shown: boolean): Row {
  const env = s.env;
  const labelWidth = s.width * metrics.labelShare;
  const area = s.width - labelWidth - metrics.gap;
  const label = labelPart(s, node, labelWidth);
  // A box of a fixed width (a date, a number) as its paper widget declares; the others share the rest.
  const fixed = (f: FormNode) => layoutOf(f).box ?? 0;
  const gap = 8;
  // Lines of fields: a field goes on the current line while every flexible box there keeps its minimum width.
  const lines: FormNode[][] = [];
  for (const f of fields) {
    const line = lines[lines.length - 1];
    const candidate = line ? [...line, f] : [f];
    const fixedWidth = candidate.reduce((w, x) => w + fixed(x), 0);
    const flexible = candidate.filter((x) => fixed(x) === 0).length;
    const fits =
      flexible === 0
        ? fixedWidth + gap * (candidate.length - 1) <= area
        : (area - fixedWidth - gap * (candidate.length - 1)) / flexible >= metrics.minWriteIn;
    if (line && fits) line.push(f);
    else lines.push([f]);
  }
  const placed = lines.map((line) => {
    const flexible = line.filter((f) => fixed(f) === 0).length;
    const rest = area - line.reduce((w, f) => w + fixed(f), 0) - gap * (line.length - 1);
    const widths = line.map((f) => fixed(f) || Math.max(40, rest / Math.max(1, flexible)));
    const captions = line.map((f, i) => biBlock(env, derivedMark(f, labelOf(env, f)), 'caption', widths[i]!));
    const captionHeight = Math.max(...captions.map((c) => c.height));
    const plans = line.map((f, i) => (shown && isShown(s, f) ? planFieldBox(s, f, widths[i]!) : undefined));
    const boxHeight = Math.max(metrics.box, ...plans.map((p) => p?.height ?? 0));
    return { widths, captions, captionHeight, plans, boxHeight, height: captionHeight + 1 + boxHeight };
  });
  const naText: BiText = notApplicable(env);
  const inputsHeight = placed.reduce((h, l, i) => h + l.height + (i > 0 ? 4 : 0), 0);
  const height = Math.max(label.height, inputsHeight) + 2 * metrics.rowPad;
  return {
    height,
    orientation: s.orientation,
    draw(c, top) {
      // The line's label is a paragraph; each part is a form field with its caption.
      c.tags.within(new StructElem('P'), () => drawLabelPart(c, label, c.x, top - metrics.rowPad - 1));
      let lineTop = top - metrics.rowPad;
      for (const line of placed) {
        let x = c.x + labelWidth + metrics.gap;
        line.widths.forEach((width, i) => {
          const plan = line.plans[i];
          const at = x;
          c.tags.within(new StructElem(plan ? 'Form' : 'P'), () => {
            drawBi(c.canvas, line.captions[i]!, at, lineTop);
            const boxTop = lineTop - line.captionHeight - 1;
            if (plan) drawTextBox(c, plan, at, boxTop);
            else drawBlock(c.canvas, block('— ' + inline(naText), stylesOf(env, 'muted')[0], width), at, boxTop - 2);
          });
          x += width + gap;
        });
        lineTop -= line.height + 4;
      }
    },
  };
}

/**
 * The typed parts of a signature block, as the shared schema names them (`$defs/signature`: the signer's name, the
 * position, the date), in print order, with each one's share of the row beside the line to sign on. These are the
 * block's own properties (one schema for every signature), not widget kinds: what each part is drawn as comes from
 * its paper widget.
 */
const SIGNATURE_PARTS: Readonly<Record<string, number>> = { signedBy: 0.36, role: 0.26, date: 0.15 };

/** A signature: its title, then name, position and date boxes beside the line to sign on. */
export function signatureRow(s: Scope, node: FormNode, shown: boolean): Row[] {
  const env = s.env;
  const heading = labelPart(s, node, s.width, 'strong');
  const parts = Object.keys(SIGNATURE_PARTS)
    .map((name) => childrenOf(node).find((c) => c.name === name))
    .filter((c): c is FormNode => c !== undefined);
  // The place to sign is the part whose paper widget signs (the signature pad's), whatever its name.
  const imageNode = childrenOf(node).find((c) => layoutOf(c).signs === true);
  const gap = 8;
  const share = SIGNATURE_PARTS;
  const used = parts.reduce((w, p) => w + (share[p.name] ?? 0.2), 0);
  const signatureShare = Math.max(0.2, 1 - used);
  const totalShare = used + signatureShare;
  const avail = s.width - gap * parts.length;
  const widths = parts.map((p) => (avail * (share[p.name] ?? 0.2)) / totalShare);
  const signatureWidth = (avail * signatureShare) / totalShare;
  const captions = [
    ...parts.map((p, i) =>
      biBlock(env, p.derived ? derivedMark(p, labelOf(env, p)) : labelOf(env, p), 'caption', widths[i]!),
    ),
    biBlock(env, bi(env, 'ui:pdf.signature', 'Signature'), 'caption', signatureWidth),
  ];
  const captionHeight = Math.max(...captions.map((c) => c.height));
  if (!shown) {
    const b = block('— ' + inline(notApplicable(env)), stylesOf(env, 'muted')[0], s.width);
    return [
      {
        height: heading.height + b.height + 2 * metrics.rowPad,
        orientation: s.orientation,
        draw(c, top) {
          c.tags.within(new StructElem('P'), () => {
            drawLabelPart(c, heading, c.x, top - metrics.rowPad);
            drawBlock(c.canvas, b, c.x, top - metrics.rowPad - heading.height);
          });
        },
      },
    ];
  }
  const plans = parts.map((p, i) => planFieldBox(s, p, widths[i]!));
  const signHeight = SIGN_HEIGHT;
  const boxHeight = Math.max(signHeight, ...plans.map((p) => p.height));
  const imagePointer = imageNode ? pointerIn(s, imageNode) : undefined;
  const height = heading.height + 3 + captionHeight + 1 + boxHeight + 2 * metrics.rowPad + 2;
  return [
    {
      height,
      orientation: s.orientation,
      draw(c, top) {
        const y = top - metrics.rowPad;
        c.tags.within(new StructElem('P'), () => drawLabelPart(c, heading, c.x, y));
        const captionTop = y - heading.height - 3;
        const boxTop = captionTop - captionHeight - 1;
        let x = c.x;
        parts.forEach((_, i) => {
          const at = x;
          c.tags.within(new StructElem('Form'), () => {
            drawBi(c.canvas, captions[i]!, at, captionTop);
            drawTextBox(c, plans[i]!, at, boxTop);
          });
          x += widths[i]! + gap;
        });
        const place = new StructElem('P');
        c.tags.within(place, () => drawBi(c.canvas, captions[captions.length - 1]!, x, captionTop));
        c.canvas.line(x, boxTop - boxHeight + 1, x + signatureWidth, boxTop - boxHeight + 1, 0.7, color.text);
        if (imagePointer) {
          const image = env.images.get(imagePointer);
          if (image) {
            const scale = Math.min((signatureWidth - 4) / image.width, (boxHeight - 3) / image.height);
            c.canvas.image(image, x + 2, boxTop - boxHeight + 2, image.width * scale, image.height * scale);
          }
          const dataUrl = valueAt(env, imagePointer);
          if (typeof dataUrl === 'string' && dataUrl !== '')
            c.fields.hiddenText(c.page, fieldNameOf(imagePointer), dataUrl);
        }
      },
    },
  ];
}
