import { html, nothing, type ReactiveElement, type TemplateResult } from 'lit';
import { formatMessageKey, marks, presentLabel, presentTitle, unworded, type FormNode } from '@komek/core';
import { type Language } from '../localize/messages.js';
import { Localizer, toLanguage } from '../localize/localizer.js';

const REQUIRED = html`<span class="mark required" aria-hidden="true">${marks.required}</span>`;
const DERIVED = html`<span class="mark derived" aria-hidden="true">${marks.derived}</span>`;

/** What the localization needs of its element: the languages asked for. */
export type LocalizedHost = ReactiveElement & { secondaryLang: string | undefined };

/**
 * The languages of `<komek-form>` (`lang`, else the page's; `secondary-lang`) and its messages in them: loads a
 * form's namespaces in both, and words interface strings, labels and validation messages through them. It has no
 * part in the element's lifecycle: the element asks it to load when a form or a language changes.
 */
export class Localization {
  /** The messages of the languages on screen; replaced (not changed) once a new pair of languages has loaded. */
  localizer = new Localizer('en', undefined);
  #host: LocalizedHost;

  constructor(host: LocalizedHost) {
    this.#host = host;
  }

  /** The languages asked for: the element's `lang`, else the nearest `lang` of the page, else English. */
  language(): { primary: Language; secondary: Language | undefined } {
    const host = this.#host;
    const inherited =
      host.lang || host.parentElement?.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang;
    return { primary: toLanguage(inherited) ?? 'en', secondary: toLanguage(host.secondaryLang) };
  }

  /**
   * Loads these namespaces (of the catalog form `formId`: its own messages file) in the languages asked for, and
   * puts them on screen unless `current` says that the element has moved on meanwhile (another form, other
   * languages). Tells whether it did.
   */
  async load(namespaces: readonly string[], current: () => boolean, formId?: string): Promise<boolean> {
    const { primary, secondary } = this.language();
    const localizer = new Localizer(primary, secondary);
    await localizer.load(namespaces, formId);
    if (!current()) return false;
    this.localizer = localizer;
    return true;
  }

  /** A `ui` namespace string in the primary language. */
  ui(key: string, english: string): string {
    return this.localizer.t(`ui:${key}`, english);
  }

  /**
   * A message in the primary language, `mark` after it, the secondary language under it (a plain string when alone);
   * `present` styles each language's text for the screen (see presentLabel).
   */
  bilingual(
    key: string,
    english: string,
    mark: unknown = nothing,
    present?: (text: string, lang: string) => string,
  ): TemplateResult | string {
    const localizer = this.localizer;
    let first = localizer.t(key, english);
    let second = localizer.t2(key, english);
    if (present) {
      first = present(first, localizer.primary);
      if (second !== undefined) second = present(second, localizer.secondary!);
    }
    if (second === undefined) return mark === nothing ? first : html`${first}${mark}`;
    return html`${first}${mark}<span class="secondary" part="secondary" lang=${localizer.secondary!}>${second}</span>`;
  }

  /** A node's label: its number, its text in both languages, its marks; `title` words it as the form's title. */
  label(node: FormNode, title: boolean): TemplateResult | string {
    // Worked out once per node and pair of languages: a render asks for every drawn label again.
    if (this.#labelsOf !== this.localizer) {
      this.#labelsOf = this.localizer;
      this.#labels = new WeakMap();
    }
    let label = this.#labels.get(node);
    if (label === undefined) this.#labels.set(node, (label = this.#label(node, title)));
    return label;
  }

  #labels = new WeakMap<FormNode, TemplateResult | string>();
  #labelsOf: Localizer | undefined;

  #label(node: FormNode, title: boolean): TemplateResult | string {
    const required = node.required && (node.kind === 'field' || node.kind === 'checklist');
    const after = node.derived ? (required ? html`${REQUIRED}${DERIVED}` : DERIVED) : required ? REQUIRED : nothing;
    const text = this.bilingual(
      formatMessageKey(node.labelKey),
      node.englishLabel ?? unworded(node.labelKey),
      after,
      title ? presentTitle : presentLabel,
    );
    return node.number ? html`<span class="number">${node.number}</span> ${text}` : text;
  }
}
