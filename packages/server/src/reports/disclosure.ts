/**
 * Disclosure control of a table of counts (see the server README, "Reports"): every figure a report shows passes
 * here. A count of 1–4 is shown as "<5"; then, in every line of the table that adds up to a shown total (a row with
 * its row total, a column with its column total, the totals with the grand total), a line with exactly one withheld
 * figure gets a second one withheld (the smallest other figure, shown as "x") so that the small one cannot be
 * worked out by subtraction. Every figure shown is rounded to the nearest 5, so two reports over overlapping
 * periods (or with and without a filter) cannot be subtracted to find one case.
 */

export const SMALL = 5;
export const ROUND_TO = 5;

export interface Cell {
  /** The rounded figure, or null when withheld. */
  value: number | null;
  /** What a person reads: the rounded figure, "<5", or "x". */
  text: string;
}

export interface ProtectedTable {
  cells: Cell[][];
  rowTotals: Cell[];
  /** Null for a table whose columns do not add up (a case counted in several rows). */
  columnTotals: Cell[] | null;
  total: Cell | null;
}

export const round = (n: number) => (n === 0 ? 0 : Math.max(ROUND_TO, Math.round(n / ROUND_TO) * ROUND_TO));

interface Entry {
  value: number;
  total: boolean;
  small: boolean;
  withheld: boolean;
}

/**
 * Protects a table of exact counts (rows × columns). `columnTotals: false` for multi-response tables, whose
 * column totals would count a case more than once: then only rows add up.
 */
export function protect(counts: readonly (readonly number[])[], o: { columnTotals: boolean }): ProtectedTable {
  const cols = counts[0]?.length ?? 0;
  const entry = (value: number, total: boolean): Entry => {
    const small = value > 0 && value < SMALL;
    return { value, total, small, withheld: small };
  };
  const cells = counts.map((r) => r.map((v) => entry(v, false)));
  const rowTotals = counts.map((r) =>
    entry(
      r.reduce((a, b) => a + b, 0),
      true,
    ),
  );
  const columnTotals = o.columnTotals
    ? Array.from({ length: cols }, (_, j) =>
        entry(
          counts.reduce((a, r) => a + r[j]!, 0),
          true,
        ),
      )
    : null;
  const total = columnTotals
    ? entry(
        rowTotals.reduce((a, t) => a + t.value, 0),
        true,
      )
    : null;

  // The lines of the table that add up: each holds its parts and its total.
  const lines: Entry[][] = cells.map((r, i) => [...r, rowTotals[i]!]);
  if (columnTotals && total) {
    for (let j = 0; j < cols; j++) lines.push([...cells.map((r) => r[j]!), columnTotals[j]!]);
    lines.push([...columnTotals, total]);
    lines.push([...rowTotals, total]);
  }
  // Secondary suppression until no line has exactly one withheld figure.
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      if (line.filter((e) => e.withheld).length !== 1) continue;
      const candidates = line.filter((e) => !e.withheld).sort((a, b) => rank(a) - rank(b) || a.value - b.value);
      const pick = candidates[0];
      if (!pick) continue;
      pick.withheld = true;
      changed = true;
    }
  }
  const show = (e: Entry): Cell =>
    e.withheld
      ? { value: null, text: e.small ? `<${SMALL}` : 'x' }
      : { value: round(e.value), text: String(round(e.value)) };
  return {
    cells: cells.map((r) => r.map(show)),
    rowTotals: rowTotals.map(show),
    columnTotals: columnTotals ? columnTotals.map(show) : null,
    total: total ? show(total) : null,
  };
}

/** Which figure to withhold as the complement: a non-zero cell first, then a zero cell, a total last. */
const rank = (e: Entry) => (e.total ? 2 : e.value > 0 ? 0 : 1);
