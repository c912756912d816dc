import { css } from 'lit';

/** The styles every screen of the desk shares (header, controls, lists, notices); a screen adds its own. */
export const deskStyles = css`
  :host {
    display: block;
    font-family: 'Noto Sans', system-ui, sans-serif;
    color: #1a1a1a;
    line-height: 1.5;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    padding: 0.5rem 1rem;
    background: #0b5cad;
    color: #fff;
  }
  .brand {
    font-weight: 700;
    margin-inline-end: auto;
  }
  header select {
    margin-inline-start: 0.25rem;
  }
  main {
    max-width: 60rem;
    margin: 0 auto;
    padding: 0 1rem 2rem;
    overflow-wrap: anywhere;
  }
  h1:focus {
    outline: none;
  }
  .draft {
    margin: 0;
    padding: 0.25rem 1rem;
    background: #fff4d6;
    font-size: 0.875rem;
  }
  label {
    display: inline-flex;
    flex-direction: column;
    gap: 0.25rem;
    max-width: 100%;
    min-width: 0;
  }
  input,
  select,
  button,
  .button {
    font: inherit;
    min-height: 2.75rem;
    box-sizing: border-box;
    max-width: 100%;
  }
  input {
    padding: 0 0.5rem;
    border: 1px solid #6b6b6b;
    border-radius: 4px;
  }
  button,
  .button {
    display: inline-flex;
    align-items: center;
    padding: 0 1rem;
    border: 0;
    border-radius: 4px;
    background: #0b5cad;
    color: #fff;
    text-decoration: none;
    cursor: pointer;
  }
  button.secondary {
    background: #fff;
    color: #0b5cad;
    border: 1px solid #0b5cad;
  }
  textarea {
    font: inherit;
    max-width: 100%;
    box-sizing: border-box;
    border: 1px solid #6b6b6b;
    border-radius: 4px;
  }
  header nav {
    flex: 0 0 100%;
  }
  nav ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  header a {
    min-height: 2.75rem;
    display: inline-flex;
    align-items: center;
  }
  /* "All cases", "Back to the case", a case in the list: links on their own, as easy to tap as a button. */
  .back a,
  .cases li > a {
    min-height: 2.75rem;
    display: inline-flex;
    align-items: center;
  }
  header a[aria-current='page'] {
    font-weight: 700;
  }
  button.link {
    background: transparent;
    color: inherit;
    text-decoration: underline;
    padding: 0 0.25rem;
  }
  .signin {
    display: flex;
    flex-direction: column;
    gap: 1rem;
    max-width: 22rem;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
    align-items: flex-end;
  }
  .cases,
  .steps,
  .tasks {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  .cases li,
  .steps li,
  .tasks li {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    align-items: center;
    padding: 0.75rem 0;
    border-bottom: 1px solid #d0d0d0;
  }
  .tasks .notes {
    flex: 0 0 100%;
    list-style: none;
    padding: 0;
    margin: 0;
    overflow-wrap: anywhere;
  }
  .tasks .notes li {
    display: block;
    padding: 0;
    border: 0;
  }
  .steps .title {
    flex: 1 1 18rem;
  }
  .steps .step {
    flex: 0 0 100%;
    font-size: 0.875rem;
    color: #595959;
  }
  .state {
    display: flex;
    flex-direction: column;
    font-size: 0.875rem;
  }
  .muted {
    color: #595959;
  }
  .ok {
    color: #1e6b34;
  }
  .warn {
    color: #b3261e;
    font-weight: 600;
  }
  .problem {
    border: 2px solid #b3261e;
    border-radius: 4px;
    padding: 0 1rem;
    margin: 1rem 0;
  }
  .saved {
    border-inline-start: 4px solid #1e6b34;
    padding-inline-start: 0.75rem;
  }
  a {
    color: #0b5cad;
  }
  header a,
  .button {
    color: #fff;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
