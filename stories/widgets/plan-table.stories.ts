import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'tj-f7-individual-work-plan',
  property: 'planTable',
  invalid: { socialAndMedicalHelp: [{ timeLimit: 'soon' }] },
});

const meta: Meta<WidgetArgs> = {
  ...stories.meta,
  title: 'Widgets/PlanTable',
  parameters: {
    ...stories.meta.parameters,
    docs: {
      description: {
        component:
          'The plan table: the columns of a plan measure, row categories from the source, as many measures per category as the plan needs.',
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
