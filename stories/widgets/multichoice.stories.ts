import type { Meta } from '@storybook/web-components-vite';
import fixture from '../../test/fixtures/forms/kz-f3-primary-aid-application/valid-1.json';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kz-f3-primary-aid-application',
  property: 'primaryAid',
  filled: fixture.primaryAid,
  invalid: {"kinds": ["medical", "medical"]},
});

const meta = {
  ...stories.meta,
  title: 'Widgets/Multichoice',
  parameters: { ...stories.meta.parameters, docs: { description: { component: 'Several answers from a list: check boxes in a fieldset, stored in the list’s order (with the “details” text beside them in this form).' } } },
} satisfies Meta<WidgetArgs>;

export default meta;
export const Empty = stories.Empty;
export const Filled = stories.Filled;
export const Invalid = stories.Invalid;
export const ReadOnly = stories.ReadOnly;
export const Disabled = stories.Disabled;
