import { grayscale, rgb, type Color } from 'pdf-lib';

/** Page orientation: questionnaires are portrait; the wide plan tables go on landscape pages. */
export type Orientation = 'portrait' | 'landscape';

/** A4 in points. */
export const A4 = { width: 595.28, height: 841.89 } as const;

/** Page margins in points (about 15 mm at the sides, room for the footer at the bottom). */
export const margin = { left: 42, right: 42, top: 38, bottom: 48 } as const;

/** The size of a page and the width of its text area. */
export function pageGeometry(orientation: Orientation): { width: number; height: number; contentWidth: number } {
  const width = orientation === 'portrait' ? A4.width : A4.height;
  const height = orientation === 'portrait' ? A4.height : A4.width;
  return { width, height, contentWidth: width - margin.left - margin.right };
}

/** Font sizes in points. */
export const size = {
  title: 13,
  titleSecondary: 10,
  section: 10,
  sectionSecondary: 8,
  label: 8.5,
  labelSecondary: 7,
  value: 9,
  caption: 6.8,
  small: 6.5,
  footer: 7,
} as const;

/** Line height as a multiple of the font size. */
export const leading = 1.22;

/** Colours: black print, grey for the secondary language and rules, a light fill for heads. */
export const color: Record<'text' | 'secondary' | 'muted' | 'rule' | 'box' | 'headFill' | 'bandFill' | 'routing' | 'alert' | 'alertFill', Color> = {
  text: grayscale(0),
  secondary: grayscale(0.36),
  muted: grayscale(0.45),
  rule: grayscale(0.35),
  box: grayscale(0.45),
  headFill: grayscale(0.9),
  bandFill: grayscale(0.94),
  routing: rgb(0.12, 0.27, 0.55),
  alert: rgb(0.72, 0.05, 0.05),
  alertFill: rgb(1, 0.93, 0.93),
};

/** Heights and widths used across the layout. */
export const metrics = {
  /** Height of a one-line input box. */
  box: 15,
  /** Side of a check box or radio button. */
  tick: 9,
  /** Padding inside an input box. */
  boxPad: 2,
  /** Vertical padding of a row. */
  rowPad: 3,
  /** Width of the number column ("3.5"). */
  number: 28,
  /** Share of the content width taken by the label column. */
  labelShare: 0.4,
  gap: 8,
} as const;
