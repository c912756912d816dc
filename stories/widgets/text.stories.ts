import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kz-f1-initial-application',
  property: 'fullName',
});

const meta: Meta<WidgetArgs> = {
  ...stories.meta,
  title: 'Widgets/Text',
  parameters: {
    ...stories.meta.parameters,
    docs: { description: { component: 'A one-line text answer. Shown here with KZ Form 1, “Full name”.' } },
  },
};

export default meta;
export const Empty: StoryObj<WidgetArgs> = stories.Empty;
export const Filled: StoryObj<WidgetArgs> = stories.Filled;
export const Invalid: StoryObj<WidgetArgs> = stories.Invalid;
export const ReadOnly: StoryObj<WidgetArgs> = stories.ReadOnly;
export const Disabled: StoryObj<WidgetArgs> = stories.Disabled;
