import type { FormModel } from './model.js';
import { escapePointerSegment } from './pointer.js';
import { walkNodes } from './walk.js';

/*
 * Apart from conditions.ts, which evaluates the conditions: a renderer asks this on every change, before the form
 * session's code (with conditions.ts) may be loaded, so it is a module of its own.
 */

/** Per model: the data pointers its conditions read (each condition's scope joined with the names its `if` tests). */
const conditionReads = new WeakMap<FormModel, readonly string[]>();

/**
 * Whether an answer at `pointer` can change what a condition of the form decides (so that questions appear or
 * disappear): a condition reads it, or something inside or around it. Repeat rows' conditions count at the form's
 * level too, which only ever answers yes more often.
 */
export function isReadByConditions(model: FormModel, pointer: string): boolean {
  let reads = conditionReads.get(model);
  if (!reads) {
    const out = new Set<string>();
    for (const node of walkNodes(model.root)) {
      const c = node.condition;
      if (!c) continue;
      for (const test of c.anyOf ?? [c.if]) {
        const names = [...Object.keys(test.properties ?? {}), ...(test.required ?? [])];
        if (names.length === 0) out.add(c.scope);
        for (const name of names) out.add(`${c.scope}/${escapePointerSegment(name)}`);
      }
    }
    conditionReads.set(model, (reads = [...out]));
  }
  return reads.some((r) => r === pointer || r.startsWith(pointer + '/') || pointer.startsWith(r + '/'));
}
