import { css } from 'lit';
import { addStyles } from '../komek-form/lazy-styles.js';

/**
 * Styles of the needs and plan tables, which are drawn by chunks of their own: they come with the first of them a
 * form loads (see lazy-styles.ts).
 */
export const tableStyles = css`
  /* A table wider than the screen scrolls inside its box; the box is the containing block of everything in it (a
     screen-reader-only text included), so nothing in the table widens the page. */
  .scroll {
    overflow-x: auto;
    position: relative;
    max-width: 100%;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    border: 1px solid #c4c9cf;
    padding: 0.35rem 0.5rem;
    text-align: left;
    vertical-align: top;
  }
  thead th {
    background: var(--_stripe);
    font-size: 0.9em;
  }
  th.category,
  .category th {
    background: #e8edf3;
  }
  th[scope='row'] {
    font-weight: normal;
  }
  td textarea,
  td input.date {
    min-width: 9rem;
  }
  .plan td textarea {
    min-width: 11rem;
  }
  /* A plan table wider than a phone scrolls; its add and remove buttons stay at the visible right edge. */
  .plan td.actions {
    position: sticky;
    right: 0;
    background: var(--_bg);
    box-shadow: -1px 0 0 #c4c9cf;
  }
  .plan tr.category > td.actions {
    background: #e8edf3;
  }
  .num {
    text-align: right;
    white-space: nowrap;
  }

  @media print {
    tr {
      break-inside: avoid;
    }
    .scroll {
      overflow: visible;
    }
    thead th {
      background: none;
    }
  }
`;

addStyles(tableStyles);
