import { createTranslator, isLanguage, loadFormMessages, loadMessages, type Language } from './messages.js';
import type { FormModel, Translator } from '@komek/core';

/** The language a `lang` value asks for, if Komek speaks it: `ru-RU` → `ru`, `uz-Latn` → `uz`. */
export function toLanguage(tag: string | null | undefined): Language | undefined {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return isLanguage(primary) ? primary : undefined;
}

/**
 * The messages of one form in a primary and an optional secondary language. Lookups are cached per language: a
 * large form asks for hundreds of labels on every full render.
 */
export class Localizer {
  #cache = new Map<string, string>();
  #primaryT: Translator;
  #secondaryT: Translator | undefined;

  constructor(
    readonly primary: Language,
    readonly secondary: Language | undefined,
  ) {
    this.#primaryT = createTranslator(primary);
    this.#secondaryT = secondary && secondary !== primary ? createTranslator(secondary) : undefined;
  }

  /**
   * Loads the namespaces in both languages (those of the catalog form `form` from its own messages file, see
   * `loadFormMessages`). A namespace that cannot be loaded leaves its texts in English (the model's, where it has
   * it; else the names they label) rather than failing the form.
   */
  async load(namespaces: readonly string[], form?: FormModel): Promise<void> {
    const langs = this.#secondaryT ? [this.primary, this.secondary!] : [this.primary];
    const results = await Promise.allSettled(
      langs.map((l) => (form ? loadFormMessages(l, form.meta.id, namespaces, form) : loadMessages(l, namespaces))),
    );
    if (results.some((r) => r.status === 'rejected')) {
      // One namespace failing must not hide the others: load them one by one.
      await Promise.allSettled(langs.flatMap((l) => namespaces.map((ns) => loadMessages(l, [ns]))));
    }
    this.#cache.clear();
  }

  /** A message in the primary language (or its English fallback). */
  t(key: string, fallback: string): string {
    const id = `1${key}`;
    let v = this.#cache.get(id);
    if (v === undefined) {
      v = this.#primaryT(key, fallback) ?? fallback;
      this.#cache.set(id, v);
    }
    return v;
  }

  /**
   * A message in the primary language (or English), undefined when neither has it: for callers that have a last
   * resort of their own (core's `translate` names the field by its key when a catalog model carries no English).
   */
  find(key: string): string | undefined {
    return this.#primaryT(key);
  }

  /** The same message in the secondary language; undefined without one, or when it would repeat the primary. */
  t2(key: string, fallback: string): string | undefined {
    if (!this.#secondaryT) return undefined;
    const id = `2${key}`;
    let v = this.#cache.get(id);
    if (v === undefined) {
      v = this.#secondaryT(key, fallback) ?? fallback;
      this.#cache.set(id, v);
    }
    return v === this.t(key, fallback) ? undefined : v;
  }
}
