import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kg-3.1-f1-identification-consent',
  property: 'applicantIsMinor',
  invalid: 'maybe',
});

const meta: Meta<WidgetArgs> = {
  ...stories.meta,
  title: 'Widgets/YesNo',
  parameters: {
    ...stories.meta.parameters,
    docs: {
      description: {
        component:
          'A YES / NO pair: a fieldset whose legend is the question and two radio buttons. Y / N answer, Delete clears.',
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
