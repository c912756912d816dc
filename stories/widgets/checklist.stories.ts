import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kz-f2-ethical-principles',
  property: 'privacy',
});

const meta: Meta<WidgetArgs> = {
  ...stories.meta,
  title: 'Widgets/Checklist',
  parameters: {
    ...stories.meta.parameters,
    docs: { description: { component: 'A guidance item the specialist confirms (KZ Form 2, ethical principles).' } },
  },
};

export default meta;
export const Empty: StoryObj<WidgetArgs> = stories.Empty;
export const Filled: StoryObj<WidgetArgs> = stories.Filled;
export const Invalid: StoryObj<WidgetArgs> = stories.Invalid;
export const ReadOnly: StoryObj<WidgetArgs> = stories.ReadOnly;
export const Disabled: StoryObj<WidgetArgs> = stories.Disabled;
