import { randomBytes } from 'node:crypto';
import { readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError, exitCodes, InputError, OutputError, reasonOf } from './errors.js';

const BOM = [0xef, 0xbb, 0xbf];

/**
 * The offset of the first byte that is not well-formed UTF-8 (overlong forms, surrogates and code points above
 * U+10FFFF included), or -1.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min, cp] = [1, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [need, min, cp] = [2, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [need, min, cp] = [3, 0x10000, b & 0x07];
    else return i;
    if (i + need >= bytes.length) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Where a byte offset is: line and column (both from 1; the column counts bytes). */
function lineAndColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** Drops a leading UTF-8 byte-order mark (Windows editors write one). */
export function withoutBom(bytes: Uint8Array): Uint8Array {
  return bytes.length >= 3 && BOM.every((b, i) => bytes[i] === b) ? bytes.subarray(3) : bytes;
}

/** Why bytes are not UTF-8 text (`line 3, column 12 (bytes CF F0 …)`), or undefined when they are. */
export function utf8Problem(bytes: Uint8Array, firstLine = 1): string | undefined {
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return undefined;
  const { line, column } = lineAndColumn(bytes, bad);
  const hex = [...bytes.subarray(bad, bad + 4)].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
  return `not UTF-8 text: line ${line + firstLine - 1}, column ${column} (bytes ${hex}); save it as UTF-8`;
}

/**
 * Decodes bytes as UTF-8, strictly: a byte sequence that is not UTF-8 (a file saved as Windows-1251, say) is
 * refused with its line and column instead of turning into replacement characters. A leading byte-order mark is
 * dropped. `file` names the bytes in the error.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  const body = withoutBom(bytes);
  const problem = utf8Problem(body);
  if (problem) throw new InputError(file, problem);
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
}

/** Reads a whole input file, or throws `InputError` with a short reason. */
export function readInput(file: string): Uint8Array {
  try {
    if (statSync(file).isDirectory()) throw new InputError(file, 'it is a folder, not a file');
    return readFileSync(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, reasonOf(e), { cause: e });
  }
}

/** Why JSON text is not JSON, and where (an offset into the text), worded without quoting the text. */
export function jsonProblem(text: string): { offset: number; reason: string } | undefined {
  const n = text.length;
  let i = 0;
  class Stop extends Error {
    constructor(
      readonly offset: number,
      readonly reason: string,
    ) {
      super(reason);
    }
  }
  const fail = (reason: string): never => {
    throw new Stop(i, i >= n ? 'the text ends before the JSON value is complete' : reason);
  };
  const space = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= n) fail('');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail('a line break or control character inside a string (write it as \\n or \\t)');
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else if (e !== undefined && e !== 'u' && '"\\/bfnrt'.includes(e)) i += 2;
        else fail('a backslash that starts no escape (write \\\\ for a backslash)');
      } else i++;
    }
  };
  const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (depth: number): void => {
    if (depth > 1000) fail('nested too deeply');
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          space();
          if (text[i] !== '"') fail('expected a property name in double quotes');
          string();
          space();
          if (text[i] !== ':') fail("expected ':' after a property name");
          i++;
        }
        value(depth + 1);
        space();
        if (text[i] === ',') i++;
        else if (text[i] === close) {
          i++;
          return;
        } else fail(c === '{' ? "expected ',' or '}' after a property value" : "expected ',' or ']' after a value");
      }
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null'])
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    number.lastIndex = i;
    const m = c === '-' || (c !== undefined && c >= '0' && c <= '9') ? number.exec(text) : null;
    if (m) {
      i += m[0].length;
      return;
    }
    fail(
      c === "'"
        ? 'strings need double quotes'
        : 'expected a value (an object, a list, a string, a number, true, false or null)',
    );
  };
  try {
    value(0);
    space();
    if (i < n) fail('unexpected text after the JSON value (a file holds one; many records go in a --batch file)');
    return undefined;
  } catch (e) {
    if (e instanceof Stop) return { offset: e.offset, reason: e.reason };
    throw e;
  }
}

/**
 * Why text that JSON.parse refused is not JSON: the reason and its line and column (in `line L, column C` form;
 * the column counts characters). Never quotes the text: a case file holds names and answers.
 */
export function jsonError(text: string): { reason: string; line: number; column: number } {
  if (text.trim() === '') return { reason: 'the file is empty', line: 1, column: 1 };
  const problem = jsonProblem(text) ?? { offset: 0, reason: 'not a JSON value' };
  const before = text.slice(0, problem.offset);
  const line = before.split('\n').length;
  const column = problem.offset - before.lastIndexOf('\n');
  return { reason: problem.reason, line, column };
}

/** Parses JSON text; a syntax error becomes `InputError` naming the file, line and column. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    if (text.trim() === '') throw new InputError(file, 'not JSON: the file is empty');
    const { reason, line, column } = jsonError(text);
    throw new InputError(file, `not JSON: ${reason} at line ${line}, column ${column}`);
  }
}

/** Reads a UTF-8 JSON file (a byte-order mark is allowed). */
export function readJsonFile(file: string): unknown {
  return parseJson(decodeUtf8(readInput(file), file), file);
}

/** Whether two paths name the same file (after links), when the first exists. */
function sameFile(a: string, b: string): boolean {
  try {
    if (realpathSync(a) === realpathSync(b)) return true;
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return resolve(a) === resolve(b);
  }
}

/** Refuses an output path that names one of the inputs: the input would be lost. */
export function refuseOverwritingInputs(out: string, inputs: readonly (string | undefined)[]): void {
  for (const input of inputs) {
    if (input !== undefined && sameFile(out, input)) {
      throw new CliError(
        'KOMEK_USAGE',
        `--out ${out} is the same file as the input ${input}: writing would destroy it; choose another name`,
        exitCodes.usage,
      );
    }
  }
}

/**
 * Writes a file whole or not at all: the bytes go to a temporary file beside it, which is then renamed over the
 * target, so an interruption, a full disk or a failed write never leaves a torn or half-replaced file. A link is
 * written through (the file it points to is replaced, the link stays); a device or a named pipe (`/dev/stdout`,
 * `/dev/null`) is written into, never replaced by a file. Returns whether an earlier file was replaced. Throws
 * `OutputError` with a short reason.
 */
export function writeOutput(file: string, bytes: Uint8Array | string): { replaced: boolean } {
  let target = file;
  let replaced = false;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new OutputError(file, 'it is a folder, not a file');
    if (!stat.isFile()) {
      try {
        writeFileSync(file, bytes);
      } catch (e) {
        throw new OutputError(file, reasonOf(e), { cause: e });
      }
      return { replaced: false };
    }
    target = realpathSync(file);
    replaced = true;
  } catch (e) {
    if (e instanceof OutputError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new OutputError(file, reasonOf(e), { cause: e });
  }
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, bytes, { flag: 'wx' });
    renameSync(temp, target);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // The temporary file was never made.
    }
    throw new OutputError(file, reasonOf(e), { cause: e });
  }
  return { replaced };
}
