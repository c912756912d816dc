import '@komek/elements';
import type { KomekForm } from '@komek/elements';
import { formIds } from '@komek/forms';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

/** The attributes and properties of `<komek-form>` a story sets; the controls come from the custom-elements manifest. */
interface KomekFormArgs {
  form: string;
  lang: string;
  secondaryLang?: string;
  readonly: boolean;
  disabled: boolean;
  draftKey?: string;
  data: Record<string, unknown>;
}

const consentFixture = import.meta.glob<Record<string, unknown>>(
  '../../test/fixtures/forms/kz-f4-interview-consent/valid-1.json',
  {
    eager: true,
    import: 'default',
  },
)['../../test/fixtures/forms/kz-f4-interview-consent/valid-1.json']!;

const meta: Meta<KomekFormArgs> = {
  title: 'Components/komek-form',
  component: 'komek-form',
  render: (args) =>
    html`<komek-form
      form=${args.form}
      lang=${args.lang}
      secondary-lang=${ifDefined(args.secondaryLang)}
      draft-key=${ifDefined(args.draftKey)}
      ?readonly=${args.readonly}
      ?disabled=${args.disabled}
      .data=${args.data}
    ></komek-form>`,
  args: { form: 'kz-f4-interview-consent', lang: 'en', readonly: false, disabled: false, data: {} },
  argTypes: {
    form: { control: 'select', options: [...formIds] },
    lang: { control: 'select', options: ['en', 'ru', 'kk', 'ky', 'tg', 'uz'] },
    secondaryLang: { control: 'select', options: [undefined, 'en', 'ru', 'kk', 'ky', 'tg', 'uz'] },
  },
};

export default meta;
type Story = StoryObj<KomekFormArgs>;

/** Any catalog form, in any language; change the controls. */
export const Playground: Story = {};

/** Two languages on screen at once: every label in Russian with Kazakh under it. */
export const Bilingual: Story = { args: { lang: 'ru', secondaryLang: 'kk' } };

/** Answers shown without letting them change, e.g. for a case file being reviewed. */
export const ReadOnly: Story = { args: { data: consentFixture, readonly: true } };

/**
 * Inside a host `<form>`: the element is form-associated, so its data (JSON) is in the host form's `FormData` under
 * its `name`, a disabled fieldset disables it, and the host's own button submits. Use `form-id` there, since HTML
 * reserves `form` inside a form.
 */
export const InAHostForm: Story = {
  render: (args) =>
    html`<form
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        const form = e.currentTarget as HTMLFormElement;
        form.querySelector('output')!.textContent = (new FormData(form).get('consent') as string | null) ?? '';
      }}
    >
      <komek-form form-id=${args.form} name="consent" lang=${args.lang} .data=${args.data}></komek-form>
      <button type="submit">Send</button>
      <output aria-live="polite"></output>
    </form>`,
  args: { data: consentFixture },
};

/** Events: `input` and `change` as answers change, `komek-submit` with valid data, `komek-invalid` with the issues. */
export const Events: Story = {
  render: (args) =>
    html`<komek-form
        form=${args.form}
        lang=${args.lang}
        @komek-submit=${(e: Event & { data: unknown }) => {
          (e.target as KomekForm).nextElementSibling!.textContent = `komek-submit: ${JSON.stringify(e.data)}`;
        }}
        @komek-invalid=${(e: Event & { issues: { text: string }[] }) => {
          (e.target as KomekForm).nextElementSibling!.textContent =
            `komek-invalid: ${e.issues.map((i) => i.text).join(' · ')}`;
        }}
      ></komek-form>
      <pre aria-live="polite"></pre>`,
};

/**
 * Consent before the work: given the case's saved forms (`caseRecords`), a form the guidelines gate (here the KZ
 * identification application) stays closed until a signed consent is among them. With no records, the notice names
 * the consent form to sign; with the signed consent of the fixture, the form opens.
 */
export const ConsentRequired: Story = {
  render: (args) =>
    html`<komek-form
      form="kz-f5-identification-application"
      lang=${args.lang}
      secondary-lang=${ifDefined(args.secondaryLang)}
      .caseRecords=${[]}
    ></komek-form>`,
  args: { lang: 'ru', secondaryLang: 'en' },
};

/** The same form once the case holds the signed interview consent (KZ Form 4). */
export const ConsentGiven: Story = {
  render: (args) =>
    html`<komek-form
      form="kz-f5-identification-application"
      lang=${args.lang}
      .caseRecords=${[{ formId: 'kz-f4-interview-consent', data: consentFixture }]}
    ></komek-form>`,
  args: { lang: 'ru' },
};
