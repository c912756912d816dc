import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { runGen } from './run.js';
import { SchemaError, SchemaErrors } from './SchemaError.js';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const check = process.argv.includes('--check');

try {
  const r = await runGen(root, { check });
  if (check) {
    const stale = [...r.written, ...r.removed];
    if (stale.length > 0) {
      console.error(`Generated files are out of date (run pnpm gen):\n${stale.map((p) => '  ' + p).join('\n')}`);
      process.exit(1);
    }
    console.log(`gen: ${r.unchanged} generated files are current`);
  } else {
    console.log(`gen: ${r.written.length} written, ${r.removed.length} removed, ${r.unchanged} unchanged`);
  }
} catch (e) {
  if (e instanceof SchemaErrors || e instanceof SchemaError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
