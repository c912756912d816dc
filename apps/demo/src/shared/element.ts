import type { KomekForm } from '@komek/elements';
import type { FormId } from '@komek/forms';
import type { Language } from '@komek/i18n';

/** Options of a `<komek-form>` created by the demo. */
export interface FormElementOptions {
  form: FormId;
  lang: Language;
  secondaryLang?: Language | '';
  name?: string;
}

/** A new `<komek-form>` with its attributes set. */
export function createFormElement(options: FormElementOptions): KomekForm {
  const el = document.createElement('komek-form');
  el.setAttribute('form', options.form);
  setLanguages(el, options.lang, options.secondaryLang);
  if (options.name) el.setAttribute('name', options.name);
  return el;
}

/** Sets the primary and (or removes the) secondary language of a `<komek-form>`; its answers stay. */
export function setLanguages(el: HTMLElement, lang: Language, secondary?: Language | ''): void {
  el.setAttribute('lang', lang);
  if (secondary && secondary !== lang) el.setAttribute('secondary-lang', secondary);
  else el.removeAttribute('secondary-lang');
}
