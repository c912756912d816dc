import { childrenOf, kindIs, marks, translate, type FormNode, type PlanTableNode, type RepeatNode } from '@komek/core';
import { block, drawBlock, drawRule, linesHeight, type TextBlock } from '../layout/draw.js';
import { layoutOf, paperWidgetFor } from './paperWidgets.js';
import type { Canvas } from '../layout/canvas.js';
import type { DrawContext, Row } from '../layout/page.js';
import { StructElem } from '../layout/tags.js';
import { color, margin, metrics, pageGeometry, size } from '../layout/style.js';
import { continuationFieldName } from '../fieldNames.js';
import { wrapText } from '../text/wrap.js';
import {
  bi,
  biBlock,
  biKey,
  drawBi,
  inline,
  joinBi,
  labelOf,
  stylesOf,
  valueAt,
  type BiText,
  type Continuation,
  type RenderEnv,
} from './env.js';
import { perLanguage, routingText } from './routing.js';
import {
  fieldRow,
  fieldText,
  headingRow,
  isShown,
  marksOf,
  notApplicable,
  paragraphRows,
  pointerIn,
  spacer,
  tickRow,
  unnumbered,
  type Scope,
} from './rows.js';
import {
  indicatorTableRows,
  inlineFieldsRow,
  isIndicatorTable,
  isTabular,
  needsTableRows,
  repeatTableRows,
  signatureRow,
} from './tables.js';
import { boxHeight } from './textBox.js';

/** One problem of invalid data, as the PDF lists it: the question's number, the repeat rows, the message in both languages. */
export interface PrintedIssue {
  number?: string;
  /** Row numbers (from 1) of the repeat rows the problem is in, outermost first. */
  rows: number[];
  message: BiText;
}

function portrait(env: RenderEnv): Scope {
  return { env, orientation: 'portrait', width: pageGeometry('portrait').contentWidth, root: env.model.root, base: '' };
}

function naRow(s: Scope): Row[] {
  return paragraphRows(s, { primary: '— ' + inline(notApplicable(s.env)) }, { role: 'muted' });
}

/** Spare empty rows of a table: several on a blank form, one to add to on a filled form, none once final. */
function spareRows(s: Scope, kind: 'plan' | 'repeat', count: number): number {
  if (s.env.mode === 'blank') return kind === 'plan' ? 3 : 2;
  if (s.env.mode === 'filled') return 1;
  return count === 0 ? 1 : 0;
}

function staticRows(s: Scope, node: FormNode, shown: boolean): Row[] {
  const env = s.env;
  let text: BiText = labelOf(env, node);
  const fillIn = node.annotation.fillIn;
  if (typeof fillIn === 'string') {
    const pointer = pointerIn(s, node).replace(/\/[^/]*$/, '') + '/' + fillIn;
    const target = env.model.byPointer.get(pointer);
    const value = target ? fieldText(env, target, valueAt(env, pointer)) : undefined;
    const filler = value !== undefined && value !== '' ? `«${value}»` : '______________________';
    text = {
      primary: `${text.primary} ${filler}`,
      ...(text.secondary !== undefined ? { secondary: `${text.secondary} ${filler}` } : {}),
    };
  }
  const options: { number?: string; role?: 'label' | 'muted' } = { role: shown ? 'label' : 'muted' };
  if (node.number !== undefined) options.number = node.number;
  const rows = [spacer(s, 2), ...paragraphRows(s, text, options)];
  const routing = env.mode === 'blank' ? routingText(env, node, s.root) : undefined;
  if (routing) rows.push(...paragraphRows(s, routing, { role: 'routing', indent: node.number ? metrics.number : 0 }));
  if (!shown) rows.push(...naRow(s));
  return [...rows, spacer(s, 2)];
}

function descriptionRows(s: Scope, node: FormNode): Row[] {
  if (!node.description) return [];
  return paragraphRows(s, biKey(s.env, node.description.key, node.description.english), {
    role: 'muted',
    indent: node.number ? metrics.number : 0,
  });
}

/** A field that may share a line with others (its paper widget says so: a short answer in a box). */
function isSimpleField(node: FormNode): boolean {
  return node.kind === 'field' && layoutOf(node).inline === true;
}

function repeatRows(s: Scope, node: RepeatNode, depth: number, shown: boolean): Row[] {
  const rows: Row[] = [spacer(s, depth <= 1 ? 8 : 4), headingRow(s, node, depth), ...descriptionRows(s, node)];
  if (!shown) return [...rows, ...naRow(s)];
  const data = valueAt(s.env, pointerIn(s, node));
  const count = Array.isArray(data) ? data.length : 0;
  if (isTabular(node)) {
    return [
      ...rows,
      ...repeatTableRows(s, [node], { spare: spareRows(s, 'repeat', count), band: false, maxLines: 12, blankLines: 1 }),
      spacer(s, metrics.afterTable),
    ];
  }
  const { item } = node;
  const total = count + (s.env.mode === 'blank' ? 1 : 0);
  for (let i = 0; i < total; i++) {
    const itemScope: Scope = { ...s, root: item, base: `${pointerIn(s, node)}/${i}` };
    const title = perLanguage(s.env, (t) => `${translate(t, item.labelKey, item.englishLabel)} ${i + 1}`);
    const { condition: _condition, ...heading } = unnumbered(item);
    rows.push(headingRow(itemScope, heading, depth + 1, title));
    for (const child of childrenOf(item)) rows.push(...nodeRows(itemScope, child, depth + 2));
  }
  if (total === 0) rows.push(...paragraphRows(s, { primary: '—' }, { role: 'muted' }));
  return rows;
}

function planTableRows(s: Scope, node: PlanTableNode, depth: number, shown: boolean): Row[] {
  const landscape: Scope = { ...s, orientation: 'landscape', width: pageGeometry('landscape').contentWidth };
  const heading = headingRow(landscape, node, depth);
  heading.breakBefore = true;
  const rows: Row[] = [heading, ...descriptionRows(landscape, node)];
  if (!shown) return [...rows, ...naRow(landscape)];
  const categories = node.children.filter(kindIs('repeat'));
  if (categories.length > 0) {
    const counts = categories.map((c) => valueAt(s.env, pointerIn(s, c))).map((v) => (Array.isArray(v) ? v.length : 0));
    rows.push(
      ...repeatTableRows(landscape, categories, {
        spare: spareRows(s, 'plan', Math.min(...counts)),
        band: true,
        maxLines: 10,
        blankLines: 3,
      }),
    );
    rows.push(spacer(landscape, metrics.afterTable));
  }
  const others = node.children.filter((c) => c.kind !== 'repeat');
  // What follows the table goes back to portrait pages.
  return [...rows, ...others.flatMap((c) => nodeRows(s, c, depth + 1))];
}

/** The rows of a node and its children. */
export function nodeRows(s: Scope, node: FormNode, depth: number): Row[] {
  const shown = isShown(s, node);
  switch (node.kind) {
    case 'field':
    case 'checklist':
      return [paperWidgetFor(node).row === 'tick' ? tickRow(s, node, shown) : fieldRow(s, node, shown)];
    case 'signature':
      return [spacer(s, 3), ...signatureRow(s, node, shown)];
    case 'static':
      return staticRows(s, node, shown);
    case 'needsTable': {
      const rows = [spacer(s, 8), headingRow(s, node, depth), ...descriptionRows(s, node)];
      if (!shown) return [...rows, ...naRow(s)];
      return [
        ...rows,
        ...needsTableRows(s, node, (child) => nodeRows(s, child, depth + 1), spacer(s, metrics.afterTable)),
      ];
    }
    case 'planTable':
      return planTableRows(s, node, depth, shown);
    case 'repeat':
      return repeatRows(s, node, depth, shown);
    default:
      break;
  }
  // Groups, indicator groups, need rows outside a table.
  if (node.annotation.layout === 'inline' && node.children.length > 1 && node.children.every(isSimpleField)) {
    return [inlineFieldsRow(s, node, node.children, shown)];
  }
  const rows: Row[] = [spacer(s, depth <= 1 ? 8 : 4), headingRow(s, node, depth), ...descriptionRows(s, node)];
  if (!shown) return [...rows, ...naRow(s)];
  if (isIndicatorTable(node)) return [...rows, ...indicatorTableRows(s, node), spacer(s, metrics.afterTable)];
  for (const child of node.children) rows.push(...nodeRows(s, child, depth + 1));
  return rows;
}

/** The heading of the first page: country procedure and form number, the title in both languages. */
function titleRows(s: Scope, issues: PrintedIssue[] | undefined): Row[] {
  const env = s.env;
  const meta = env.model.meta;
  // What a person needs at the top: whether this is a blank to fill by hand, and the form's number. The form's id
  // and the guidelines' section stay in the document's metadata.
  const left = block(
    env.mode === 'blank' ? inline(bi(env, 'ui:pdf.blankForm', 'Blank form')) : '',
    stylesOf(env, 'muted')[0],
    s.width / 2,
  );
  const formNo = meta.formNumber
    ? inline(bi(env, 'ui:pdf.formNumber', 'Form {{number}}', { number: meta.formNumber }))
    : '';
  const right = block(formNo, stylesOf(env, 'strong')[0], s.width / 2);
  const title = biBlock(env, labelOf(env, env.model.root), 'title', s.width - 40);
  const [leftElem, rightElem, titleElem] = [new StructElem('P'), new StructElem('P'), new StructElem('H1')];
  const rows: Row[] = [
    {
      height: Math.max(left.height, right.height) + 6,
      orientation: 'portrait',
      draw(c, top) {
        if (left.lines.length > 0) c.tags.within(leftElem, () => drawBlock(c.canvas, left, c.x, top));
        if (right.lines.length > 0)
          c.tags.within(rightElem, () => drawBlock(c.canvas, right, c.x + c.width / 2, top, 'right'));
      },
    },
    {
      height: title.height + 10,
      orientation: 'portrait',
      draw(c, top) {
        c.tags.within(titleElem, () => drawBi(c.canvas, title, c.x + 20, top - 2, 'center'));
        drawRule(c.canvas, c.x, top - title.height - 7, c.width, 1, color.text);
      },
    },
  ];
  if (issues && issues.length > 0) {
    const text = perLanguage(
      env,
      (t) =>
        t(
          'ui:pdf.invalidData',
          'THE DATA IN THIS FORM IS NOT VALID ({{count}} problems, listed at the end). Do not use it as a record until it is corrected.',
          {
            count: issues.length,
          },
        ) ?? '',
    );
    const b = biBlock(env, text, 'strong', s.width - 16);
    const banner = new StructElem('P');
    rows.push({
      height: b.height + 14,
      orientation: 'portrait',
      draw(c, top) {
        c.canvas.rect(c.x, top - b.height - 10, c.width, b.height + 8, {
          fill: color.alertFill,
          stroke: color.alert,
          lineWidth: 1.2,
        });
        c.tags.within(banner, () => {
          drawBlock(c.canvas, { ...b.primary, style: { ...b.primary.style, color: color.alert } }, c.x + 8, top - 4);
          if (b.secondary)
            drawBlock(
              c.canvas,
              { ...b.secondary, style: { ...b.secondary.style, color: color.alert } },
              c.x + 8,
              top - 4 - b.primary.height,
            );
        });
      },
    });
  }
  if (env.model.root.description) rows.push(...descriptionRows(s, env.model.root));
  const legend = [
    ...(hasMarked(env.model.root, (n) => marksOf(n).includes(marks.required))
      ? [bi(env, 'ui:marks.required', '{{mark}} required', { mark: marks.required })]
      : []),
    ...(hasMarked(env.model.root, (n) => n.derived !== undefined)
      ? [
          bi(env, 'ui:marks.derived', '{{mark}} not on the printed form: added from the guidelines text', {
            mark: marks.derived,
          }),
        ]
      : []),
  ];
  if (legend.length > 0) {
    for (const entry of legend) rows.push(...paragraphRows(s, entry, { role: 'muted' }));
    rows.push(spacer(s, 4));
  }
  return rows;
}

function hasMarked(node: FormNode, test: (n: FormNode) => boolean): boolean {
  return (
    childrenOf(node).some((c) => test(c) || hasMarked(c, test)) ||
    (node.kind === 'repeat' && hasMarked(node.item, test))
  );
}

/** Every row of the form body, first page heading included. */
export function bodyRows(env: RenderEnv, issues?: PrintedIssue[]): Row[] {
  const s = portrait(env);
  const rows = titleRows(s, issues);
  for (const child of env.model.root.children) rows.push(...nodeRows(s, child, 1));
  return rows;
}

/** Lines of a continuation that fit on one page, at most. */
const LINES_PER_PART = 52;

/** The continuation sheets: each continued text under its sheet number, in fields that read back into the value. */
export function continuationRows(env: RenderEnv, continuations: Continuation[]): Row[] {
  const s = portrait(env);
  const rows: Row[] = [];
  continuations.forEach((cont, i) => {
    const title = bi(env, 'ui:continuationSheet', 'Continuation sheet {{n}}', { n: cont.sheet });
    const heading = headingRow(
      s,
      {
        kind: 'group',
        name: '',
        pointer: cont.pointer,
        labelKey: { ns: 'ui', key: 'continuationSheet' },
        englishLabel: '',
        required: false,
        schema: {},
        annotation: {},
        children: [],
      },
      1,
      title,
    );
    if (i === 0) heading.breakBefore = true;
    const field = cont.number ? `${cont.number} ${cont.label.primary}` : cont.label.primary;
    const fieldSecondary = cont.label.secondary
      ? cont.number
        ? `${cont.number} ${cont.label.secondary}`
        : cont.label.secondary
      : undefined;
    const from = perLanguage(env, (t) => {
      const name = t === env.translators[0] ? field : (fieldSecondary ?? field);
      return (
        t('ui:pdf.continues', 'continues “{{field}}” from page {{page}}', {
          field: name,
          page: cont.fromPage ?? '?',
        }) ?? ''
      );
    });
    rows.push(spacer(s, 6), heading, ...paragraphRows(s, from, { role: 'muted' }), spacer(s, 3));
    const width = s.width;
    const lines = wrapText(env.faces.regular.metrics, cont.rest, size.value, width - 2 * metrics.boxPad);
    for (let part = 0, start = 0; start < lines.length; part++, start += LINES_PER_PART) {
      const end = Math.min(lines.length, start + LINES_PER_PART);
      const text = cont.rest.slice(
        part === 0 ? 0 : lines[start]!.start,
        end < lines.length ? lines[end]!.start : cont.rest.length,
      );
      const height = boxHeight(end - start);
      const name = continuationFieldName(cont.pointer, part + 1);
      const elem = new StructElem('Form');
      rows.push({
        height: height + 4,
        orientation: 'portrait',
        draw(c: DrawContext, top: number) {
          c.canvas.rect(c.x, top - height, width, height, { stroke: color.box, lineWidth: 0.6 });
          c.tags.within(elem, () =>
            c.fields.text(c.page, name, { x: c.x, y: top - height, width, height }, { value: text, multiline: true }),
          );
        },
      });
    }
  });
  return rows;
}

/** The list of problems of invalid data, printed at the end of a PDF made with `allowInvalid`, in the form's order. */
export function issueRows(env: RenderEnv, issues: PrintedIssue[]): Row[] {
  const s = portrait(env);
  const title = bi(env, 'ui:pdf.problems', 'Problems in the data');
  const heading = headingRow(
    s,
    {
      kind: 'group',
      name: '',
      pointer: '',
      labelKey: { ns: 'ui', key: 'pdf.problems' },
      englishLabel: '',
      required: false,
      schema: {},
      annotation: {},
      children: [],
    },
    1,
    title,
  );
  const rows: Row[] = [spacer(s, 10), heading, spacer(s, 4)];
  for (const issue of issues) {
    const where = issue.rows.map((n) => bi(env, 'ui:row', 'Row {{n}}', { n }));
    const message =
      where.length === 0
        ? issue.message
        : joinBi(
            where.reduce((a, b) => joinBi(a, ', ', b)),
            ': ',
            issue.message,
          );
    const lines = paragraphRows(s, message, {
      ...(issue.number !== undefined ? { number: issue.number } : { indent: metrics.number }),
      role: 'label',
    });
    // A problem's lines in both languages stay on one page.
    lines.slice(0, -1).forEach((r) => (r.keepWithNext = true));
    rows.push(...lines, spacer(s, 4));
  }
  return rows;
}

/** Draws what every page after the first carries at its top; returns where content starts. */
export function openPage(env: RenderEnv, c: DrawContext): number {
  const geometry = pageGeometry(c.orientation);
  const top = geometry.height - margin.top;
  if (c.pageNumber === 1) return top;
  const meta = env.model.meta;
  const formNo = meta.formNumber
    ? inline(bi(env, 'ui:pdf.formNumber', 'Form {{number}}', { number: meta.formNumber })) + ' · '
    : '';
  const style = stylesOf(env, 'small')[0];
  const title = block(formNo + labelOf(env, env.model.root).primary, style, c.width);
  const line: TextBlock = { ...title, lines: [ellipsize(title.lines, title.lines.length > 1)] };
  drawBlock(c.canvas, line, c.x, top);
  drawRule(c.canvas, c.x, top - linesHeight(1, size.small) - 2, c.width, 0.4);
  return top - linesHeight(1, size.small) - 8;
}

function ellipsize(lines: string[], more: boolean): string {
  return (lines[0] ?? '') + (more ? ' …' : '');
}

/** Draws the footer of every page: the form's version and "page x of y", in both languages. */
export function drawFooters(env: RenderEnv, pages: { canvas: Canvas; orientation: 'portrait' | 'landscape' }[]): void {
  const meta = env.model.meta;
  const style = stylesOf(env, 'small')[0];
  const total = pages.length;
  pages.forEach(({ canvas, orientation }, i) => {
    const geometry = pageGeometry(orientation);
    const y = margin.bottom - 22;
    drawRule(canvas, margin.left, y + 12, geometry.contentWidth, 0.4);
    const left = inline(bi(env, 'ui:pdf.formVersion', 'Form version {{version}}', { version: meta.version }));
    drawBlock(canvas, block(left, style, geometry.contentWidth / 2), margin.left, y + 9);
    const text = inline(bi(env, 'ui:pageXofY', 'page {{page}} of {{pages}}', { page: i + 1, pages: total }));
    const right = block(text, { ...style, color: color.text, size: size.footer }, geometry.contentWidth / 2);
    drawBlock(canvas, right, margin.left + geometry.contentWidth / 2, y + 9, 'right');
  });
}
