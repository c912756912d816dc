import { html, render } from 'lit';
import { expect, it } from 'vitest';
import { live } from './live.js';

it('sets a control property again when what the control shows differs from the same answer rendered again', () => {
  const host = document.createElement('div');
  document.body.append(host);
  const draw = (value: string, checked: boolean) =>
    render(html`<input type="text" .value=${live(value)} /><input type="checkbox" .checked=${live(checked)} />`, host);
  draw('Aigerim', true);
  const [text, box] = host.querySelectorAll('input');
  expect(text!.value).toBe('Aigerim');
  expect(box!.checked).toBe(true);
  // The person types and clicks; the answer kept is still the one rendered (e.g. a refused edit).
  text!.value = 'Aigerim!';
  box!.checked = false;
  draw('Aigerim', true);
  expect(text!.value).toBe('Aigerim');
  expect(box!.checked).toBe(true);
  // A new answer is shown; an unchanged one leaves the control as it is (the caret is not moved).
  draw('Aigerim Seitkali', false);
  expect(text!.value).toBe('Aigerim Seitkali');
  expect(box!.checked).toBe(false);
  host.remove();
});
