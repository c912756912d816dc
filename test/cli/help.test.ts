import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'packages/cli/src/bin.ts');
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'komek-cli-help-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function komek(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', bin, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const commands = [
  'forms',
  'validate',
  'pdf',
  'i18n',
  'serve',
  'db',
  'worker',
  'users',
  'tokens',
  'audit',
  'keys',
  'reports',
  'search',
];

describe('komek <command> --help', () => {
  it.each(commands)('%s answers --help and -h with its usage on stdout, exit 0', (command) => {
    for (const flag of ['--help', '-h']) {
      const r = komek(command, flag);
      expect(r.err, `${command} ${flag}`).toBe('');
      expect(r.code, `${command} ${flag}`).toBe(0);
      expect(r.out, `${command} ${flag}`).toMatch(/^usage:/);
      expect(r.out, `${command} ${flag}`).toContain(`komek ${command} `);
    }
  });

  it('prints the usage after a subcommand or other options too, and runs nothing', () => {
    const data = join(dir, 'data');
    for (const args of [
      ['keys', 'rotate', '-h', '--data', data],
      ['db', 'migrate', '--data', data, '--help'],
      ['validate', '--form', 'no-such-form', 'missing.json', '-h'],
    ]) {
      const r = komek(...args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.out, args.join(' ')).toMatch(/^usage:/);
    }
    // Neither a key was rotated nor a database made.
    expect(existsSync(data)).toBe(false);
  });

  it('an administrator command refuses a stray argument instead of working on ./komek-data', () => {
    const folder = join(dir, 'meant');
    for (const args of [
      ['keys', 'rotate', folder],
      ['db', 'migrate', folder],
      ['audit', 'verify', folder],
      ['search', 'reindex', folder],
      ['reports', 'rebuild', folder],
      ['users', 'list', folder],
      ['tokens', 'revoke', 'abc', folder],
      ['worker', '--database', 'postgres://127.0.0.1:1/x', folder],
    ]) {
      const r = spawnSync(process.execPath, ['--import', tsx, bin, ...args], { cwd: dir, encoding: 'utf8' });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(
        `unexpected argument "${folder}" (a data folder is given with --data DIR)`,
      );
    }
    expect(existsSync(join(dir, 'komek-data'))).toBe(false);
    expect(existsSync(folder)).toBe(false);
  });

  it('forms refuses an option it does not know instead of ignoring it', () => {
    const r = komek('forms', '--jsn');
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown option --jsn');
  });
});

describe("the command's README", () => {
  it('names every command komek --help lists', () => {
    const readme = readFileSync(join(root, 'packages/cli/README.md'), 'utf8');
    const listed = [...komek('--help').out.matchAll(/^ {2}komek ([a-z0-9]+)/gm)].map((m) => m[1]!);
    expect(new Set(listed)).toEqual(new Set(commands));
    expect(commands.filter((c) => !new RegExp(`^komek ${c}\\b`, 'm').test(readme))).toEqual([]);
  });
});
