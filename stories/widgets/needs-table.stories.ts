import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kz-needs-assessment',
  property: 'needs',
  invalid: { social: { temporaryHousing: { needed: 'yes' } } },
});

const meta: Meta<WidgetArgs> = {
  ...stories.meta,
  title: 'Widgets/NeedsTable',
  parameters: {
    ...stories.meta.parameters,
    docs: {
      description: {
        component:
          'A needs table with the source’s fixed rows: category headings, one row per need, a mark and a comment per row.',
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
