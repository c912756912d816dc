import type { Meta } from '@storybook/web-components-vite';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kg-3.1-f1-identification-consent',
  property: 'agreement',
});

const meta = {
  ...stories.meta,
  title: 'Widgets/Static',
  parameters: { ...stories.meta.parameters, docs: { description: { component: 'A printed sentence with no answer (consent wording, instructions). Its states look alike: there is nothing to fill.' } } },
} satisfies Meta<WidgetArgs>;

export default meta;
export const Empty = stories.Empty;
export const Filled = stories.Filled;
export const Invalid = stories.Invalid;
export const ReadOnly = stories.ReadOnly;
export const Disabled = stories.Disabled;
