/**
 * The stories of every catalog form, generated: one per language and one per bilingual pair. Storybook indexes this
 * file with the catalog indexer in `.storybook/main.ts`, which serves one CSF module per form built by
 * `formStoriesModule`; the story test (test/browser/stories) renders the same stories from here.
 */
import '@komek/elements';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { catalog, type CatalogEntry } from '@komek/forms';
import type { Language } from '@komek/i18n';
import { formStoryTitle, formStoryVariants } from './variants.js';

/** What a form story sets on `<komek-form>`. */
export interface FormStoryArgs {
  form: string;
  lang: Language;
  secondaryLang?: Language;
  readonly: boolean;
  disabled: boolean;
}

/** Draws `<komek-form>` with the story's args. */
export const renderForm = (args: FormStoryArgs) =>
  html`<komek-form
    form=${args.form}
    lang=${args.lang}
    secondary-lang=${ifDefined(args.secondaryLang)}
    ?readonly=${args.readonly}
    ?disabled=${args.disabled}
  ></komek-form>`;

/** The CSF module of one form: its meta and a story per language and bilingual pair, by export name. */
export function formStoriesModule(id: string): {
  meta: Meta<FormStoryArgs>;
  stories: Record<string, StoryObj<FormStoryArgs>>;
} {
  const entry: CatalogEntry | undefined = catalog.find((e) => e.id === id);
  if (!entry) throw new Error(`No form "${id}" in the catalog: run pnpm gen`);
  const meta: Meta<FormStoryArgs> = {
    title: formStoryTitle(entry),
    component: 'komek-form',
    render: renderForm,
    args: { form: entry.id, readonly: false, disabled: false },
    argTypes: {
      form: { control: false },
      lang: { control: 'select', options: ['en', 'ru', 'kk', 'ky', 'tg', 'uz'] },
      secondaryLang: { control: 'select', options: [undefined, 'en', 'ru', 'kk', 'ky', 'tg', 'uz'] },
    },
    parameters: {
      // The manifest lists every property of the element; these are the ones a form story is about.
      controls: { include: ['form', 'lang', 'secondaryLang', 'readonly', 'disabled'] },
      docs: {
        description: {
          component: `${entry.sop}, ${entry.step}${entry.formNumber ? `, Form ${entry.formNumber}` : ''}: ${entry.title}`,
        },
      },
    },
    tags: ['form'],
  };
  const stories = Object.fromEntries(
    formStoryVariants.map((v) => [
      v.exportName,
      { name: v.name, args: { lang: v.lang, ...(v.secondaryLang ? { secondaryLang: v.secondaryLang } : {}) } },
    ]),
  );
  return { meta, stories };
}
