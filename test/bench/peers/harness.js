// In-page timing harness shared by every renderer's page (a classic script, loaded before the renderer).
// A renderer's entry sets `window.komekBench = { name, mount(container), textInput(container, field), settle?() }`.
//
// Timing: performance.now() around the work, then a forced layout (so DOM building, style and layout count the
// same for every library), then the page yields macrotasks while the DOM keeps changing (work a library defers
// to microtasks, effects or posted tasks counts); a macrotask with no DOM change ends the measure and is not
// counted.
(function () {
  const macrotask = () =>
    new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    });

  async function settled(container, t0, observer) {
    const bench = window.komekBench;
    if (bench.settle) await bench.settle(container);
    container.getBoundingClientRect();
    void document.body.offsetHeight; // forces layout
    let end = performance.now();
    for (let i = 0; i < 50; i++) {
      await macrotask();
      if (observer.takeRecords().length === 0) break;
      if (bench.settle) await bench.settle(container);
      void document.body.offsetHeight; // forces layout
      end = performance.now();
    }
    return end - t0;
  }

  function setValue(el, value) {
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
    el.dispatchEvent(
      new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: value.slice(-1) }),
    );
  }

  async function whenReady() {
    for (let i = 0; i < 500 && !window.komekBench; i++) await new Promise((r) => setTimeout(r, 10));
    if (!window.komekBench) throw new Error('the renderer entry did not set window.komekBench');
    return window.komekBench;
  }

  const state = { container: null, observer: null, input: null, text: '' };

  /** Loads what the renderer would load on demand before drawing (ours: the form's chunks). */
  window.komekPrepare = async function () {
    const bench = await whenReady();
    if (bench.prepare) await bench.prepare();
  };

  /** Mounts the form once; returns the time in ms and the number of controls drawn. */
  window.komekMount = async function (options) {
    const bench = await whenReady();
    if (bench.prepare && options.prepare !== false) await bench.prepare();
    const container = document.getElementById('root');
    const observer = new MutationObserver(() => {});
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    await macrotask();
    observer.takeRecords();
    const t0 = performance.now();
    await bench.mount(container);
    const mount = await settled(container, t0, observer);
    const inputs = bench.countInputs
      ? bench.countInputs(container)
      : container.querySelectorAll('input, textarea, select').length;
    // A renderer that draws a long form in parts (ours): also the time until all of it is drawn and laid out.
    let whole = mount;
    let inputsWhole = inputs;
    if (bench.complete) {
      await bench.complete(container);
      whole = await settled(container, t0, observer);
      inputsWhole = bench.countInputs
        ? bench.countInputs(container)
        : container.querySelectorAll('input, textarea, select').length;
    }
    Object.assign(state, { container, observer, input: null, text: '' });
    if (options.field) {
      state.input = bench.textInput(container, options.field);
      if (!state.input) throw new Error(`${bench.name}: text field ${JSON.stringify(options.field)} not found`);
    }
    return { mount, inputs, whole, inputsWhole };
  };

  /** Focuses the field typed into (after the first render, as a person would click into it). */
  window.komekFocus = async function () {
    state.input.focus();
    await macrotask();
  };

  /** Types one more character into the field; returns the time in ms from the input event to a settled DOM. */
  window.komekType = async function () {
    const { container, observer, input } = state;
    await macrotask();
    observer.takeRecords();
    state.text += 'абвгдеёжзи'[state.text.length % 10];
    const k0 = performance.now();
    setValue(input, state.text);
    return settled(container, k0, observer);
  };

  /** What the field shows now. */
  window.komekValue = () => state.input?.value;

  /**
   * Everything `komekType` does except typing (the driver's call, the macrotask round trips, the settle check and
   * the forced layout of an unchanged DOM): its work is subtracted from a keystroke's.
   */
  window.komekNoop = async function () {
    const { container, observer } = state;
    await macrotask();
    if (!container) return 0;
    observer.takeRecords();
    return settled(container, performance.now(), observer);
  };
})();
