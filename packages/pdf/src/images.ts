/** The only images a paper form prints: a drawn signature as a PNG data URL (what the signature pad gives). */
export const PNG_DATA_URL = /^data:image\/png;base64,([A-Za-z0-9+/]+={0,2})$/;

/** Bounds of a drawn signature: a pad on a high-density screen gives about 2000 × 600 pixels. */
export const SIGNATURE_LIMITS = { side: 4000, pixels: 4_000_000 } as const;

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = crcTable[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function base64Bytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * Why a drawn signature cannot be printed, or undefined when it can: not a PNG data URL (a link to elsewhere is never
 * fetched), not a PNG, damaged (a chunk's checksum, a missing end), or larger than `SIGNATURE_LIMITS` (a 6000 × 6000
 * image costs half a gigabyte to embed). Checks the structure without decoding the pixels.
 */
export function signatureImageProblem(value: string): string | undefined {
  const m = PNG_DATA_URL.exec(value);
  if (!m) return 'not a PNG image drawn on the signature pad (a data:image/png;base64 URL)';
  let bytes: Uint8Array;
  try {
    bytes = base64Bytes(m[1]!);
  } catch {
    return 'not valid base64';
  }
  if (bytes.length < 8 + 25 || !SIGNATURE.every((b, i) => bytes[i] === b)) return 'not a PNG image';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  let first = true;
  let sawData = false;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const end = at + 8 + length;
    if (length > bytes.length || end + 4 > bytes.length) return `a damaged PNG image (the ${type} chunk is cut short)`;
    if (crc(bytes, at + 4, end) !== view.getUint32(end))
      return `a damaged PNG image (the ${type} chunk's checksum is wrong)`;
    if (first) {
      if (type !== 'IHDR' || length !== 13) return 'a damaged PNG image (no header)';
      const width = view.getUint32(at + 8);
      const height = view.getUint32(at + 12);
      if (width === 0 || height === 0) return 'an empty PNG image';
      if (width > SIGNATURE_LIMITS.side || height > SIGNATURE_LIMITS.side || width * height > SIGNATURE_LIMITS.pixels) {
        return `${width} × ${height} pixels, larger than a signature needs (at most ${SIGNATURE_LIMITS.side} pixels a side and ${SIGNATURE_LIMITS.pixels / 1_000_000} million in all)`;
      }
      first = false;
    }
    if (type === 'IDAT') sawData = true;
    if (type === 'IEND') return sawData ? undefined : 'a damaged PNG image (no pixel data)';
    at = end + 4;
  }
  return 'a damaged PNG image (cut short: no end)';
}
