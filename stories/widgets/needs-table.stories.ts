import type { Meta } from '@storybook/web-components-vite';
import fixture from '../../test/fixtures/forms/kz-needs-assessment/valid-1.json';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kz-needs-assessment',
  property: 'needs',
  filled: fixture.needs,
  invalid: {"social": {"temporaryHousing": {"needed": "yes"}}},
});

const meta = {
  ...stories.meta,
  title: 'Widgets/NeedsTable',
  parameters: { ...stories.meta.parameters, docs: { description: { component: 'A needs table with the source’s fixed rows: category headings, one row per need, a mark and a comment per row.' } } },
} satisfies Meta<WidgetArgs>;

export default meta;
export const Empty = stories.Empty;
export const Filled = stories.Filled;
export const Invalid = stories.Invalid;
export const ReadOnly = stories.ReadOnly;
export const Disabled = stories.Disabled;
