import '@komek/elements';
import type { KomekForm } from '@komek/elements';
import type { FormId } from '@komek/forms';
import type { Language } from '@komek/i18n';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { formFragment, type FormFragment } from './fragment.js';

/** What a widget story sets on `<komek-form>`. */
export interface WidgetArgs {
  lang: Language;
  secondaryLang?: Language;
  readonly: boolean;
  disabled: boolean;
  data: Record<string, unknown>;
}

/** Where a widget is shown from: a real form's question, with a valid and an invalid answer. */
export interface WidgetSource {
  form: FormId;
  /** The top-level property of the form whose question uses the widget. */
  property: string;
  /** An answer the schema rejects; leave out for a required question, whose invalid state is "unanswered". */
  invalid?: unknown;
}

type WidgetStory = StoryObj<WidgetArgs>;

/** The valid fixture of every form (test/fixtures): the filled states show its answers. */
const validFixtures = import.meta.glob<Record<string, unknown>>('../../test/fixtures/forms/*/valid-1.json', {
  eager: true,
  import: 'default',
});

/** The answer the form's valid fixture gives to a question. */
export function fixtureAnswer(form: string, property: string): unknown {
  return validFixtures[`../../test/fixtures/forms/${form}/valid-1.json`]?.[property];
}

/** Waits until `<komek-form>` has loaded its form and rendered it. */
export async function formRendered(el: KomekForm): Promise<void> {
  await el.ready;
  await el.updateComplete;
}

const fragments = new Map<string, Promise<FormFragment>>();
const fragmentOf = (source: WidgetSource) => {
  const key = `${source.form}#${source.property}`;
  let f = fragments.get(key);
  if (!f) fragments.set(key, (f = formFragment(source.form, [source.property])));
  return f;
};

/**
 * The five states every widget story file shows (empty, filled, invalid, read-only, disabled) for one question of
 * a real form, with the form's own labels in every language. The invalid state submits, so every message shows.
 */
export function widgetStories(source: WidgetSource): {
  meta: Meta<WidgetArgs>;
  Empty: WidgetStory;
  Filled: WidgetStory;
  Invalid: WidgetStory;
  ReadOnly: WidgetStory;
  Disabled: WidgetStory;
} {
  const filled = fixtureAnswer(source.form, source.property);
  const answer = (value: unknown) => (value === undefined ? {} : { [source.property]: value });
  const meta: Meta<WidgetArgs> = {
    component: 'komek-form',
    loaders: [async () => ({ fragment: await fragmentOf(source) })],
    render: (args, { loaded }) => {
      const { schema, validator } = loaded.fragment as FormFragment;
      return html`<komek-form
        .schema=${schema}
        .validator=${validator}
        .data=${args.data}
        lang=${args.lang}
        secondary-lang=${ifDefined(args.secondaryLang)}
        ?readonly=${args.readonly}
        ?disabled=${args.disabled}
      ></komek-form>`;
    },
    args: { lang: 'en', readonly: false, disabled: false, data: {} },
    argTypes: {
      lang: { control: 'select', options: ['en', 'ru', 'kk', 'ky', 'tg', 'uz'] },
      secondaryLang: { control: 'select', options: [undefined, 'en', 'ru', 'kk', 'ky', 'tg', 'uz'] },
    },
    parameters: {
      komekSource: `${source.form} › ${source.property}`,
      controls: { include: ['lang', 'secondaryLang', 'readonly', 'disabled', 'data'] },
    },
  };
  const Empty: WidgetStory = {};
  const Filled: WidgetStory = { args: { data: answer(filled), secondaryLang: 'ru' } };
  const Invalid: WidgetStory = {
    args: { data: answer(source.invalid) },
    play: async ({ canvasElement }) => {
      const el = canvasElement.querySelector('komek-form')!;
      await formRendered(el);
      await el.submit();
      await el.updateComplete;
    },
  };
  const ReadOnly: WidgetStory = { args: { data: answer(filled), readonly: true } };
  const Disabled: WidgetStory = { args: { data: answer(filled), disabled: true } };
  return { meta, Empty, Filled, Invalid, ReadOnly, Disabled };
}
