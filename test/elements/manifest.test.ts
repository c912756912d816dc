import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const elements = join(import.meta.dirname, '../../packages/elements');
const cem = join(elements, 'node_modules/@custom-elements-manifest/analyzer/cem.js');

/** The element's sources, as `cem analyze` reads them (tests left out). */
function sources(dir = 'src'): string[] {
  return readdirSync(join(elements, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(`${dir}/${e.name}`)
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [`${dir}/${e.name}`]
        : [],
  );
}

describe('custom-elements.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'komek-cem-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * The manifest `cem analyze` writes with the package's config, into a folder of its own (the package's
   * package.json left alone); `files`, when given, are the globs in that order instead of the config's.
   */
  function analyze(name: string, files?: string[]): string {
    const out = join(dir, name);
    const config = join(dir, `${name}.config.mjs`);
    const base = pathToFileURL(join(elements, 'custom-elements-manifest.config.mjs')).href;
    writeFileSync(
      config,
      `import base from ${JSON.stringify(base)};\n` +
        `export default { ...base, packagejson: false, outdir: ${JSON.stringify(relative(elements, out))}` +
        (files ? `, globs: ${JSON.stringify(files)}` : '') +
        ' };\n',
    );
    execFileSync(process.execPath, [cem, 'analyze', '--config', config], { cwd: elements, stdio: 'pipe' });
    return readFileSync(join(out, 'custom-elements.json'), 'utf8');
  }

  it('is the same file whatever order the files are read in (modules in path order)', () => {
    const files = sources();
    const listed = analyze('listed');
    // The sources named in reverse order: the analyzer reads them so, and would list the modules so.
    const reversed = analyze('reversed', [...files].sort().reverse());
    expect(reversed).toBe(listed);
    const paths = (JSON.parse(listed) as { modules: { path: string }[] }).modules.map((m) => m.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toContain('src/komek-form/komek-form.ts');
  });
});
