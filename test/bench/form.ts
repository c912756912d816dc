// The form every benchmark uses: the catalog's largest form by input count, its model, labels in a language
// (falling back to English like the renderer does) and its fixtures.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  childrenOf,
  buildFormModel,
  formatMessageKey,
  type FormModel,
  type FormNode,
  type MessageKey,
} from '@komek/core';
import { formIds, schemaLoaders, type FormId } from '@komek/forms';
import type { SchemaBundle } from '@komek/core';

export const benchDir = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(benchDir, '..', '..');

/**
 * The answer-holding leaves a person fills in, outside repeat rows (a repeat starts with no rows): fields and
 * checklist items. A signature counts by its parts (name, position, date, drawn image), as each is one input.
 */
export function inputLeaves(node: FormNode): FormNode[] {
  const out: FormNode[] = [];
  const visit = (n: FormNode) => {
    if (n.kind === 'field' || n.kind === 'checklist') out.push(n);
    else if (n.kind !== 'repeat') childrenOf(n).forEach(visit);
  };
  visit(node);
  return out;
}

/** A form loaded for benchmarking. */
export interface BenchForm {
  id: FormId;
  bundle: SchemaBundle;
  model: FormModel;
  /** Number of input leaves (see `inputLeaves`). */
  inputs: number;
}

/** Loads a form and builds its model. */
export async function loadForm(id: FormId): Promise<BenchForm> {
  const bundle = await schemaLoaders[id]();
  const model = buildFormModel(bundle);
  return { id, bundle, model, inputs: inputLeaves(model.root).length };
}

/** Input counts of every form in the catalog, largest first (ties by id). */
export async function rankForms(): Promise<{ id: FormId; inputs: number }[]> {
  const all = await Promise.all(formIds.map(async (id) => ({ id, inputs: (await loadForm(id)).inputs })));
  return all.sort((a, b) => b.inputs - a.inputs || a.id.localeCompare(b.id));
}

/** The form the benchmarks use: `KOMEK_BENCH_FORM` if set, else the catalog's largest form by input count. */
export async function pickForm(): Promise<BenchForm> {
  const chosen = process.env.KOMEK_BENCH_FORM;
  if (chosen) {
    if (!(formIds as readonly string[]).includes(chosen))
      throw new Error(`KOMEK_BENCH_FORM=${chosen} is not in the catalog`);
    return loadForm(chosen as FormId);
  }
  return loadForm((await rankForms())[0]!.id);
}

const localeCache = new Map<string, Record<string, string> | null>();

function localeFile(lang: string, ns: string): Record<string, string> | null {
  const k = `${lang}/${ns}`;
  if (!localeCache.has(k)) {
    const path = join(repoRoot, 'packages', 'i18n', 'locales', lang, `${ns}.json`);
    let out: Record<string, string> | null = null;
    if (existsSync(path)) {
      out = {};
      for (const [key, entry] of Object.entries(
        JSON.parse(readFileSync(path, 'utf8')) as Record<string, { text?: unknown }>,
      )) {
        if (key !== '$meta' && typeof entry?.text === 'string' && entry.text !== '') out[key] = entry.text;
      }
    }
    localeCache.set(k, out);
  }
  return localeCache.get(k)!;
}

/** The text of a message key in a language: the language's locale file, else English, else the schema text. */
export function textIn(lang: string, key: MessageKey, fallback: string | undefined): string {
  return localeFile(lang, key.ns)?.[key.key] ?? localeFile('en', key.ns)?.[key.key] ?? fallback ?? key.key;
}

/** Whether a language has a locale file for every namespace of the form (else its labels fall back to English). */
export function hasLocale(lang: string, form: BenchForm): boolean {
  const namespaces = new Set(
    Object.keys(form.bundle.schemas).map((id) =>
      id
        .split('/')
        .pop()!
        .replace(/\.schema\.json$/, ''),
    ),
  );
  return [...namespaces].every((ns) => localeFile(lang, ns) !== null);
}

/** Labels in one language, or in two joined the way a bilingual label reads (`primary / secondary`). */
export function labeler(languages: readonly string[]): (key: MessageKey, fallback: string | undefined) => string {
  return (key, fallback) => {
    const texts = languages.map((l) => textIn(l, key, fallback));
    return texts.filter((t, i) => texts.indexOf(t) === i).join(' / ');
  };
}

/** Fixture data of a form: `valid-1.json`, `invalid-1.json`, … */
export function fixture(id: string, name: string): unknown {
  return JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'forms', id, `${name}.json`), 'utf8'));
}

export { formatMessageKey };
