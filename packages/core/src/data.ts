import { pointerSegments } from './pointer.js';

/**
 * Returns a copy of `data` with `value` set at `pointer`, creating objects (or arrays, for numeric segments) on the
 * way; `undefined` deletes the value and the objects it leaves empty. A row of an array is removed only by setting
 * the row itself to undefined (no holes); clearing a row's last answer leaves an empty row.
 */
export function setAtPointer<T>(data: T, pointer: string, value: unknown): T {
  const segs = pointerSegments(pointer);
  if (segs.length === 0) return value as T;
  const set = (cur: unknown, i: number): unknown => {
    const seg = segs[i]!;
    const container: Record<string, unknown> | unknown[] = Array.isArray(cur)
      ? [...(cur as unknown[])]
      : cur !== null && typeof cur === 'object'
        ? { ...(cur as Record<string, unknown>) }
        : /^\d+$/.test(seg)
          ? []
          : {};
    const next = i === segs.length - 1 ? value : set((container as Record<string, unknown>)[seg], i + 1);
    if (Array.isArray(container)) {
      // A row stays (empty) when its last answer is cleared; only setting the row itself to undefined removes it.
      if (next === undefined) container.splice(Number(seg), 1);
      else container[Number(seg)] = next;
    } else if (next === undefined || (isEmptyObject(next) && i < segs.length - 1)) {
      delete container[seg];
    } else container[seg] = next;
    return container;
  };
  return set(data, 0) as T;
}

function isEmptyObject(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;
}
