import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kz-f1-initial-application',
  property: 'worksWillingly',
  invalid: 'unknown',
});

const meta: Meta<WidgetArgs> = {
  ...stories.meta,
  title: 'Widgets/Choice',
  parameters: {
    ...stories.meta.parameters,
    docs: {
      description: {
        component:
          'One answer from a list: radio buttons in a fieldset, or a drop-down list for long lists. The invalid state is a value not offered.',
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
