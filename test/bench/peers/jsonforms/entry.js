// JSON Forms (core + React + vanilla renderers, with its ajv validation) rendering the benchmarked form.
import { createElement, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { JsonForms } from '@jsonforms/react';
import { vanillaCells, vanillaRenderers } from '@jsonforms/vanilla-renderers';
import { jsonforms as form } from 'komek-bench-form';

function App() {
  const [data, setData] = useState({});
  return createElement(JsonForms, {
    schema: form.schema,
    uischema: form.uischema,
    data,
    renderers: vanillaRenderers,
    cells: vanillaCells,
    onChange: ({ data }) => setData(data),
  });
}

window.komekBench = {
  name: 'jsonforms',
  mount(container) {
    const root = createRoot(container);
    flushSync(() => root.render(createElement(App)));
  },
  textInput(container, field) {
    return (
      container.querySelector(`[id="${field.jsonFormsScope}-input"]`) ??
      container.querySelector(`[id^="${field.jsonFormsScope}"] input`)
    );
  },
};
