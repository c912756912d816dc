import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kg-3.1-written-claim',
  property: 'essence',
});

const meta: Meta<WidgetArgs> = {
  ...stories.meta,
  title: 'Widgets/Textarea',
  parameters: {
    ...stories.meta.parameters,
    docs: {
      description: { component: 'A multi-line text answer. Shown with the KG written claim, “essence of the claim”.' },
    },
  },
};

export default meta;
export const Empty: StoryObj<WidgetArgs> = stories.Empty;
export const Filled: StoryObj<WidgetArgs> = stories.Filled;
export const Invalid: StoryObj<WidgetArgs> = stories.Invalid;
export const ReadOnly: StoryObj<WidgetArgs> = stories.ReadOnly;
export const Disabled: StoryObj<WidgetArgs> = stories.Disabled;
