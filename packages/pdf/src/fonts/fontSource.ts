/** The bytes of the two TrueType fonts every paper form embeds (DejaVu Sans and DejaVu Sans Bold). */
export interface FontSource {
  regular: Uint8Array;
  bold: Uint8Array;
}

/** Provides the font bytes: from disk in Node, fetched as an asset in a browser, or anything a host supplies. */
export type FontLoader = () => Promise<FontSource>;

const FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

const runsInNode =
  typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string' &&
  import.meta.url.startsWith('file:');

/** Reads the fonts from the `dejavu-fonts-ttf` package on disk. */
async function readFromPackage(): Promise<FontSource> {
  // Module names in variables keep browser bundlers from following these Node-only imports.
  const moduleName = 'node:module';
  const fsName = 'node:fs/promises';
  const { createRequire } = (await import(/* @vite-ignore */ moduleName)) as {
    createRequire: (url: string) => { resolve: (id: string) => string };
  };
  const { readFile } = (await import(/* @vite-ignore */ fsName)) as { readFile: (path: string) => Promise<Uint8Array> };
  const require = createRequire(import.meta.url);
  const [regular, bold] = await Promise.all([
    readFile(require.resolve(`dejavu-fonts-ttf/ttf/${FILES.regular}`)),
    readFile(require.resolve(`dejavu-fonts-ttf/ttf/${FILES.bold}`)),
  ]);
  return { regular: new Uint8Array(regular), bold: new Uint8Array(bold) };
}

/** Fetches the fonts as assets a bundler emits beside this module (Vite resolves `new URL(…, import.meta.url)`). */
async function fetchAssets(): Promise<FontSource> {
  const urls = {
    regular: new URL('../../node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf', import.meta.url),
    bold: new URL('../../node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf', import.meta.url),
  };
  const get = async (url: URL) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${url.href}`);
    return new Uint8Array(await response.arrayBuffer());
  };
  const [regular, bold] = await Promise.all([get(urls.regular), get(urls.bold)]);
  return { regular, bold };
}

/** The default loader: the package files in Node, bundled assets in a browser. */
export const defaultFontLoader: FontLoader = runsInNode ? readFromPackage : fetchAssets;

let loader: FontLoader = defaultFontLoader;
let loaded: Promise<FontSource> | undefined;

/**
 * Replaces how the font bytes are obtained (e.g. a host page that serves them from its own CDN, or passes bytes it
 * already has). Pass undefined to restore the default. Fonts already loaded are dropped.
 */
export function setFontLoader(custom: FontLoader | undefined): void {
  loader = custom ?? defaultFontLoader;
  loaded = undefined;
}

/** The font bytes, loaded once per process (or page) and then shared. */
export function loadFonts(): Promise<FontSource> {
  if (!loaded) {
    loaded = loader();
    loaded.catch(() => (loaded = undefined));
  }
  return loaded;
}
