import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { widgetStories, type WidgetArgs } from './widget-stories.js';

const stories = widgetStories({
  form: 'kg-3.1-f1-identification-consent',
  property: 'applicantSignature',
  invalid: { signedBy: 'Sultanova Nurzhan Ermekovna' },
});

const meta: Meta<WidgetArgs> = {
  ...stories.meta,
  title: 'Widgets/Signature',
  parameters: {
    ...stories.meta.parameters,
    docs: {
      description: {
        component:
          'A signature: the typed full name and date are the record; a drawn signature is optional below them.',
      },
    },
  },
};

export default meta;
export const Empty: StoryObj<WidgetArgs> = stories.Empty;
export const Filled: StoryObj<WidgetArgs> = stories.Filled;
export const Invalid: StoryObj<WidgetArgs> = stories.Invalid;
export const ReadOnly: StoryObj<WidgetArgs> = stories.ReadOnly;
export const Disabled: StoryObj<WidgetArgs> = stories.Disabled;
