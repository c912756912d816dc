import { catalog } from '@komek/forms';

/** `komek forms`: the catalog as a table. */
export async function formsCommand(args: string[]): Promise<number> {
  const json = args.includes('--json');
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
