import { block, drawBox, drawLine, linesHeight } from '../layout/draw.js';
import type { DrawContext } from '../layout/page.js';
import { color, metrics, size } from '../layout/style.js';
import { fieldNameOf } from '../fieldNames.js';
import { wrapText } from '../text/wrap.js';
import { bi, inline, type BiText, type Continuation, type RenderEnv } from './env.js';

/** How a text input is laid out: its height in lines, the text the box shows, and where the rest continues. */
export interface TextBoxPlan {
  pointer: string;
  width: number;
  height: number;
  multiline: boolean;
  /** The text the field holds: all of the value, or the part before the continuation. */
  value?: string;
  maxLength?: number;
  continuation?: Continuation;
  /**
   * Where the rest of the text is, printed in the last line of a box whose text continues elsewhere (in its last two
   * lines, one per language, when the two do not fit on one).
   */
  reference?: string[];
}

/** Options of a text input. */
export interface TextBoxOptions {
  /** Lines of an empty box on a blank form. */
  blankLines: number;
  /** Most lines a filled box grows to before the text continues on a continuation sheet. */
  maxLines: number;
  /** A one-line field: the box is one line high unless its value needs more. */
  singleLine: boolean;
  maxLength?: number;
  label: BiText;
  number?: string;
}

/** Inner width of a box for text. */
export function innerWidth(width: number): number {
  return width - 2 * metrics.boxPad;
}

/** The height of a box of `n` lines of values. */
export function boxHeight(lines: number): number {
  return Math.max(metrics.box, 2 * metrics.boxPad + linesHeight(lines, size.value));
}

/**
 * Plans a text box: a blank box of fixed size, or one that grows with its value up to `maxLines`, the rest going to
 * a numbered continuation sheet (never cut).
 */
export function planTextBox(
  env: RenderEnv,
  pointer: string,
  value: string | undefined,
  width: number,
  options: TextBoxOptions,
): TextBoxPlan {
  const plan: TextBoxPlan = { pointer, width, height: boxHeight(options.blankLines), multiline: !options.singleLine };
  if (options.maxLength !== undefined) plan.maxLength = options.maxLength;
  if (value === undefined || value === '') return plan;
  plan.value = value;
  const lines = wrapText(env.faces.regular.metrics, value, size.value, innerWidth(width));
  const oneLine = lines.length === 1 && !value.includes('\n');
  if (options.singleLine && oneLine) return plan;
  plan.multiline = true;
  if (lines.length <= options.maxLines) {
    // A filled box keeps a little room to add to (it stays fillable), but not the full height of a blank one.
    plan.height = boxHeight(Math.max(lines.length, options.singleLine ? 1 : Math.min(2, options.blankLines)));
    return plan;
  }
  // Keep maxLines - 1 lines in the box; the last line of the box says where the rest is.
  const kept = Math.max(1, options.maxLines - 1);
  const cut = lines[kept]!.start;
  const sheet = env.continuations.length + 1;
  const continuation: Continuation = { sheet, pointer, label: options.label, rest: value.slice(cut) };
  if (options.number !== undefined) continuation.number = options.number;
  env.continuations.push(continuation);
  plan.value = value.slice(0, cut);
  plan.continuation = continuation;
  // The reference: both languages on one line if they fit, else each on lines of its own (a bilingual form is read
  // in either), wrapped in a narrow cell up to four lines; else the primary one; else the sheet number.
  const words = bi(env, 'ui:continuedOn', 'continued on sheet {{n}}', { n: sheet });
  // The sheet's number stays on the line of the word before it ("листе 1", not "листе" and "1" under it).
  const wrap = (text: string) =>
    wrapText(env.faces.bold.metrics, `→ ${text.replace(/ (?=\S*\d)/, '\u00a0')}`, size.small, innerWidth(width)).map(
      (l) => l.text,
    );
  const both = [words.primary, words.secondary ?? ''].filter((t) => t !== '');
  const inlined = wrap(inline(words));
  const reference = [inlined.length === 1 ? inlined : [], both.flatMap(wrap), wrap(words.primary)].find(
    (lines) => lines.length > 0 && lines.length <= 4,
  ) ?? [`→ ${sheet}`];
  plan.reference = reference;
  plan.height = boxHeight(kept + reference.length);
  return plan;
}

/** Draws a planned text box and its field; `framed` false when a table cell is the frame. */
export function drawTextBox(c: DrawContext, plan: TextBoxPlan, x: number, top: number, framed = true): void {
  if (framed) drawBox(c.canvas, x, top, plan.width, plan.height);
  let fieldHeight = plan.height;
  if (plan.reference !== undefined && plan.continuation) {
    const lh = linesHeight(1, size.value);
    fieldHeight = plan.height - lh * plan.reference.length - metrics.boxPad;
    const style = {
      face: { pdf: c.fonts.bold, metrics: c.fonts.metrics.bold },
      size: size.small,
      color: color.routing,
    };
    plan.reference.forEach((line, i) => {
      const ref = block(line, style, innerWidth(plan.width));
      drawLine(c.canvas, ref.lines[0] ?? line, style, x + metrics.boxPad, top - fieldHeight - 1 - i * lh);
    });
    plan.continuation.fromPage = c.pageNumber;
  }
  const options: { value?: string; multiline?: boolean; maxLength?: number } = { multiline: plan.multiline };
  if (plan.value !== undefined) options.value = plan.value;
  if (plan.maxLength !== undefined && plan.continuation === undefined) options.maxLength = plan.maxLength;
  c.fields.text(
    c.page,
    fieldNameOf(plan.pointer),
    { x, y: top - fieldHeight, width: plan.width, height: fieldHeight },
    options,
  );
}
