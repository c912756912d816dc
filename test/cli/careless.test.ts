import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'packages/cli/src/bin.ts');
// Run in a folder of its own (a stray output lands there, not in the repository), so tsx is named by its path.
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const form = 'kz-f1-initial-application';
const valid = () =>
  JSON.parse(readFileSync(join(root, 'test/fixtures/forms', form, 'valid-1.json'), 'utf8')) as Record<string, unknown>;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'komek-cli-careless-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function komek(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', tsx, bin, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The last line a command wrote to stderr. */
const lastLine = (text: string) => text.trimEnd().split('\n').at(-1)!;

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('a file that is not JSON', () => {
  it('is named with its line and column, and what it holds is never quoted (names are personal data)', () => {
    const broken = file('broken.json', '{\n  "fullName": "Aliya Seitkali",\n  "placeOfBirth": Almaty\n}\n');
    const v = komek('validate', '--form', form, broken);
    expect(v.code).toBe(3);
    expect(v.err.trim().split('\n')).toHaveLength(1);
    expect(lastLine(v.err)).toBe(
      `komek validate: cannot read ${broken}: not JSON: expected a value (an object, a list, a string, a number, true, false or null) at line 3, column 19`,
    );
    const p = komek('pdf', '--form', form, '--lang', 'kk,ru', '--data', broken, '--out', join(dir, 'broken.pdf'));
    expect(p.code).toBe(3);
    expect(p.err).not.toMatch(/Aliya|Almaty/);
    expect(existsSync(join(dir, 'broken.pdf'))).toBe(false);

    const empty = file('empty.json', '\n');
    expect(lastLine(komek('validate', '--form', form, empty).err)).toBe(
      `komek validate: cannot read ${empty}: not JSON: the file is empty`,
    );
  });

  it('in a batch, fails its own line with the column, and the other lines are printed', () => {
    const lines = [
      JSON.stringify({ form, data: valid() }),
      `{"form":"${form}","data":{"fullName": Aliya Seitkali}}`,
      JSON.stringify({ form, data: valid() }),
    ];
    const batch = file('broken.jsonl', lines.join('\n') + '\n');
    const out = join(dir, 'broken-batch');
    const r = komek('pdf', '--batch', batch, '--lang', 'kk,ru', '--jobs', '1', '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toContain('  line 2: RecordError — not JSON: expected a value');
    expect(r.err).toMatch(/line 2: .* at column 57\n/);
    expect(r.err).not.toContain('Aliya');
    expect(existsSync(join(out, `00001-${form}.pdf`))).toBe(true);
    expect(existsSync(join(out, `00003-${form}.pdf`))).toBe(true);
  });
});

describe('a batch joined from files a Windows editor saved', () => {
  it('reads the byte-order mark that starts a joined file, mid-batch and with CRLF', () => {
    const bom = '\uFEFF';
    const record = JSON.stringify({ form, data: valid() });
    const batch = file('joined.jsonl', `${bom}${record}\r\n${record}\r\n${bom}${record}\r\n`);
    const out = join(dir, 'joined');
    const r = komek('pdf', '--batch', batch, '--lang', 'ru', '--out', out);
    expect(r.err).not.toContain('failed records');
    expect(r.code).toBe(0);
    expect(existsSync(join(out, `00003-${form}.pdf`))).toBe(true);
  });
});

describe('a batch record with a form but no data', () => {
  it('says that the data is missing, not the form', () => {
    const batch = file('nodata.jsonl', `{"form":"${form}","fullName":"A"}\n`);
    const r = komek('pdf', '--batch', batch, '--lang', 'kk', '--out', join(dir, 'nodata'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('line 1: RecordError — a "form" without "data": write { "form": "<id>", "data": { … } }');
  });
});

describe('JSON that is not an object', () => {
  it('is invalid data (exit 1) named by its file, for validate and pdf alike, and no PDF is written', () => {
    for (const [name, text, kind] of [
      ['list.json', '[1, 2]', 'a list'],
      ['null.json', 'null', 'null'],
      ['string.json', '"Aliya Seitkali"', 'a string'],
    ] as const) {
      const path = file(name, text);
      const v = komek('validate', '--form', form, path);
      expect(v.code, name).toBe(1);
      expect(lastLine(v.err), name).toBe(
        `komek validate: invalid data in ${path} for form ${form}: the file holds ${kind}, not a JSON object { … } with the answers`,
      );
      const pdf = join(dir, `${name}.pdf`);
      const p = komek('pdf', '--form', form, '--lang', 'kk,ru', '--data', path, '--out', pdf);
      expect(p.code, name).toBe(1);
      expect(lastLine(p.err), name).toContain(
        `komek pdf: invalid data in ${path} for form ${form}: the file holds ${kind}`,
      );
      expect(existsSync(pdf), name).toBe(false);
    }
  });

  it('fails its line of a batch without quoting it', () => {
    const batch = file('scalars.jsonl', '"Aliya Seitkali"\n[1]\n');
    const r = komek('pdf', '--batch', batch, '--form', form, '--lang', 'kk,ru', '--out', join(dir, 'scalars'));
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `line 1: RecordError — the data is a string, not a JSON object { … } with the answers of form ${form}`,
    );
    expect(r.err).toContain('line 2: RecordError — the data is a list');
    expect(r.err).not.toContain('Aliya');
  });
});

describe('the command line', () => {
  it('refuses a repeated, empty or near-miss --lang, saying what was meant (exit 2)', () => {
    const out = join(dir, 'lang.pdf');
    const twice = komek('pdf', '--form', form, '--lang', 'kk,kk', '--out', out);
    expect(twice.code).toBe(2);
    expect(lastLine(twice.err)).toBe(
      'komek pdf: --lang kk,kk names kk twice: give one language, or two different ones',
    );
    const empty = komek('pdf', '--form', form, '--lang', ',', '--out', out);
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('komek pdf: --lang is required, e.g. --lang kk,ru');
    const country = komek('pdf', '--form', form, '--lang', 'kz,ru', '--out', out);
    expect(country.code).toBe(2);
    expect(country.err).toContain('unknown language "kz" (did you mean kk?)');
    const upper = komek('validate', '--form', form, '--lang', 'RU', 'missing.json');
    expect(upper.code).toBe(2);
    expect(upper.err).toContain('unknown language "RU" (did you mean ru?)');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses --out - and an empty --out instead of writing a file named "-"', () => {
    const dash = komek('pdf', '--form', form, '--lang', 'kk', '--out', '-');
    expect(dash.code).toBe(2);
    expect(dash.err).toContain('not standard output');
    expect(existsSync(join(dir, '-'))).toBe(false);
    const empty = komek('pdf', '--form', form, '--lang', 'kk', '--out', '');
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('--out needs a file name');
  });

  it('refuses options of a batch for one form and of one form for a batch, instead of ignoring them', () => {
    const one = komek('pdf', '--form', form, '--lang', 'kk', '--jobs', '2', '--out', join(dir, 'one.pdf'));
    expect(one.code).toBe(2);
    expect(lastLine(one.err)).toBe('komek pdf: --jobs is for a batch (--batch cases.jsonl)');
    const batch = file('one.jsonl', JSON.stringify({ form, data: valid() }));
    const many = komek('pdf', '--batch', batch, '--data', batch, '--lang', 'kk', '--out', join(dir, 'many'));
    expect(many.code).toBe(2);
    expect(lastLine(many.err)).toBe(
      'komek pdf: --data is for one form; the records of a batch are the lines of the --batch file',
    );
    expect(existsSync(join(dir, 'one.pdf'))).toBe(false);
    expect(existsSync(join(dir, 'many'))).toBe(false);
  });

  it('serve refuses an empty --port rather than listening on a random one', () => {
    for (const port of ['', ' ', '80abc']) {
      const r = spawnSync(
        process.execPath,
        ['--import', tsx, bin, 'serve', '--data', join(dir, 'serve-data'), '--quiet', `--port=${port}`],
        { cwd: dir, encoding: 'utf8', timeout: 30_000 },
      );
      expect(r.status, JSON.stringify(port)).toBe(2);
      expect(r.stderr).toContain(`--port must be a port number, got "${port}"`);
    }
  });

  it('says in its own terms that --mode blank takes no --data', () => {
    const data = file('valid.json', JSON.stringify(valid()));
    const r = komek(
      'pdf',
      '--form',
      form,
      '--lang',
      'kk',
      '--mode',
      'blank',
      '--data',
      data,
      '--out',
      join(dir, 'b.pdf'),
    );
    expect(r.code).toBe(2);
    expect(lastLine(r.err)).toBe(
      'komek pdf: --mode blank prints an empty form: leave out --data, or use --mode filled or final',
    );
  });
  it('says in its own terms that --mode filled and final need --data, and writes nothing', () => {
    for (const mode of ['filled', 'final']) {
      const out = join(dir, `${mode}-without-data.pdf`);
      const r = komek('pdf', '--form', form, '--lang', 'kk,ru', '--mode', mode, '--out', out);
      expect(r.code, mode).toBe(2);
      expect(lastLine(r.err), mode).toBe(
        `komek pdf: --mode ${mode} prints a case's answers: give them with --data case.json, or use --mode blank`,
      );
      expect(existsSync(out), mode).toBe(false);
    }
  });
});

describe('answers the PDF cannot hold', () => {
  it('names a control character by its code in every language, no placeholder left', () => {
    const data = valid();
    data.passportWhereabouts = 'Taken\u0007 away';
    const path = file('control.json', JSON.stringify(data));
    for (const lang of ['en', 'ru', 'kk', 'ky', 'tg', 'uz']) {
      const r = komek('validate', '--form', form, '--lang', lang, path);
      expect(r.code, lang).toBe(1);
      expect(r.out, lang).toMatch(/^ {2}\/passportWhereabouts {2}.*U\+0007/m);
      expect(r.out, lang).not.toContain('{{');
    }
  });

  it('with --allow-invalid, lists the problems and says the PDF is marked as not valid', () => {
    const data = valid();
    data.fullName = '中文 名字';
    const path = file('cjk.json', JSON.stringify(data));
    const out = join(dir, 'cjk.pdf');
    const r = komek('pdf', '--form', form, '--lang', 'en', '--data', path, '--allow-invalid', '--out', out);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^ {2}\/fullName: .*U\+4E2D/m);
    expect(lastLine(r.err)).toMatch(new RegExp(`, marked as not valid: 1 problem in ${path}, listed above$`));
    expect(existsSync(out)).toBe(true);

    const batch = file('cjk.jsonl', [JSON.stringify(valid()), JSON.stringify(data)].join('\n'));
    const b = komek(
      'pdf',
      '--batch',
      batch,
      '--form',
      form,
      '--lang',
      'en',
      '--allow-invalid',
      '--out',
      join(dir, 'cjk'),
    );
    expect(b.code).toBe(0);
    expect(b.err).toContain(`line 2 (${form}): printed marked as not valid, 1 problem (--allow-invalid)`);
    expect(b.err).toMatch(/2 PDFs written to .* \(1 marked as not valid\), 0 failed/);
  });
});
