/**
 * Adds a Unicode `cmap` table (platform 3, encoding 1, format 4) to a TrueType font. fontkit's subsets carry only the
 * tables a PDF needs to draw given glyph ids; a viewer that draws what a person types into a field must find the
 * glyph of each character, and looks in the font's cmap for it.
 */
export function addCmap(font: Uint8Array, glyphOf: ReadonlyMap<number, number>): Uint8Array {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const numTables = view.getUint16(4);
  const tables: { tag: string; data: Uint8Array; checksum: number }[] = [];
  for (let i = 0; i < numTables; i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(font[at]!, font[at + 1]!, font[at + 2]!, font[at + 3]!);
    if (tag === 'cmap') continue;
    const offset = view.getUint32(at + 8);
    const length = view.getUint32(at + 12);
    tables.push({ tag, data: font.subarray(offset, offset + length), checksum: view.getUint32(at + 4) });
  }
  const cmap = format4(glyphOf);
  tables.push({ tag: 'cmap', data: cmap, checksum: checksum(cmap) });
  tables.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));

  const headerLength = 12 + 16 * tables.length;
  let size = headerLength;
  for (const t of tables) size += (t.data.length + 3) & ~3;
  const out = new Uint8Array(size);
  const o = new DataView(out.buffer);
  o.setUint32(0, view.getUint32(0));
  o.setUint16(4, tables.length);
  const entrySelector = Math.floor(Math.log2(tables.length));
  o.setUint16(6, 16 * 2 ** entrySelector);
  o.setUint16(8, entrySelector);
  o.setUint16(10, 16 * tables.length - 16 * 2 ** entrySelector);
  let offset = headerLength;
  tables.forEach((t, i) => {
    const at = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[at + k] = t.tag.charCodeAt(k);
    o.setUint32(at + 4, t.checksum);
    o.setUint32(at + 8, offset);
    o.setUint32(at + 12, t.data.length);
    out.set(t.data, offset);
    offset += (t.data.length + 3) & ~3;
  });
  return out;
}

/** A format 4 subtable: one segment per run of consecutive characters with consecutive glyph ids. */
function format4(glyphOf: ReadonlyMap<number, number>): Uint8Array {
  const codes = [...glyphOf.keys()].filter((c) => c > 0 && c < 0xffff).sort((a, b) => a - b);
  const segments: { start: number; end: number; delta: number }[] = [];
  for (const code of codes) {
    const gid = glyphOf.get(code)!;
    const last = segments[segments.length - 1];
    if (last && code === last.end + 1 && gid - code === last.delta) last.end = code;
    else segments.push({ start: code, end: code, delta: gid - code });
  }
  segments.push({ start: 0xffff, end: 0xffff, delta: 1 });
  const segCount = segments.length;
  const subtableLength = 16 + 8 * segCount;
  const out = new Uint8Array(12 + subtableLength);
  const v = new DataView(out.buffer);
  v.setUint16(0, 0); // cmap version
  v.setUint16(2, 1); // one encoding record
  v.setUint16(4, 3); // Windows
  v.setUint16(6, 1); // Unicode BMP
  v.setUint32(8, 12);
  const s = 12;
  const entrySelector = Math.floor(Math.log2(segCount));
  const searchRange = 2 * 2 ** entrySelector;
  v.setUint16(s, 4);
  v.setUint16(s + 2, subtableLength);
  v.setUint16(s + 4, 0);
  v.setUint16(s + 6, segCount * 2);
  v.setUint16(s + 8, searchRange);
  v.setUint16(s + 10, entrySelector);
  v.setUint16(s + 12, segCount * 2 - searchRange);
  const ends = s + 14;
  const starts = ends + 2 * segCount + 2;
  const deltas = starts + 2 * segCount;
  const rangeOffsets = deltas + 2 * segCount;
  segments.forEach((seg, i) => {
    v.setUint16(ends + 2 * i, seg.end);
    v.setUint16(starts + 2 * i, seg.start);
    v.setUint16(deltas + 2 * i, (seg.delta + 0x10000) & 0xffff);
    v.setUint16(rangeOffsets + 2 * i, 0);
  });
  return out;
}

/** The TrueType table checksum: the sum of the table as big-endian 32-bit words. */
function checksum(data: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) {
    sum =
      (sum + (((data[i] ?? 0) << 24) | ((data[i + 1] ?? 0) << 16) | ((data[i + 2] ?? 0) << 8) | (data[i + 3] ?? 0))) >>>
      0;
  }
  return sum;
}
