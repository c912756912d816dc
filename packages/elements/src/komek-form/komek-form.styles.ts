import { css } from 'lit';

/**
 * Styles of `<komek-form>`. Every colour comes from a `--komek-*` custom property whose default meets WCAG 2.1 AA
 * on white (text 4.5:1, borders and focus 3:1).
 */
export const styles = css`
  :host {
    --_text: var(--komek-color-text, #1a1a1a);
    --_muted: var(--komek-color-muted, #595959);
    --_bg: var(--komek-color-bg, #ffffff);
    --_input-bg: var(--komek-color-input-bg, #ffffff);
    --_border: var(--komek-color-border, #6b6b6b);
    --_accent: var(--komek-color-accent, #0b5cad);
    --_accent-text: var(--komek-color-accent-text, #ffffff);
    --_error: var(--komek-color-error, #b3261e);
    --_focus: var(--komek-color-focus, #1a5fb4);
    --_stripe: var(--komek-color-stripe, #f4f6f8);
    --_radius: var(--komek-radius, 4px);
    --_space: var(--komek-space, 1rem);
    display: block;
    font-family: var(--komek-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif);
    font-size: var(--komek-font-size, 1rem);
    line-height: 1.45;
    color: var(--_text);
    background: var(--_bg);
  }
  :host([hidden]) { display: none; }
  * { box-sizing: border-box; }
  h1 { font-size: 1.4em; margin: 0 0 var(--_space); color: var(--_text); }
  h2 { font-size: 1.15em; margin: 0; color: var(--_accent); display: inline; }
  .secondary { display: block; font-size: 0.85em; font-weight: normal; color: var(--_muted); }
  .number { font-weight: 600; }
  .required { color: var(--_error); }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }

  fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
  legend { padding: 0; font-weight: 600; }
  .group, .indicators, .table-block, .repeat { margin: 0 0 var(--_space); }
  .section { border-top: 2px solid var(--_accent); padding-top: calc(var(--_space) / 2); margin-top: calc(var(--_space) * 1.5); }
  .section > legend { float: left; width: 100%; margin-bottom: calc(var(--_space) / 2); }
  .section > legend + * { clear: both; }
  .group .group:not(.section), .signature, .item { border-left: 3px solid var(--_stripe); padding-left: calc(var(--_space) * 0.75); }
  .children { display: flex; flex-direction: column; gap: calc(var(--_space) * 0.75); margin-top: calc(var(--_space) / 2); }
  .inline > .children, .inline-row { flex-direction: row; flex-wrap: wrap; align-items: flex-start; }
  .inline > .children > *, .inline-row > * { flex: 1 1 14rem; }
  .body > * + * { margin-top: calc(var(--_space) * 0.75); }
  /* Long forms: sections off screen are not laid out or painted until they come near the viewport. */
  .body > .section { content-visibility: var(--komek-content-visibility, auto); contain-intrinsic-size: auto 40rem; }

  .field { display: flex; flex-direction: column; gap: 0.25rem; }
  .field > label, .field > legend, .field > .label { font-weight: 500; }
  .checkbox { display: grid; grid-template-columns: auto 1fr; column-gap: 0.5rem; align-items: start; }
  .checkbox > :not(input) { grid-column: 2; }
  .checklist { padding: 0.5rem; background: var(--_stripe); border-radius: var(--_radius); }
  .description { color: var(--_muted); font-size: 0.9em; }
  .static { margin: 0; padding: 0.5rem 0.75rem; border-left: 3px solid var(--_border); }

  input:not([type]), input[type='text'], input[type='number'], input[type='date'], select, textarea {
    font: inherit; color: var(--_text); background: var(--_input-bg);
    border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.375rem 0.5rem; width: 100%; max-width: 40rem;
  }
  input[type='number'] { max-width: 8rem; }
  input[type='date'] { max-width: 12rem; }
  textarea { resize: vertical; min-height: 2.5rem; }
  input[type='checkbox'], input[type='radio'] { width: 1.25rem; height: 1.25rem; margin: 0.1rem 0; accent-color: var(--_accent); }
  input[readonly], textarea[readonly] { background: var(--_stripe); }
  [aria-invalid='true']:not([type='radio']):not([type='checkbox']) { border-color: var(--_error); border-width: 2px; }
  :focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
  input:focus-visible, select:focus-visible, textarea:focus-visible { outline-offset: 1px; }

  .options { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
  .option, .answer { display: inline-flex; align-items: flex-start; gap: 0.4rem; cursor: pointer; }
  .error { color: var(--_error); font-weight: 500; display: flex; flex-direction: column; }
  .error::before { content: ''; }

  /* YES / NO: a question legend and two answers. In an indicator table each row is a grid row. A question's words
     wrap inside its own column (a long word breaks rather than running under the answers); an indicator table
     narrows its answer columns when it is narrow, and stacks the question over labelled answers when very narrow. */
  .yesno > legend { overflow-wrap: anywhere; }
  .yesno.field { display: block; }
  .yesno.field > legend { margin-bottom: 0.25rem; }
  .yesno.field .answer { margin-right: 1.25rem; }
  .indicators { container: komek-indicators / inline-size; }
  .indicators > legend { margin-bottom: 0.5rem; }
  .indicators .head, .yesno.row { display: grid; grid-template-columns: minmax(0, 1fr) 5.5rem 5.5rem; align-items: center; column-gap: 0.5rem; }
  .indicators .head { font-size: 0.85em; font-weight: 600; color: var(--_muted); padding: 0 0.5rem; text-align: center; overflow-wrap: anywhere; }
  .yesno.row { padding: 0.35rem 0.5rem; border-bottom: 1px solid #d0d4d9; }
  .yesno.row:nth-of-type(even) { background: var(--_stripe); }
  .yesno.row > legend { float: left; font-weight: normal; grid-column: 1; min-width: 0; }
  .yesno.row .answer { justify-content: center; min-width: 0; }
  .yesno.row .answer > span { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  .yesno.row > .error, .yesno.row > .description { grid-column: 1 / -1; }
  .indicators > .field, .indicators > .group { margin: 0.5rem 0.5rem 0.5rem 1.5rem; }
  @container komek-indicators (max-width: 30rem) {
    .indicators .head, .yesno.row { grid-template-columns: minmax(0, 1fr) 3.5rem 3.5rem; column-gap: 0.25rem; }
    .indicators .head { padding: 0 0.25rem; }
    .yesno.row { padding: 0.35rem 0.25rem; }
    .indicators > .field, .indicators > .group { margin-left: 0.75rem; margin-right: 0.25rem; }
  }
  @container komek-indicators (max-width: 18rem) {
    .indicators .head { display: none; }
    .yesno.row { grid-template-columns: repeat(2, minmax(0, 1fr)); row-gap: 0.25rem; }
    .yesno.row > legend { grid-column: 1 / -1; }
    .yesno.row .answer { justify-content: flex-start; }
    .yesno.row .answer > span { position: static; width: auto; height: auto; overflow: visible; clip-path: none; }
  }

  .scroll { overflow-x: auto; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #c4c9cf; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
  thead th { background: var(--_stripe); font-size: 0.9em; }
  th.category, .category th { background: #e8edf3; }
  th[scope='row'] { font-weight: normal; }
  td textarea, td input[type='date'] { min-width: 9rem; }
  .plan td textarea { min-width: 11rem; }
  .num { text-align: right; white-space: nowrap; }
  .actions { white-space: nowrap; }

  button { font: inherit; cursor: pointer; border-radius: var(--_radius); padding: 0.45rem 1rem; border: 1px solid var(--_accent); background: var(--_bg); color: var(--_accent); }
  button.primary { background: var(--_accent); color: var(--_accent-text); font-weight: 600; }
  button:disabled { cursor: not-allowed; border-color: var(--_border); color: var(--_muted); }
  .form > .actions { display: flex; gap: 0.75rem; margin-top: calc(var(--_space) * 1.5); }
  .add { margin-top: 0.25rem; }

  .notice, .summary { border-radius: var(--_radius); padding: 0.75rem 1rem; margin-bottom: var(--_space); }
  .notice { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; border: 1px solid var(--_accent); background: #eef4fb; }
  .summary { border: 2px solid var(--_error); }
  .notice.problem { border: 2px solid var(--_error); background: #fdf0ef; }
  .consent { border: 2px solid var(--_accent); border-radius: var(--_radius); padding: 0.75rem 1rem; background: #eef4fb; }
  .consent p { margin: 0 0 0.5rem; }
  .consent ul { margin: 0; padding-left: 1.25rem; }
  .summary h2 { color: var(--_error); display: block; margin-bottom: 0.5rem; }
  .summary ul { margin: 0; padding-left: 1.25rem; }
  .summary a { color: var(--_error); }
  .unknown, .load-error { color: var(--_error); }

  @media print {
    :host { color: #000; background: #fff; font-size: 10.5pt; }
    .actions, .notice, .summary, .add, .remove, button { display: none !important; }
    .section { break-inside: auto; border-top-color: #000; content-visibility: visible; }
    h2 { color: #000; }
    .yesno.row, tr, .field { break-inside: avoid; }
    input, select, textarea { border: 0; border-bottom: 1px solid #000; border-radius: 0; background: none; }
    textarea { resize: none; }
    .scroll { overflow: visible; }
    .yesno.row:nth-of-type(even), thead th, .checklist { background: none; }
  }
`;
