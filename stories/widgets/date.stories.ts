import type { Meta } from '@storybook/web-components-vite';
import fixture from '../../test/fixtures/forms/kg-3.2-f2-needs-assessment/valid-1.json';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kg-3.2-f2-needs-assessment',
  property: 'date',
  filled: fixture.date,
  invalid: "2025-02-30",
});

const meta = {
  ...stories.meta,
  title: 'Widgets/Date',
  parameters: { ...stories.meta.parameters, docs: { description: { component: 'A calendar date (YYYY-MM-DD), typed or picked with the browser’s own date control. The invalid state is a date that does not exist.' } } },
} satisfies Meta<WidgetArgs>;

export default meta;
export const Empty = stories.Empty;
export const Filled = stories.Filled;
export const Invalid = stories.Invalid;
export const ReadOnly = stories.ReadOnly;
export const Disabled = stories.Disabled;
