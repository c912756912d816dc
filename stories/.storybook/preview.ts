import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
// Written from the elements' JSDoc by `cem analyze` (pnpm --filter @komek/elements build): controls and docs pages.
import manifest from '@komek/elements/custom-elements.json';
import '@komek/elements';

setCustomElementsManifest(manifest);

const preview: Preview = {
  parameters: {
    controls: { expanded: true },
    a11y: {
      // Violations fail the story test (test/browser/stories); in the UI they are listed in the panel.
      test: 'error',
    },
    options: {
      storySort: { order: ['Introduction', 'Components', 'Widgets', 'Forms', ['KZ', 'KG', 'TJ']] },
    },
  },
  tags: ['autodocs'],
};

export default preview;
