import type { Meta } from '@storybook/web-components-vite';
import fixture from '../../test/fixtures/forms/kg-3.2-f1-help-consent/valid-1.json';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kg-3.2-f1-help-consent',
  property: 'organisations',
  filled: fixture.organisations,
  invalid: [{}],
});

const meta = {
  ...stories.meta,
  title: 'Widgets/Repeat',
  parameters: { ...stories.meta.parameters, docs: { description: { component: 'A list of like entries: one fieldset per entry, added and removed.' } } },
} satisfies Meta<WidgetArgs>;

export default meta;
export const Empty = stories.Empty;
export const Filled = stories.Filled;
export const Invalid = stories.Invalid;
export const ReadOnly = stories.ReadOnly;
export const Disabled = stories.Disabled;
