import '@komek/elements';
import '@komek/elements/signature-pad.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

interface SignaturePadArgs {
  label: string;
  typedName?: string;
  disabled: boolean;
}

const meta: Meta<SignaturePadArgs> = {
  title: 'Components/komek-signature-pad',
  component: 'komek-signature-pad',
  render: (args) =>
    html`<komek-signature-pad
      label=${args.label}
      typed-name=${ifDefined(args.typedName)}
      ?disabled=${args.disabled}
    ></komek-signature-pad>`,
  args: { label: 'Signature of the applicant', disabled: false },
};

export default meta;
type Story = StoryObj<SignaturePadArgs>;

/** Draw with a finger, a stylus or the mouse. */
export const Empty: Story = {};
/** Keyboard users can sign with the typed name instead of drawing. */
export const WithTypedName: Story = { args: { typedName: 'Sultanova Nurzhan Ermekovna' } };
export const Disabled: Story = { args: { disabled: true } };
