import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
// @ts-expect-error: served by the komek-stories plugin in main.ts (packages/elements/dist/custom-elements.json).
import manifest from 'virtual:komek-custom-elements';
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
