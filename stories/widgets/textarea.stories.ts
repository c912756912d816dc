import type { Meta } from '@storybook/web-components-vite';
import fixture from '../../test/fixtures/forms/kg-3.1-written-claim/valid-1.json';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kg-3.1-written-claim',
  property: 'essence',
  filled: fixture.essence,
});

const meta = {
  ...stories.meta,
  title: 'Widgets/Textarea',
  parameters: { ...stories.meta.parameters, docs: { description: { component: 'A multi-line text answer. Shown with the KG written claim, “essence of the claim”.' } } },
} satisfies Meta<WidgetArgs>;

export default meta;
export const Empty = stories.Empty;
export const Filled = stories.Filled;
export const Invalid = stories.Invalid;
export const ReadOnly = stories.ReadOnly;
export const Disabled = stories.Disabled;
