import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kz-f1-initial-application',
  property: 'familyMembersInKazakhstan',
  invalid: -1,
});

const meta: Meta<WidgetArgs> = {
  ...stories.meta,
  title: 'Widgets/Number',
  parameters: {
    ...stories.meta.parameters,
    docs: {
      description: {
        component: 'A number answer (counts: integers with bounds). The invalid state is below the minimum.',
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
