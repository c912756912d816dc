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
    /* A type scale (ratio 1.25 from the body size): title, section heading, question, help and second language. */
    --_size-title: var(--komek-font-size-title, 1.75em);
    --_size-section: var(--komek-font-size-section, 1.375em);
    --_size-small: var(--komek-font-size-small, 0.875em);
    /* Touch targets: 44 × 44 CSS px at least (WCAG 2.5.5), for controls and the labels of radios and tick boxes. */
    --_target: var(--komek-target-size, 2.75rem);
    display: block;
    /* Fonts that draw all six languages (Cyrillic with ә ғ қ ң ө ұ ү һ і ӣ ӯ ҳ ҷ, Latin with ʻ); the host page loads
       them (the demo self-hosts Noto Sans); the system's fonts otherwise. */
    font-family: var(
      --komek-font,
      'Noto Sans',
      'DejaVu Sans',
      system-ui,
      -apple-system,
      'Segoe UI',
      Roboto,
      sans-serif
    );
    font-size: var(--komek-font-size, 1rem);
    line-height: 1.5;
    color: var(--_text);
    background: var(--_bg);
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  h1 {
    font-size: var(--_size-title);
    line-height: 1.2;
    margin: 0 0 calc(var(--_space) * 0.75);
    color: var(--_text);
    text-wrap: balance;
    overflow-wrap: break-word;
  }
  h2 {
    font-size: var(--_size-section);
    line-height: 1.25;
    margin: 0;
    color: var(--_text);
    display: inline;
  }
  .secondary {
    display: block;
    font-size: var(--_size-small);
    font-weight: normal;
    color: var(--_muted);
  }
  h1 .secondary {
    font-size: 0.6em;
    margin-top: 0.25rem;
  }
  .number {
    font-weight: 700;
  }
  .mark {
    margin-left: 0.2em;
    font-weight: 700;
  }
  .mark.required {
    color: var(--_error);
  }
  .mark.derived {
    color: var(--_muted);
  }
  .marks {
    display: flex;
    flex-direction: column;
    gap: 0.125rem;
    margin: 0 0 var(--_space);
    color: var(--_muted);
    font-size: var(--_size-small);
  }
  .marks .mark {
    margin: 0;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    font-weight: 600;
  }
  .group,
  .indicators,
  .table-block,
  .repeat {
    margin: 0 0 var(--_space);
  }
  .section {
    border-top: 3px solid var(--_accent);
    padding-top: calc(var(--_space) * 0.75);
    margin-top: calc(var(--_space) * 2);
  }
  .section > legend {
    float: left;
    width: 100%;
    margin-bottom: calc(var(--_space) / 2);
  }
  .section > legend + * {
    clear: both;
  }
  .group .group:not(.section),
  .signature,
  .item {
    border-left: 3px solid var(--_stripe);
    padding-left: calc(var(--_space) * 0.75);
  }
  .children {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.75);
    margin-top: calc(var(--_space) / 2);
  }
  .inline > .children,
  .inline-row {
    flex-direction: row;
    flex-wrap: wrap;
    align-items: flex-start;
  }
  /* Side by side with a fixed basis and no growing: a field the answers reveal takes its own room instead of
     narrowing (reflowing) the fields beside it. */
  .inline > .children > *,
  .inline-row > * {
    flex: 0 1 18rem;
    min-width: min(100%, 12rem);
  }
  /* A YES / NO that reveals a question, and the question it reveals, each take a row of their own (the revealed one
     marked with a bar, as in the GOV.UK Design System's conditional reveal): showing it moves the fields after it
     down, never sideways. */
  .inline > .children > .yesno,
  .inline > .children > .revealed {
    flex-basis: 100%;
  }
  .revealed {
    border-left: 4px solid #b1b4b6;
    padding-left: 0.75rem;
  }
  .body > * + * {
    margin-top: calc(var(--_space) * 0.75);
  }
  /* Long forms: sections off screen are not laid out or painted until they come near the viewport. Only a height
     is guessed: a guessed width would be a minimum width on a phone (a size container inside keeps it). */
  .body > .section {
    content-visibility: var(--komek-content-visibility, auto);
    contain-intrinsic-block-size: auto 40rem;
  }

  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  .field > label,
  .field > .label {
    font-weight: 600;
  }
  .checkbox {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: 0.5rem;
    align-items: start;
  }
  .checkbox > label {
    font-weight: normal;
    min-height: var(--_target);
    padding-top: 0.55rem;
    cursor: pointer;
  }
  .checkbox > input {
    margin-top: 0.65rem;
  }
  .checkbox > :not(input) {
    grid-column: 2;
  }
  .checklist {
    padding: 0.5rem;
    background: var(--_stripe);
    border-radius: var(--_radius);
  }
  .description {
    color: var(--_muted);
    font-size: 0.9375em;
  }
  .static {
    margin: 0;
    padding: 0.5rem 0.75rem;
    border-left: 3px solid var(--_border);
  }

  input:not([type]),
  input[type='text'],
  input[type='number'],
  select,
  textarea {
    font: inherit;
    color: var(--_text);
    background: var(--_input-bg);
    min-height: var(--_target);
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.375rem 0.5rem;
    width: 100%;
    max-width: 40rem;
  }
  input[type='number'] {
    max-width: 8rem;
  }
  input.date {
    max-width: 10rem;
    font-variant-numeric: tabular-nums;
  }
  textarea {
    resize: vertical;
    min-height: 5rem;
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
    flex: none;
    accent-color: var(--_accent);
    cursor: pointer;
  }
  input[readonly],
  textarea[readonly] {
    background: var(--_stripe);
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline-offset: 1px;
  }

  .options {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.25rem;
  }
  .option,
  .answer {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    cursor: pointer;
    min-height: var(--_target);
    min-width: var(--_target);
  }
  div.field:not(.checkbox) > :is(label, .label, .description) {
    order: -2;
  }

  /* YES / NO: a question legend and two answers. In an indicator table each row is a grid row. A question's words
     wrap inside its own column (a long word breaks rather than running under the answers); an indicator table
     narrows its answer columns when it is narrow, and stacks the question over labelled answers when very narrow. */
  .yesno > legend {
    overflow-wrap: anywhere;
  }
  .yesno.field {
    display: block;
  }
  .yesno.field > legend {
    margin-bottom: 0.25rem;
  }
  .yesno.field .answer {
    margin-right: 1.25rem;
  }
  .indicators {
    container: komek-indicators / inline-size;
  }
  .indicators > legend {
    margin-bottom: 0.5rem;
  }
  .indicators .head,
  .yesno.row {
    display: grid;
    grid-template-columns: minmax(0, 1fr) 5.5rem 5.5rem;
    align-items: center;
    column-gap: 0.5rem;
  }
  .indicators .head {
    font-size: 0.85em;
    font-weight: 600;
    color: var(--_muted);
    padding: 0 0.5rem;
    text-align: center;
    overflow-wrap: anywhere;
  }
  .yesno.row {
    padding: 0.125rem 0.5rem;
    border-bottom: 1px solid #d0d4d9;
  }
  .yesno.row:has(> .error) {
    box-shadow: inset 5px 0 0 var(--_error);
  }
  .yesno.row:nth-of-type(even) {
    background: var(--_stripe);
  }
  .yesno.row > legend {
    float: left;
    font-weight: normal;
    grid-column: 1;
    min-width: 0;
  }
  .yesno.row .answer {
    position: relative;
    justify-content: center;
    min-width: 0;
  }
  /* The answers' words are for screen readers under the table's head; a very narrow table shows them (below). */
  @container komek-indicators not (max-width: 18rem) {
    .yesno.row .answer > span {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
  }
  .yesno.row > .error,
  .yesno.row > .description {
    grid-column: 1 / -1;
  }
  .indicators > .field,
  .indicators > .group {
    margin: 0.5rem 0.5rem 0.5rem 1.5rem;
  }
  @container komek-indicators (max-width: 30rem) {
    .indicators .head,
    .yesno.row {
      grid-template-columns: minmax(0, 1fr) 3.5rem 3.5rem;
      column-gap: 0.25rem;
    }
    .indicators .head {
      padding: 0 0.25rem;
    }
    .yesno.row {
      padding: 0.35rem 0.25rem;
    }
    .indicators > .field,
    .indicators > .group {
      margin-left: 0.75rem;
      margin-right: 0.25rem;
    }
  }
  @container komek-indicators (max-width: 18rem) {
    .indicators .head {
      display: none;
    }
    .yesno.row {
      grid-template-columns: repeat(2, minmax(0, 1fr));
      row-gap: 0.25rem;
    }
    .yesno.row > legend {
      grid-column: 1 / -1;
    }
    .yesno.row .answer {
      justify-content: flex-start;
    }
  }

  .actions {
    white-space: nowrap;
  }

  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    min-height: var(--_target);
    padding: 0.5rem 1rem;
    border: 1px solid var(--_accent);
    background: var(--_bg);
    color: var(--_accent);
  }
  button.primary {
    background: var(--_accent);
    color: var(--_accent-text);
    font-weight: 600;
  }
  button:disabled {
    cursor: not-allowed;
    border-color: var(--_border);
    color: var(--_muted);
  }
  .form > .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-top: calc(var(--_space) * 1.5);
  }
  .add {
    margin-top: 0.25rem;
  }

  .unknown,
  .load-error {
    color: var(--_error);
  }

  @media print {
    :host {
      color: #000;
      background: #fff;
      font-size: 10.5pt;
    }
    .actions,
    .notice,
    .summary,
    .add,
    .remove,
    button {
      display: none !important;
    }
    .section {
      border-top-color: #000;
      content-visibility: visible;
    }
    h2 {
      color: #000;
    }
    .yesno.row,
    .field {
      break-inside: avoid;
    }
    input,
    select,
    textarea {
      border: 0;
      border-bottom: 1px solid #000;
      border-radius: 0;
      background: none;
    }
    textarea {
      resize: none;
    }
    .yesno.row:nth-of-type(even),
    .checklist {
      background: none;
    }
  }
`;
