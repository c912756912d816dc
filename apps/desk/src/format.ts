import { html, nothing, type TemplateResult } from 'lit';
import { formatDate } from '@komek/i18n/runtime';
import type { Lang } from './messages.js';

/**
 * Dates and times as the forms and their PDFs write them (`@komek/i18n`'s formatDate): 24.08.2024, and 24/08/2024
 * in English, the same in every browser. The browser's own `toLocaleString` gives 8/24/2024 in English (month
 * first) and a different order in Kazakh, Kyrgyz, Tajik and Uzbek from one engine to the next.
 */

const two = (n: number) => String(n).padStart(2, '0');

/** A calendar day (`yyyy-mm-dd`), or the day of a moment (a timestamp) on this device's clock. */
export function day(lang: Lang, when: string | number): string {
  if (typeof when === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(when)) return formatDate(when, lang);
  const d = new Date(when);
  if (Number.isNaN(d.getTime())) return String(when);
  return formatDate(`${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`, lang);
}

/** A moment (a timestamp) as its day and a 24-hour time on this device's clock. */
export function moment(lang: Lang, when: string | number): string {
  const d = new Date(when);
  if (Number.isNaN(d.getTime())) return String(when);
  return `${day(lang, when)} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/**
 * Text that a person typed (a name, a note, a comment), set apart from the desk's words around it: a right-to-left
 * mark or override in it does not turn the rest of the line around (a date of birth after a name read backwards).
 */
export const typed = (text: string | null | undefined): TemplateResult | typeof nothing =>
  text ? html`<bdi>${text}</bdi>` : nothing;
