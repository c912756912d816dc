import type { Meta } from '@storybook/web-components-vite';
import fixture from '../../test/fixtures/forms/kg-3.1-f1-identification-consent/valid-1.json';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kg-3.1-f1-identification-consent',
  property: 'applicantSignature',
  filled: fixture.applicantSignature,
  invalid: {"signedBy": "Sultanova Nurzhan Ermekovna"},
});

const meta = {
  ...stories.meta,
  title: 'Widgets/Signature',
  parameters: { ...stories.meta.parameters, docs: { description: { component: 'A signature: the typed full name and date are the record; a drawn signature is optional below them.' } } },
} satisfies Meta<WidgetArgs>;

export default meta;
export const Empty = stories.Empty;
export const Filled = stories.Filled;
export const Invalid = stories.Invalid;
export const ReadOnly = stories.ReadOnly;
export const Disabled = stories.Disabled;
