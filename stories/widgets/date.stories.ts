import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kg-3.2-f2-needs-assessment',
  property: 'date',
  invalid: '2025-02-30',
});

const meta: Meta<WidgetArgs> = {
  ...stories.meta,
  title: 'Widgets/Date',
  parameters: {
    ...stories.meta.parameters,
    docs: {
      description: {
        component:
          'A calendar date (YYYY-MM-DD), typed or picked with the browser’s own date control. The invalid state is a date that does not exist.',
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
