import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { GENERATED_HEADER, OUT, generate } from './generate.js';
import { loadSchemas } from './loadSchemas.js';

/** What a run changed or, with `check`, would change. */
export interface GenResult {
  written: string[];
  removed: string[];
  unchanged: number;
}

function listGenerated(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (readFileSync(p, 'utf8').includes(GENERATED_HEADER)) out.push(relative(root, p));
    }
  };
  walk(join(root, OUT.forms));
  walk(join(root, OUT.locales));
  return out;
}

/** Generates everything from `schemas/`; with `check`, writes nothing and reports what is out of date. */
export async function runGen(root: string, { check = false } = {}): Promise<GenResult> {
  const files = loadSchemas(root, join(root, 'schemas'));
  const outputs = await generate(files);
  const result: GenResult = { written: [], removed: [], unchanged: 0 };
  for (const [path, content] of outputs) {
    const abs = join(root, path);
    if (existsSync(abs) && readFileSync(abs, 'utf8') === content) {
      result.unchanged++;
      continue;
    }
    result.written.push(path);
    if (!check) {
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, content);
    }
  }
  for (const path of listGenerated(root)) {
    if (outputs.has(path)) continue;
    result.removed.push(path);
    if (!check) rmSync(join(root, path));
  }
  return result;
}
