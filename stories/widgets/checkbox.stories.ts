import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kz-f4-interview-consent',
  property: 'consentToInterview',
});

const meta: Meta<WidgetArgs> = {
  ...stories.meta,
  title: 'Widgets/Checkbox',
  parameters: {
    ...stories.meta.parameters,
    docs: {
      description: {
        component: 'A single tick box. Unticked is no answer, so a required consent stays missing until it is ticked.',
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
