/**
 * Where the standalone build's files are — each catalog form's model and validator (`forms/`) and the messages
 * (`locales/`): beside `komek.js` unless the host says otherwise. A host whose bundler moved `komek.js` into its own
 * chunks (Vite, webpack, Next.js) copies `dist/` to a folder it serves and names that folder with `setFilesBase`.
 */
let base: string | undefined;

/**
 * Fetch the element's form and message files from `url` (a folder: `'/komek/'`, `'https://cdn.example/komek/'`,
 * relative to the page) instead of beside `komek.js`; `undefined` goes back to beside `komek.js`. Call it before the
 * first form is drawn.
 */
export function setFilesBase(url: string | URL | undefined): void {
  const href = url === undefined ? undefined : String(url);
  base = href === undefined ? undefined : new URL(href.endsWith('/') ? href : `${href}/`, document.baseURI).href;
}

/** The URL of one of those files, by its path in `dist/` (`./forms/<id>.model.js`). */
export const beside = (path: string): string => new URL(path, base ?? import.meta.url).href;
