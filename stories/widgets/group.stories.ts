import type { Meta } from '@storybook/web-components-vite';
import fixture from '../../test/fixtures/forms/kg-3.1-f3-identification-questionnaire/valid-1.json';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kg-3.1-f3-identification-questionnaire',
  property: 'expert',
  filled: fixture.expert,
});

const meta = {
  ...stories.meta,
  title: 'Widgets/Group',
  parameters: { ...stories.meta.parameters, docs: { description: { component: 'A group of questions as a fieldset; a top-level group is a numbered section whose legend is a heading.' } } },
} satisfies Meta<WidgetArgs>;

export default meta;
export const Empty = stories.Empty;
export const Filled = stories.Filled;
export const Invalid = stories.Invalid;
export const ReadOnly = stories.ReadOnly;
export const Disabled = stories.Disabled;
