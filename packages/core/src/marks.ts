/**
 * The two marks a label may carry, the same on screen (`<komek-form>`) and on paper (`@komek/pdf`): one for a
 * question that must be answered, another for a part that is not on the printed form (added from the guidelines'
 * text, `x-komek.derived`). Both glyphs are in the project's font (DejaVu Sans / Noto Sans) in every language.
 * The sentences that explain them are the `ui:marks.required` and `ui:marks.derived` messages (`{{mark}}`).
 */
export const REQUIRED_MARK = '*';

/** Marks a part the printed form lacks (see REQUIRED_MARK). A dagger: never confused with the required star. */
export const DERIVED_MARK = '†';
