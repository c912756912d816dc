import { afterEach, describe, expect, it } from 'vitest';
import '../index.js';
import { idOf } from '../ids.js';

async function until(ok: () => boolean, ms = 5000): Promise<void> {
  const end = performance.now() + ms;
  while (!ok()) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

afterEach(() => document.body.replaceChildren());

describe('a question revealed in a row of fields side by side', () => {
  it.each([375, 1000])('moves the fields beside it neither sideways nor narrower (%s px)', async (width) => {
    const host = document.createElement('div');
    host.style.width = `${width}px`;
    const el = document.createElement('komek-form');
    el.setAttribute('form', 'kz-f1-initial-application');
    el.setAttribute('lang', 'ru');
    host.append(el);
    document.body.append(host);
    await el.ready;
    const root = el.shadowRoot!;
    const boxes = () =>
      ['/passport/issueDate', '/passport/expiryDate'].map((p) => root.getElementById(idOf(p))!.getBoundingClientRect());
    const before = boxes();
    expect(root.getElementById(idOf('/passport/number'))).toBeNull();
    root.querySelector<HTMLInputElement>(`#${idOf('/passport/hasPassport')} input[value=yes]`)!.click();
    await until(() => root.getElementById(idOf('/passport/number')) !== null);
    await el.updateComplete;
    const after = boxes();
    for (const [i, b] of before.entries()) {
      expect(after[i]!.left).toBe(b.left);
      expect(after[i]!.width).toBe(b.width);
    }
    // Revealed under the question that reveals it, marked as belonging to it.
    const revealed = root.getElementById(idOf('/passport/number'))!.closest('.revealed')!;
    expect(revealed.getBoundingClientRect().top).toBeGreaterThan(
      root.getElementById(idOf('/passport/hasPassport'))!.getBoundingClientRect().bottom - 1,
    );
    expect(after[0]!.top).toBeGreaterThan(revealed.getBoundingClientRect().bottom - 1);
  });
});
