#!/usr/bin/env node
// Builds the publishable package in the current directory into dist/: `tsc -p tsconfig.build.json` compiles its
// TypeScript to JavaScript and declarations, then the JavaScript modules written by hand or by `pnpm gen` (with their
// .d.ts beside them: the forms' validators, models and schemas, ajv's runtime helpers) are copied as they are.
// A `bin` module gets a Node shebang and the executable bit.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

const pkgDir = process.cwd();
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const src = join(pkgDir, 'src');
const dist = join(pkgDir, 'dist');
rmSync(dist, { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });

const isTest = (name) => /\.test\.[jt]s$/.test(name) || name === 'testing';
function copyPlainModules(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (isTest(entry.name)) continue;
    const from = join(dir, entry.name);
    if (entry.isDirectory()) copyPlainModules(from);
    else if (/\.(js|d\.ts)$/.test(entry.name)) {
      const to = join(dist, relative(src, from));
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(from, to);
    }
  }
}
copyPlainModules(src);

for (const bin of Object.values(pkg.publishConfig?.bin ?? {})) {
  const file = join(pkgDir, bin);
  if (!existsSync(file)) throw new Error(`${pkg.name}: bin ${bin} was not built`);
  const code = readFileSync(file, 'utf8').replace(/^#!.*\n/, '');
  writeFileSync(file, `#!/usr/bin/env node\n${code}`);
  chmodSync(file, 0o755);
}
console.log(`${pkg.name}: built dist/`);
