import { createTranslator, isLanguage, languages, loadMessages, type Language } from '@komek/i18n';
import type { Translator } from '@komek/core';
import type { StepWords } from './forms.js';
import { uiText, type UiKey } from './texts.js';

const STORAGE_KEY = 'komek-demo:ui-language';

let current: Language = 'en';
let translator: Translator = createTranslator('en');
const listeners = new Set<(lang: Language) => void>();

/** The interface language: the one chosen before (this browser), else the browser's, else English. */
export function initialLanguage(): Language {
  const fromUrl = new URLSearchParams(location.search).get('ui');
  if (fromUrl && isLanguage(fromUrl)) return fromUrl;
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored && isLanguage(stored)) return stored;
  const browser = (navigator.language || 'en').slice(0, 2);
  return isLanguage(browser) ? browser : 'en';
}

/** The interface language now. */
export const uiLanguage = (): Language => current;

/** A text of the demo in the interface language, else English. */
export function t(key: UiKey, params?: Record<string, unknown>): string {
  return uiText(translator, key, params);
}

/** How SOP steps are named in the interface language (see stepLabel). */
export function stepWords(): StepWords {
  return {
    sop: (number) => t('demo.sop', { number }),
    step: (number) => t('demo.step', { number }),
    steps: (number) => t('demo.steps', { number }),
  };
}

/** A `ui` string of @komek/i18n (e.g. `country.KZ`) in the interface language, else the English given. */
export function tShared(key: string, fallback: string): string {
  return translator(`ui:${key}`, fallback) ?? fallback;
}

/**
 * Switches the interface language: loads the `ui` messages (and any form namespaces asked for) and re-translates
 * every `[data-i18n]` element. The UI stays in English if the messages cannot be loaded.
 */
export async function setUiLanguage(lang: Language, namespaces: readonly string[] = []): Promise<void> {
  try {
    await loadMessages(lang, namespaces);
  } catch {
    // No `ui` messages in this build: the English texts above stand.
  }
  current = lang;
  translator = createTranslator(lang);
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  translatePage();
  for (const listener of listeners) listener(lang);
}

/** Calls back after every switch of the interface language. */
export function onUiLanguage(listener: (lang: Language) => void): void {
  listeners.add(listener);
}

/** Puts the text of `data-i18n="key"` into each element, and of `data-i18n-<attr>="key"` into that attribute. */
export function translatePage(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n as UiKey);
  }
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-aria-label]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel as UiKey));
  }
}

/** Fills a `<select>` with the six languages, by their own names. */
export function fillLanguageSelect(select: HTMLSelectElement, selected: Language | '', withNone?: UiKey): void {
  select.replaceChildren();
  if (withNone) select.append(new Option(t(withNone), '', false, selected === ''));
  for (const l of languages)
    select.append(new Option(`${l.nativeName} (${l.code})`, l.code, false, l.code === selected));
}

/** Whether a language's translations are still drafts. */
export function isUnreviewed(lang: Language): boolean {
  return !languages.find((l) => l.code === lang)?.reviewed;
}
