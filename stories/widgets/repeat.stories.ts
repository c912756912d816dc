import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kg-3.2-f1-help-consent',
  property: 'organisations',
  invalid: [{}],
});

const meta: Meta<WidgetArgs> = {
  ...stories.meta,
  title: 'Widgets/Repeat',
  parameters: {
    ...stories.meta.parameters,
    docs: { description: { component: 'A list of like entries: one fieldset per entry, added and removed.' } },
  },
};

export default meta;
export const Empty: StoryObj<WidgetArgs> = stories.Empty;
export const Filled: StoryObj<WidgetArgs> = stories.Filled;
export const Invalid: StoryObj<WidgetArgs> = stories.Invalid;
export const ReadOnly: StoryObj<WidgetArgs> = stories.ReadOnly;
export const Disabled: StoryObj<WidgetArgs> = stories.Disabled;
