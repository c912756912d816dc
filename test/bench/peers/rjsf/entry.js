// react-jsonschema-form (core + React + validator-ajv8) rendering the benchmarked form.
import { createElement, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import Form from '@rjsf/core';
import validator from '@rjsf/validator-ajv8';
import { rjsf as form } from 'komek-bench-form';

function App() {
  const [formData, setFormData] = useState({});
  return createElement(Form, {
    schema: form.schema,
    uiSchema: form.uiSchema,
    validator,
    formData,
    liveValidate: false,
    onChange: (e) => setFormData(e.formData),
  });
}

window.komekBench = {
  name: 'rjsf',
  mount(container) {
    const root = createRoot(container);
    flushSync(() => root.render(createElement(App)));
  },
  textInput(container, field) {
    return container.querySelector(`[id="${field.rjsfId}"]`);
  },
};
