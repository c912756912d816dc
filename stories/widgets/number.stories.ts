import type { Meta } from '@storybook/web-components-vite';
import fixture from '../../test/fixtures/forms/kz-f1-initial-application/valid-1.json';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kz-f1-initial-application',
  property: 'familyMembersInKazakhstan',
  filled: fixture.familyMembersInKazakhstan,
  invalid: -1,
});

const meta = {
  ...stories.meta,
  title: 'Widgets/Number',
  parameters: { ...stories.meta.parameters, docs: { description: { component: 'A number answer (counts: integers with bounds). The invalid state is below the minimum.' } } },
} satisfies Meta<WidgetArgs>;

export default meta;
export const Empty = stories.Empty;
export const Filled = stories.Filled;
export const Invalid = stories.Invalid;
export const ReadOnly = stories.ReadOnly;
export const Disabled = stories.Disabled;
