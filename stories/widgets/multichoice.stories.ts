import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kz-f3-primary-aid-application',
  property: 'primaryAid',
  invalid: { kinds: ['medical', 'medical'] },
});

const meta: Meta<WidgetArgs> = {
  ...stories.meta,
  title: 'Widgets/Multichoice',
  parameters: {
    ...stories.meta.parameters,
    docs: {
      description: {
        component:
          'Several answers from a list: check boxes in a fieldset, stored in the list’s order (with the “details” text beside them in this form).',
      },
    },
  },
};

export default meta;
export const Empty: StoryObj<WidgetArgs> = stories.Empty;
export const Filled: StoryObj<WidgetArgs> = stories.Filled;
export const Invalid: StoryObj<WidgetArgs> = stories.Invalid;
export const ReadOnly: StoryObj<WidgetArgs> = stories.ReadOnly;
export const Disabled: StoryObj<WidgetArgs> = stories.Disabled;
