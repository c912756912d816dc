import { createTranslator } from './createTranslator.js';
import type { Language } from './languages.js';

/**
 * A label in a primary and an optional secondary language, for screens and paper that show both. The secondary
 * text is left out when no secondary language is asked for, when it is the primary language, or when it would
 * repeat the primary text word for word (both fell back to English, or a name that is the same in both).
 */
export function bilingual(
  key: string,
  fallback: string,
  primary: Language,
  secondary?: Language,
): { primary: string; secondary?: string } {
  const first = createTranslator(primary)(key, fallback) ?? fallback;
  if (secondary === undefined || secondary === primary) return { primary: first };
  const second = createTranslator(secondary)(key, fallback) ?? fallback;
  return second === first ? { primary: first } : { primary: first, secondary: second };
}
