import type { Meta } from '@storybook/web-components-vite';
import fixture from '../../test/fixtures/forms/kz-f1-initial-application/valid-1.json';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kz-f1-initial-application',
  property: 'fullName',
  filled: fixture.fullName,
});

const meta = {
  ...stories.meta,
  title: 'Widgets/Text',
  parameters: { ...stories.meta.parameters, docs: { description: { component: 'A one-line text answer. Shown here with KZ Form 1, “Full name”.' } } },
} satisfies Meta<WidgetArgs>;

export default meta;
export const Empty = stories.Empty;
export const Filled = stories.Filled;
export const Invalid = stories.Invalid;
export const ReadOnly = stories.ReadOnly;
export const Disabled = stories.Disabled;
