import type { Meta } from '@storybook/web-components-vite';
import fixture from '../../test/fixtures/forms/kz-f1-initial-application/valid-1.json';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kz-f1-initial-application',
  property: 'worksWillingly',
  filled: fixture.worksWillingly,
  invalid: "unknown",
});

const meta = {
  ...stories.meta,
  title: 'Widgets/Choice',
  parameters: { ...stories.meta.parameters, docs: { description: { component: 'One answer from a list: radio buttons in a fieldset, or a drop-down list for long lists. The invalid state is a value not offered.' } } },
} satisfies Meta<WidgetArgs>;

export default meta;
export const Empty = stories.Empty;
export const Filled = stories.Filled;
export const Invalid = stories.Invalid;
export const ReadOnly = stories.ReadOnly;
export const Disabled = stories.Disabled;
