import '@komek/elements';
import type { KomekForm, KomekSubmitEvent } from '@komek/elements';
import { createElement as h, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { Language } from '@komek/i18n';
import { setUpPage } from '../shared/chrome.js';
import { onUiLanguage, t } from '../shared/ui.js';

// Written with createElement rather than JSX so the page needs no JSX transform; `h('komek-form', props)` is what
// `<komek-form {...props} />` compiles to.

const FORM = 'tj-f1-identification-consent';

/** A React host: the element's data is React state, events arrive through a ref. */
function ConsentDesk({ lang }: { lang: Language }) {
  const ref = useRef<KomekForm>(null);
  const [data, setData] = useState<Record<string, unknown>>({});
  const [submitted, setSubmitted] = useState<unknown>(undefined);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // React 19 does not attach listeners for custom events of custom elements by name: use the ref.
    const onInput = () => setData({ ...(el.data as Record<string, unknown>) });
    const onSubmit = (event: KomekSubmitEvent) => setSubmitted(event.data);
    el.addEventListener('input', onInput);
    el.addEventListener('change', onInput);
    el.addEventListener('komek-submit', onSubmit);
    return () => {
      el.removeEventListener('input', onInput);
      el.removeEventListener('change', onInput);
      el.removeEventListener('komek-submit', onSubmit);
    };
  }, []);

  return h(
    'div',
    { className: 'workspace' },
    h(
      'section',
      { className: 'panel' },
      // `form` and `lang` become attributes; `data` is set as the element's property, an object, not a string.
      h('komek-form', { ref, form: FORM, lang, name: 'consent', data }),
    ),
    h(
      'aside',
      { className: 'panel data-pane' },
      h('h2', null, t('demo.react.state')),
      h('pre', { id: 'react-state' }, JSON.stringify(data, null, 2)),
      h(
        'div',
        { className: 'actions' },
        h('button', { type: 'button', onClick: () => setData({}) }, t('demo.react.reset')),
      ),
      h('h2', null, t('demo.react.submitted')),
      h('pre', { id: 'react-submitted' }, submitted === undefined ? '—' : JSON.stringify(submitted, null, 2)),
    ),
  );
}

const root = createRoot(document.querySelector('#root')!);
const render = (lang: Language) => root.render(h(ConsentDesk, { lang }));
onUiLanguage(render);
void setUpPage();
