import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const fixture = (id: string, name = 'valid-1') =>
  JSON.parse(readFileSync(join(root, 'test/fixtures/forms', id, `${name}.json`), 'utf8')) as unknown;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'komek-cli-pdf-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function komek(...args: string[]) {
  const r = spawnSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'packages/cli/src/bin.ts'), ...args], {
    encoding: 'utf8',
    cwd: root,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('komek pdf', () => {
  it('writes one form, and refuses invalid data with pointer and message', () => {
    const data = join(dir, 'case.json');
    writeFileSync(data, JSON.stringify(fixture('tj-f2-identification-refusal')));
    const ok = komek(
      'pdf',
      '--form',
      'tj-f2-identification-refusal',
      '--lang',
      'tg,ru',
      '--data',
      data,
      '--out',
      join(dir, 'one.pdf'),
    );
    expect(ok.code).toBe(0);
    expect(readFileSync(join(dir, 'one.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    writeFileSync(data, JSON.stringify(fixture('kz-f1-initial-application', 'invalid-1')));
    const bad = komek(
      'pdf',
      '--form',
      'kz-f1-initial-application',
      '--lang',
      'en',
      '--data',
      data,
      '--out',
      join(dir, 'bad.pdf'),
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/\/\w+: .+/);
    expect(komek('pdf', '--form', 'kz-f1-initial-application', '--out', join(dir, 'x.pdf')).code).toBe(2);
  });

  it('prints a batch on worker threads; a bad record names its line and does not stop the others', () => {
    const lines = [
      JSON.stringify({ form: 'tj-f1-identification-consent', data: fixture('tj-f1-identification-consent') }),
      JSON.stringify({ form: 'kz-f1-initial-application', data: fixture('kz-f1-initial-application', 'invalid-1') }),
      '{ not json',
      '',
      JSON.stringify({ form: 'tj-f7-individual-work-plan', data: fixture('tj-f7-individual-work-plan') }),
      JSON.stringify({ form: 'kz-f4-interview-refusal', data: fixture('kz-f4-interview-refusal') }),
    ];
    const file = join(dir, 'cases.jsonl');
    writeFileSync(file, lines.join('\n') + '\n');
    const out = join(dir, 'batch');
    const r = komek('pdf', '--batch', file, '--lang', 'en,ru', '--jobs', '2', '--out', out);
    expect(r.code).toBe(1);
    expect(readdirSync(out).sort()).toEqual([
      '00001-tj-f1-identification-consent.pdf',
      '00005-tj-f7-individual-work-plan.pdf',
      '00006-kz-f4-interview-refusal.pdf',
    ]);
    expect(r.stderr).toMatch(/line 2 \(kz-f1-initial-application\): invalid data/);
    expect(r.stderr).toMatch(/line 2 +\/\w+: /);
    expect(r.stderr).toMatch(/line 3 .*not JSON/);
    expect(r.stderr).toMatch(/3 PDFs written to .*, 2 failed/);
  });
});
