import type { Meta } from '@storybook/web-components-vite';
import fixture from '../../test/fixtures/forms/tj-f7-individual-work-plan/valid-1.json';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'tj-f7-individual-work-plan',
  property: 'planTable',
  filled: fixture.planTable,
  invalid: {"socialAndMedicalHelp": [{"timeLimit": "soon"}]},
});

const meta = {
  ...stories.meta,
  title: 'Widgets/PlanTable',
  parameters: { ...stories.meta.parameters, docs: { description: { component: 'The plan table: the columns of a plan measure, row categories from the source, as many measures per category as the plan needs.' } } },
} satisfies Meta<WidgetArgs>;

export default meta;
export const Empty = stories.Empty;
export const Filled = stories.Filled;
export const Invalid = stories.Invalid;
export const ReadOnly = stories.ReadOnly;
export const Disabled = stories.Disabled;
