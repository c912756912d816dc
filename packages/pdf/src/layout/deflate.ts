/** Compresses bytes with zlib's deflate (the PDF FlateDecode filter). */
export type Deflate = (data: Uint8Array) => Uint8Array;

const runsInNode =
  typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string' &&
  import.meta.url.startsWith('file:');

let native: Promise<Deflate | undefined> | undefined;

/**
 * Node's native deflate, several times faster than the JavaScript one pdf-lib bundles; undefined in a browser,
 * where pdf-lib's own is used. Level 6: page streams are mostly short operators that compress well at any level;
 * level 6 costs a third more time than level 3 for 4 % less size, which a tagged form's file size needs.
 */
export function nativeDeflate(): Promise<Deflate | undefined> {
  if (!native) {
    const zlibName = 'node:zlib';
    native = runsInNode
      ? import(/* @vite-ignore */ zlibName)
          .then(
            (zlib: { deflateSync(data: Uint8Array, options: { level: number }): Uint8Array }) => (data: Uint8Array) =>
              new Uint8Array(zlib.deflateSync(data, { level: 6 })),
          )
          .catch(() => undefined)
      : Promise.resolve(undefined);
  }
  return native;
}
