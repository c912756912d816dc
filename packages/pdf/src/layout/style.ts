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

/**
 * Font sizes in points. Everything a person reads to fill in the form is at least 9.5 pt in the primary language and
 * 7.5 pt in the secondary one (`label`, `labelSecondary`); only the running head and the footer are smaller.
 */
export const size = {
  title: 14,
  titleSecondary: 11,
  section: 11,
  sectionSecondary: 8.5,
  label: 9.5,
  labelSecondary: 7.5,
  value: 10,
  caption: 9.5,
  captionSecondary: 7.5,
  small: 8,
  footer: 8,
} as const;

/** Line height as a multiple of the font size. */
export const leading = 1.22;

/** Colours: black print, a dark grey for the secondary language (legible on a photocopy), grey rules, a light fill for heads. */
export const color: Record<
  'text' | 'secondary' | 'muted' | 'rule' | 'box' | 'headFill' | 'bandFill' | 'routing' | 'alert' | 'alertFill',
  Color
> = {
  text: grayscale(0),
  secondary: grayscale(0.25),
  muted: grayscale(0.3),
  rule: grayscale(0.35),
  box: grayscale(0.45),
  headFill: grayscale(0.9),
  bandFill: grayscale(0.94),
  routing: rgb(0.12, 0.27, 0.55),
  alert: rgb(0.72, 0.05, 0.05),
  alertFill: rgb(1, 0.93, 0.93),
};

/** Heights and widths used across the layout, sized for a pen: 1 mm = 2.835 pt. */
export const metrics = {
  /** Height of a one-line input box: 7 mm, room for handwriting. */
  box: 20,
  /** Side of a check box or radio button: 4.6 mm, room for a pen's tick. */
  tick: 13,
  /** Padding inside an input box. */
  boxPad: 3,
  /** Vertical padding of a row. */
  rowPad: 4,
  /** Width of the number column ("3.5"). */
  number: 30,
  /** Share of the content width taken by the label column. */
  labelShare: 0.4,
  gap: 8,
  /** Narrowest box for a written answer in a row of several (a place of birth's parts): 45 mm. */
  minWriteIn: 128,
  /** Space after a table. */
  afterTable: 10,
} as const;

/** Width of a date box: dd.mm.yyyy written by hand. */
export const DATE_BOX = 92;
