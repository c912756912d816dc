/**
 * The desk's pages and their addresses (the part of `location.hash` after `#`). A new screen adds its route here,
 * its file under screens/, and one line in the screen table of desk.ts.
 */
export type Route =
  | { view: 'cases' }
  | { view: 'case'; id: string }
  | { view: 'form'; id: string; formId: string }
  | { view: 'approvals' }
  | { view: 'referrals' }
  | { view: 'reports' }
  | { view: 'edit'; id: string; submissionId: string };

export function parseRoute(hash: string): Route {
  if (hash === '#/reports') return { view: 'reports' };
  const edit = /^#\/cases\/([0-9a-f-]{36})\/submissions\/([0-9a-f-]{36})$/.exec(hash);
  if (edit) return { view: 'edit', id: edit[1]!, submissionId: edit[2]! };
  const m = /^#\/cases\/([0-9a-f-]{36})(?:\/forms\/([a-z0-9.-]+))?$/.exec(hash);
  if (m?.[2]) return { view: 'form', id: m[1]!, formId: m[2] };
  if (m) return { view: 'case', id: m[1]! };
  if (hash === '#/approvals') return { view: 'approvals' };
  if (hash === '#/referrals') return { view: 'referrals' };
  return { view: 'cases' };
}
