import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog, schemaLoaders, type FormId } from '@komek/forms';

/** The verbatim inventory of the guidelines' forms, beside the project. */
const inventoryPath = join(import.meta.dirname, '../../../shared/source/forms.json');

interface InventoryField {
  number: string | null;
  label: string;
  type: string;
  options: string[] | null;
  inferred?: boolean;
  options_inferred?: boolean;
  line: number;
  columns?: string[];
}
interface InventoryForm {
  id: string;
  printed: boolean;
  fields: InventoryField[];
}

const inventory = JSON.parse(readFileSync(inventoryPath, 'utf8')) as InventoryForm[];

/**
 * Label comparison forgiving only typography: quotes, dashes, spacing, a trailing colon or full stop, and the
 * spelling corrections recorded in the schemas ("interpretor" → "interpreter").
 */
const normalize = (s: string) =>
  s
    .replace(/[‘’`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/\binterpretor\b/gi, 'interpreter')
    .replace(/\s+/g, ' ')
    .replace(/\s*([(/])\s*/g, '$1')
    .replace(/\s*\)\s*/g, ')')
    .trim()
    .replace(/[:.;,]+$/, '')
    .toLowerCase();

/** Every label-bearing string in a schema bundle: titles, descriptions and option titles. */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    value.forEach((v) => stringsOf(v, out));
    return out;
  }
  for (const [k, v] of Object.entries(value)) {
    if ((k === 'title' || k === 'description') && typeof v === 'string') out.push(v);
    else if (k === 'enumTitles' && v && typeof v === 'object') out.push(...Object.values(v as Record<string, string>));
    else stringsOf(v, out);
  }
  return out;
}

describe('coverage of the forms inventory', () => {
  it('has a schema for every form of the inventory, and no other', () => {
    expect(catalog.map((c) => c.id).sort()).toEqual(inventory.map((f) => f.id).sort());
  });

  it.each(inventory.map((f) => [f.id, f] as const))('%s: every printed label is in the schema', async (id, form) => {
    const bundle = await schemaLoaders[id as FormId]?.();
    expect(bundle, `schema of ${id}`).toBeDefined();
    const strings = stringsOf(bundle.schemas).map(normalize);
    const found = (text: string) => {
      const n = normalize(text);
      return n === '' || strings.some((s) => s === n || s.includes(n));
    };
    // A compound printed label ("…? In case of a positive answer, …?", "higher professional (graduated /
    // unfinished)") may be split into fields; then each of its parts must be there word for word.
    const has = (label: string) =>
      found(label) || label.split(/(?<=\?)\s+|\s*(?=\()|(?<=\))\s*/).every((part) => found(part));
    const missing: string[] = [];
    for (const f of form.fields) {
      if (f.inferred) continue;
      if (!has(f.label)) missing.push(`line ${f.line}: ${f.label}`);
      if (f.options && !f.options_inferred)
        for (const o of f.options) if (!has(o)) missing.push(`line ${f.line}: option ${o}`);
      for (const c of f.columns ?? []) if (!has(c)) missing.push(`line ${f.line}: column ${c}`);
    }
    expect(missing).toEqual([]);
  });
});
