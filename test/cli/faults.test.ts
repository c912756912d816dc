import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'packages/cli/src/bin.ts');
const fixture = (id: string, name = 'valid-1') =>
  JSON.parse(readFileSync(join(root, 'test/fixtures/forms', id, `${name}.json`), 'utf8')) as Record<string, unknown>;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'komek-cli-faults-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function komek(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', bin, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The last line a command wrote to stderr. */
const lastLine = (text: string) => text.trimEnd().split('\n').at(-1)!;

/** "Привет" as Windows-1251 bytes, the way a case file saved by an old editor looks. */
const cp1251 = Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]);

describe('input files', () => {
  it('refuses a data file that is not UTF-8, naming file, line and column (exit 3)', () => {
    const file = join(dir, 'cp1251.json');
    writeFileSync(file, Buffer.concat([Buffer.from('{\n  "fullName": "'), cp1251, Buffer.from('"\n}\n')]));
    const v = komek('validate', '--form', 'kz-f1-initial-application', file);
    expect(v.code).toBe(3);
    expect(v.out).not.toContain('valid');
    expect(lastLine(v.err)).toBe(
      `komek validate: cannot read ${file}: not UTF-8 text: line 2, column 16 (bytes CF F0 E8 E2); save it as UTF-8`,
    );
    const p = komek(
      'pdf',
      '--form',
      'kz-f1-initial-application',
      '--lang',
      'ru',
      '--data',
      file,
      '--out',
      join(dir, 'cp.pdf'),
    );
    expect(p.code).toBe(3);
    expect(existsSync(join(dir, 'cp.pdf'))).toBe(false);
  });

  it('accepts a UTF-8 byte-order mark and names the line and column of a JSON error', () => {
    const file = join(dir, 'bom.json');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        readFileSync(join(root, 'test/fixtures/forms/kz-f1-initial-application/valid-1.json')),
      ]),
    );
    expect(komek('validate', '--form', 'kz-f1-initial-application', file).out.trim()).toBe('valid');
    writeFileSync(file, '{\n  "fullName": "A",\n  oops\n}');
    const r = komek('validate', '--form', 'kz-f1-initial-application', file);
    expect(r.code).toBe(3);
    expect(lastLine(r.err)).toMatch(
      new RegExp(`^komek validate: cannot read ${file}: not JSON: .* at line 3, column 3$`),
    );
  });
});

describe('output files', () => {
  const data = () => {
    const file = join(dir, 'case.json');
    writeFileSync(file, JSON.stringify(fixture('tj-f2-identification-refusal')));
    return file;
  };
  const pdf = (out: string, input = data()) =>
    komek('pdf', '--form', 'tj-f2-identification-refusal', '--lang', 'tg,ru', '--data', input, '--out', out);

  it('refuses to write the PDF over the case file it reads (exit 2), which stays as it was', () => {
    const input = data();
    const before = readFileSync(input, 'utf8');
    const r = pdf(input, input);
    expect(r.code).toBe(2);
    expect(lastLine(r.err)).toMatch(/is the same file as the input/);
    expect(readFileSync(input, 'utf8')).toBe(before);
    const link = join(dir, 'case-link.json');
    spawnSync('ln', ['-sf', input, link]);
    expect(pdf(link, input).code).toBe(2);
  });

  it('says when it replaces an earlier file, and leaves no temporary file', () => {
    const out = join(dir, 'sub-replace');
    mkdirSync(out);
    expect(pdf(join(out, 'a.pdf')).err).not.toMatch(/replacing/);
    expect(pdf(join(out, 'a.pdf')).err).toMatch(/wrote .*a\.pdf, replacing the earlier file/);
    expect(readdirSync(out)).toEqual(['a.pdf']);
  });

  it('writes into a named pipe (as into /dev/stdout or /dev/null), never replacing it with a file', async () => {
    const fifo = join(dir, 'pipe.pdf');
    spawnSync('mkfifo', [fifo]);
    // A reader on the other end, as `komek pdf --out /dev/stdout | lpr` has one.
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    reader.stdout.on('data', (c: Buffer) => chunks.push(c));
    const closed = new Promise<void>((resolve) => reader.on('close', () => resolve()));
    const r = pdf(fifo);
    const stillAPipe = lstatSync(fifo).isFIFO();
    // Replaced by a file, the pipe the reader waits on has no writer any more.
    if (!stillAPipe) reader.kill();
    await closed;
    expect(stillAPipe).toBe(true);
    expect(r.code).toBe(0);
    expect(r.err).not.toMatch(/replacing/);
    const received = Buffer.concat(chunks);
    expect(received.subarray(0, 5).toString()).toBe('%PDF-');
    expect(received.subarray(-6).toString()).toMatch(/%%EOF/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes through a link: the file it points to is replaced, the link stays', () => {
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    const target = join(elsewhere, 'case.pdf');
    writeFileSync(target, 'an earlier PDF');
    const link = join(dir, 'case-pdf-link.pdf');
    symlinkSync(target, link);
    const r = pdf(link);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/replacing the earlier file/);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readdirSync(elsewhere)).toEqual(['case.pdf']);
  });

  it('reports an output it cannot write in one line with the reason, no stack trace, exit 4', () => {
    const cases: [string, RegExp][] = [
      [join(dir, 'missing', 'x.pdf'), /: no such file or folder$/],
      [dir, /: it is a folder, not a file$/],
      [join(dir, 'case.json', 'x.pdf'), /: a part of the path is a file, not a folder$/],
    ];
    for (const [out, reason] of cases) {
      const r = pdf(out);
      expect(r.code, out).toBe(4);
      expect(r.err.trim().split('\n'), out).toHaveLength(1);
      expect(r.err.trim()).toMatch(
        new RegExp(`^komek pdf: cannot write ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
      );
      expect(r.err.trim()).toMatch(reason);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    if (process.getuid?.() !== 0) {
      const locked = join(dir, 'locked');
      mkdirSync(locked);
      chmodSync(locked, 0o500);
      expect(lastLine(pdf(join(locked, 'x.pdf')).err)).toMatch(/permission denied$/);
    }
  });

  it('prints a stack trace only with --debug', () => {
    const r = komek(
      'pdf',
      '--debug',
      '--form',
      'tj-f2-identification-refusal',
      '--lang',
      'tg,ru',
      '--data',
      data(),
      '--out',
      join(dir, 'missing', 'x.pdf'),
    );
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/\n\s+at /);
  });
});

describe('batch', () => {
  const line = (form: string, data: unknown) => JSON.stringify({ form, data });

  it('refuses an output that is a file (exit 4), caps --jobs by the cores, reads a BOM, and names a line that is not UTF-8', () => {
    const file = join(dir, 'bom.jsonl');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(line('tj-f2-identification-refusal', fixture('tj-f2-identification-refusal')) + '\n'),
        Buffer.from('{"form":"tj-f2-identification-refusal","data":{"x":"'),
        cp1251,
        Buffer.from('"}}\n'),
      ]),
    );
    const onFile = komek('pdf', '--batch', file, '--lang', 'en', '--out', file);
    expect(onFile.code).toBe(4);
    expect(lastLine(onFile.err)).toBe(
      `komek pdf: cannot write ${file}: it is a file, not a folder; --out of a batch names a folder`,
    );
    const out = join(dir, 'bom-out');
    const r = komek('pdf', '--batch', file, '--lang', 'en', '--jobs', '64', '--out', out);
    expect(r.err).toContain(`--jobs 64 is more than the ${availableParallelism()} core`);
    expect(r.err).toMatch(new RegExp(`with ${Math.min(2, availableParallelism())} workers?`));
    expect(r.err).toMatch(/line 2: RecordError — not UTF-8 text: column \d+ \(bytes CF F0 E8 E2\)/);
    expect(readdirSync(out)).toEqual(['00001-tj-f2-identification-refusal.pdf']);
    expect(r.code).toBe(1);
  });

  it('refuses an empty batch file before touching the folder, which keeps the earlier PDFs (exit 3)', () => {
    const out = join(dir, 'empty-out');
    mkdirSync(out);
    writeFileSync(join(out, '00001-tj-f2-identification-refusal.pdf'), '%PDF-1.7 earlier');
    const file = join(dir, 'empty.jsonl');
    writeFileSync(file, '\n  \n');
    const r = komek('pdf', '--batch', file, '--lang', 'en', '--out', out);
    expect(r.code).toBe(3);
    expect(lastLine(r.err)).toBe(
      `komek pdf: cannot read ${file}: no records: the file is empty or holds only blank lines`,
    );
    expect(readdirSync(out)).toEqual(['00001-tj-f2-identification-refusal.pdf']);
  });

  it('a re-run into the same folder leaves only what this run made', () => {
    const file = join(dir, 'rerun.jsonl');
    const out = join(dir, 'rerun-out');
    const good = line('tj-f2-identification-refusal', fixture('tj-f2-identification-refusal'));
    writeFileSync(file, [good, good, good].join('\n'));
    expect(komek('pdf', '--batch', file, '--lang', 'en', '--jobs', '1', '--out', out).code).toBe(0);
    expect(readdirSync(out)).toHaveLength(3);
    writeFileSync(join(out, 'notes.txt'), 'kept');
    writeFileSync(file, [good, line('tj-f2-identification-refusal', {})].join('\n'));
    const r = komek('pdf', '--batch', file, '--lang', 'en', '--jobs', '1', '--out', out);
    expect(r.code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['00001-tj-f2-identification-refusal.pdf', 'notes.txt']);
    expect(r.err).toMatch(/1 PDF written to .*, 1 failed, .*; 2 PDFs of an earlier run removed/);
  });

  it('Ctrl-C stops the batch and says what was written (exit 130)', async () => {
    const file = join(dir, 'long.jsonl');
    const out = join(dir, 'long-out');
    const good = line('tj-f2-identification-refusal', fixture('tj-f2-identification-refusal'));
    writeFileSync(file, Array.from({ length: 400 }, () => good).join('\n'));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', bin, 'pdf', '--batch', file, '--lang', 'en', '--jobs', '1', '--out', out],
      { cwd: root },
    );
    let err = '';
    const code = await new Promise<number | null>((resolve) => {
      child.stderr.on('data', (b: Buffer) => {
        err += b.toString();
        if (/\b[1-9]\d*\/400 PDFs/.test(err) && !child.killed) child.kill('SIGINT');
      });
      child.on('exit', (c) => resolve(c));
    });
    expect(code).toBe(130);
    const summary = /interrupted: (\d+) PDFs? written to .*, 0 failed, (\d+) not printed \(from line (\d+) of /.exec(
      lastLine(err),
    );
    expect(summary, err).not.toBeNull();
    const files = readdirSync(out);
    expect(files).toHaveLength(Number(summary![1]));
    expect(files.every((f) => f.endsWith('.pdf'))).toBe(true);
    expect(Number(summary![1]) + Number(summary![2])).toBe(400);
  });
});
