import { catalog } from '@komek/forms';
import { parseOptions, UsageError } from '../options.js';

/** The usage of `komek forms`. */
export const FORMS_USAGE = 'usage: komek forms [--json]   the catalog of forms, as a table or as JSON';

/** `komek forms`: the catalog as a table. */
export async function formsCommand(args: string[]): Promise<number> {
  const { options, positional } = parseOptions(args, { json: 'boolean' });
  if (positional.length) throw new UsageError(`unexpected argument "${positional[0]}" (${FORMS_USAGE})`);
  const json = options.json === true;
  if (json) {
    console.log(JSON.stringify(catalog, null, 2));
    return 0;
  }
  const rows = catalog.map((c) => [
    c.id,
    c.country,
    c.sop,
    c.formNumber ?? '—',
    c.kind,
    c.printed ? 'printed' : 'referred',
    c.title,
  ]);
  const head = ['id', 'country', 'sop', 'no.', 'kind', 'source', 'title'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.forEach((r) => console.log(line(r)));
  console.log(`\n${catalog.length} forms`);
  return 0;
}
