import type { Meta } from '@storybook/web-components-vite';
import fixture from '../../test/fixtures/forms/kg-3.1-f1-identification-consent/valid-1.json';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kg-3.1-f1-identification-consent',
  property: 'applicantIsMinor',
  filled: fixture.applicantIsMinor,
  invalid: "maybe",
});

const meta = {
  ...stories.meta,
  title: 'Widgets/YesNo',
  parameters: { ...stories.meta.parameters, docs: { description: { component: 'A YES / NO pair: a fieldset whose legend is the question and two radio buttons. Y / N answer, Delete clears.' } } },
} satisfies Meta<WidgetArgs>;

export default meta;
export const Empty = stories.Empty;
export const Filled = stories.Filled;
export const Invalid = stories.Invalid;
export const ReadOnly = stories.ReadOnly;
export const Disabled = stories.Disabled;
