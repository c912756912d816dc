import { block, drawBox, drawLine, linesHeight } from '../layout/draw.js';
import type { DrawContext } from '../layout/page.js';
import { color, metrics, size } from '../layout/style.js';
import { fieldNameOf } from '../fieldNames.js';
import { textWidth, wrapText } from '../text/wrap.js';
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
  /** The reference printed in the last line of a box whose text continues elsewhere. */
  reference?: string;
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
  // The reference takes one line: both languages if they fit, else the primary one, else the sheet number.
  const words = bi(env, 'ui:continuedOn', 'continued on sheet {{n}}', { n: sheet });
  const fits = (text: string) => textWidth(env.faces.bold.metrics, text, size.small) <= innerWidth(width);
  plan.reference = [`→ ${inline(words)}`, `→ ${words.primary}`].find(fits) ?? `→ ${sheet}`;
  plan.height = boxHeight(kept + 1);
  return plan;
}

/** Draws a planned text box and its field; `framed` false when a table cell is the frame. */
export function drawTextBox(c: DrawContext, plan: TextBoxPlan, x: number, top: number, framed = true): void {
  if (framed) drawBox(c.canvas, x, top, plan.width, plan.height);
  let fieldHeight = plan.height;
  if (plan.reference !== undefined && plan.continuation) {
    const lh = linesHeight(1, size.value);
    fieldHeight = plan.height - lh - metrics.boxPad;
    const style = {
      face: { pdf: c.fonts.bold, metrics: c.fonts.metrics.bold },
      size: size.small,
      color: color.routing,
    };
    const ref = block(plan.reference, style, innerWidth(plan.width));
    drawLine(c.canvas, ref.lines[0] ?? plan.reference, style, x + metrics.boxPad, top - fieldHeight - 1);
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
