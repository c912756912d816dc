import type { Language } from '../languages.js';

/**
 * Placeholders that stand for a position — the n-th row, sheet, page or entry — rather than an amount (`count`,
 * `limit`, `pages` stay cardinal).
 */
export const ORDINAL_PLACEHOLDERS: readonly string[] = ['n', 'i', 'j', 'page'];

/** Languages that write an ordinal number with a hyphen and suffix: `3-жол` (kk), `3-сап` (ky), `3-qator` (uz). */
const HYPHEN_ORDINAL: readonly Language[] = ['kk', 'ky', 'uz'];

/**
 * Why a Kazakh, Kyrgyz or Uzbek text inserts a position number without the ordinal hyphen, or undefined: `{{j}}`
 * must read `{{j}}-` (`{{j}}- және {{i}}-жазбалар`), or follow `№` (`№ {{n}}`), which is itself ordinal.
 */
export function ordinalProblem(lang: Language, text: string): string | undefined {
  if (!HYPHEN_ORDINAL.includes(lang)) return undefined;
  for (const m of text.matchAll(/(№\s*)?\{\{\s*([^{}\s,]+)\s*\}\}(-?)/g)) {
    if (!ORDINAL_PLACEHOLDERS.includes(m[2]!) || m[1] || m[3]) continue;
    return `{{${m[2]}}} counts a position: write "{{${m[2]}}}-" (ordinal suffix) or "№ {{${m[2]}}}"`;
  }
  return undefined;
}
