import { fileURLToPath } from 'node:url';
import type { Indexer } from 'storybook/internal/types';
import type { StorybookConfig } from '@storybook/web-components-vite';
import type { Plugin } from 'vite';
import { catalog } from '@komek/forms/catalog';
import { formStoryModuleId, formStoryTitle, formStoryVariants } from '../forms/variants.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const formStoriesFile = here('../forms/form-stories.ts');
const VIRTUAL = 'virtual:komek-form-stories/';

/**
 * Indexes `forms/form-stories.ts` as the catalog's stories: one entry per form × language and bilingual pair, each
 * form served as its own CSF module (`virtual:komek-form-stories/<id>`, generated below), so the sidebar reads
 * Forms › KZ › kz-f1-initial-application › ru.
 */
const catalogIndexer: Indexer = {
  test: /[\\/]forms[\\/]form-stories\.ts$/,
  createIndex: async () =>
    catalog.flatMap((entry) =>
      formStoryVariants.map((v) => ({
        type: 'story' as const,
        importPath: formStoryModuleId(entry.id),
        exportName: v.exportName,
        name: v.name,
        title: formStoryTitle(entry),
        tags: ['form', entry.country.toLowerCase(), '!autodocs'],
      })),
    ),
};

/** Serves the per-form CSF modules the indexer points at. */
function komekStories(): Plugin {
  return {
    name: 'komek-stories',
    enforce: 'pre',
    resolveId(id) {
      if (id.startsWith(VIRTUAL)) return `\0${id}`;
      return undefined;
    },
    load(id) {
      if (id.startsWith(`\0${VIRTUAL}`)) {
        const formId = id.slice(VIRTUAL.length + 1);
        const exports = formStoryVariants.map(
          (v) => `export const ${v.exportName} = stories[${JSON.stringify(v.exportName)}];`,
        );
        return [
          `import { formStoriesModule } from ${JSON.stringify(formStoriesFile)};`,
          `const { meta, stories } = formStoriesModule(${JSON.stringify(formId)});`,
          'export default meta;',
          ...exports,
        ].join('\n');
      }
      return undefined;
    },
  };
}

const config: StorybookConfig = {
  stories: ['../forms/form-stories.ts', '../components/*.stories.ts', '../widgets/*.stories.ts', '../*.mdx'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  experimental_indexers: async (existing) => [catalogIndexer, ...(existing ?? [])],
  viteFinal: async (viteConfig) => {
    viteConfig.plugins = [...(viteConfig.plugins ?? []), komekStories()];
    return viteConfig;
  },
};

export default config;
