import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kz-f1-initial-application',
  property: 'returnHome',
  invalid: { wantsToReturn: 'perhaps' },
});

const meta: Meta<WidgetArgs> = {
  ...stories.meta,
  title: 'Widgets/Indicators',
  parameters: {
    ...stories.meta.parameters,
    docs: {
      description: { component: 'An indicator group laid out as the source’s table “No | Indicator | YES | NO”.' },
    },
  },
};

export default meta;
export const Empty: StoryObj<WidgetArgs> = stories.Empty;
export const Filled: StoryObj<WidgetArgs> = stories.Filled;
export const Invalid: StoryObj<WidgetArgs> = stories.Invalid;
export const ReadOnly: StoryObj<WidgetArgs> = stories.ReadOnly;
export const Disabled: StoryObj<WidgetArgs> = stories.Disabled;
