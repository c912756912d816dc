/**
 * The marks printed after a label, the same on screen and on paper, each explained once in a legend
 * (`ui:marks.required`, `ui:marks.derived`, with the mark as `{{mark}}`):
 * - `required`: the question must be answered;
 * - `derived`: the part is not on the printed form of the guidelines; Komek adds it from the guidelines' text.
 * Both glyphs are in DejaVu Sans and Noto Sans.
 */
export const marks = {
  required: '*',
  derived: '†',
} as const;

/** One of the marks. */
export type Mark = keyof typeof marks;
