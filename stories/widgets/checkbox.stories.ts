import type { Meta } from '@storybook/web-components-vite';
import fixture from '../../test/fixtures/forms/kz-f4-interview-consent/valid-1.json';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kz-f4-interview-consent',
  property: 'consentToInterview',
  filled: fixture.consentToInterview,
});

const meta = {
  ...stories.meta,
  title: 'Widgets/Checkbox',
  parameters: { ...stories.meta.parameters, docs: { description: { component: 'A single tick box. Unticked is no answer, so a required consent stays missing until it is ticked.' } } },
} satisfies Meta<WidgetArgs>;

export default meta;
export const Empty = stories.Empty;
export const Filled = stories.Filled;
export const Invalid = stories.Invalid;
export const ReadOnly = stories.ReadOnly;
export const Disabled = stories.Disabled;
