import { KomekForm } from '@komek/elements';
import { KomekDesk } from './desk.js';

// Named, not only imported for its effect: @komek/elements marks only its index as having side effects, so a bare
// `import '@komek/elements'` lets the bundler drop the module that defines the element.
if (!customElements.get('komek-form')) customElements.define('komek-form', KomekForm);
customElements.define('komek-desk', KomekDesk);
