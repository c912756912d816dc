// Komek's <komek-form> (Lit) rendering the benchmarked form from the catalog in one language. The form's model,
// validator and messages are chunks the element loads on demand, as in any host page.
// preloadForm loads a form's parts (model, validator, widgets, messages in a language) into the element's caches, as a host page may before showing a form.
import { preloadForm } from '@komek/elements';
import { komek as form } from 'komek-bench-form';

const formOf = (container) => container.querySelector('komek-form');
const rendered = (el) => el.shadowRoot?.querySelector('input, textarea, select') != null;

window.komekBench = {
  name: 'komek',
  /**
   * Loads the chunks the element would fetch (model, validator, the form session's code, messages, the code of
   * widgets drawn by chunks of their own), with the element's own `preloadForm`, so that mount times rendering only.
   */
  prepare: () => preloadForm(form.id, form.lang),
  async mount(container) {
    const el = document.createElement('komek-form');
    el.setAttribute('lang', form.lang);
    el.setAttribute('form', form.id);
    container.append(el);
    // The element loads its form asynchronously (from the module cache once prepared): wait until it is drawn.
    for (let i = 0; i < 10000 && !rendered(el); i++) {
      await el.updateComplete;
      if (!rendered(el)) await new Promise((r) => setTimeout(r, 0));
    }
    await el.updateComplete;
  },
  settle: (container) => formOf(container)?.updateComplete,
  /** A long form is drawn once its first screen is painted: resolves when all of it is drawn. */
  complete: (container) => formOf(container)?.ready,
  textInput(container, field) {
    return formOf(container)?.shadowRoot?.getElementById(field.komekId) ?? null;
  },
  countInputs(container) {
    const root = formOf(container)?.shadowRoot;
    return root ? root.querySelectorAll('input, textarea, select').length : 0;
  },
};
