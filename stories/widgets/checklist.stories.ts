import type { Meta } from '@storybook/web-components-vite';
import fixture from '../../test/fixtures/forms/kz-f2-ethical-principles/valid-1.json';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kz-f2-ethical-principles',
  property: 'privacy',
  filled: fixture.privacy,
});

const meta = {
  ...stories.meta,
  title: 'Widgets/Checklist',
  parameters: { ...stories.meta.parameters, docs: { description: { component: 'A guidance item the specialist confirms (KZ Form 2, ethical principles).' } } },
} satisfies Meta<WidgetArgs>;

export default meta;
export const Empty = stories.Empty;
export const Filled = stories.Filled;
export const Invalid = stories.Invalid;
export const ReadOnly = stories.ReadOnly;
export const Disabled = stories.Disabled;
