import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-ext-400.css';
import '@fontsource/noto-sans/cyrillic-400.css';
import '@fontsource/noto-sans/cyrillic-ext-400.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-sans/latin-ext-700.css';
import '@fontsource/noto-sans/cyrillic-700.css';
import '@fontsource/noto-sans/cyrillic-ext-700.css';
import { KomekForm } from '@komek/elements';
import { KomekDesk } from './desk.js';
import { registerServiceWorker } from './offline.js';

// Named, not only imported for its effect: @komek/elements marks only its index as having side effects, so a bare
// `import '@komek/elements'` lets the bundler drop the module that defines the element.
if (!customElements.get('komek-form')) customElements.define('komek-form', KomekForm);
customElements.define('komek-desk', KomekDesk);
const desk = document.querySelector('komek-desk');
if (desk instanceof KomekDesk) registerServiceWorker(desk);
