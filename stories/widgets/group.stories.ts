import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kg-3.1-f3-identification-questionnaire',
  property: 'expert',
});

const meta: Meta<WidgetArgs> = {
  ...stories.meta,
  title: 'Widgets/Group',
  parameters: {
    ...stories.meta.parameters,
    docs: {
      description: {
        component:
          'A group of questions as a fieldset; a top-level group is a numbered section whose legend is a heading.',
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
