/** A language of the forms and the interface. `uz` is Uzbek in Latin script. */
export type Language = 'en' | 'ru' | 'kk' | 'ky' | 'tg' | 'uz';

// The codes on their own, so that `isLanguage` does not bring every language's names into a browser bundle.
const codes = new Set<string>(['en', 'ru', 'kk', 'ky', 'tg', 'uz'] satisfies Language[]);

/** One language Komek speaks. */
export interface LanguageInfo {
  code: Language;
  /** English name. */
  name: string;
  /** Name in the language itself, shown in language pickers. */
  nativeName: string;
  /** Whether a native speaker has reviewed the translation (English is the source). */
  reviewed: boolean;
}

/** Every language, English (the source) first. No translation has been reviewed by a native speaker yet. */
export const languages: readonly LanguageInfo[] = /* @__PURE__ */ Object.freeze([
  { code: 'en', name: 'English', nativeName: 'English', reviewed: true },
  { code: 'ru', name: 'Russian', nativeName: 'Русский', reviewed: false },
  { code: 'kk', name: 'Kazakh', nativeName: 'Қазақша', reviewed: false },
  { code: 'ky', name: 'Kyrgyz', nativeName: 'Кыргызча', reviewed: false },
  { code: 'tg', name: 'Tajik', nativeName: 'Тоҷикӣ', reviewed: false },
  { code: 'uz', name: 'Uzbek', nativeName: 'Oʻzbekcha', reviewed: false },
] as const satisfies readonly LanguageInfo[]);

/** Whether a string is one of the language codes. */
export function isLanguage(x: string): x is Language {
  return codes.has(x);
}

/** The source language every other falls back to. */
export const SOURCE_LANGUAGE: Language = 'en';
