import type { Language } from './languages.js';

/** Review status of a message: `source` for English, `draft` until a native speaker has reviewed it. */
export type MessageStatus = 'source' | 'draft' | 'reviewed';

/** One message of a locale file. English files generated from the schemas also carry where the text comes from. */
export interface LocaleEntry {
  text: string;
  status: MessageStatus;
  /** Printed field number (`3.5`), English schema messages only. */
  number?: string;
  /** Line of the guidelines text the label comes from, English schema messages only. */
  line?: number;
  /** The label is not on the printed form at all: its part is derived from the guidelines' text. */
  derived?: true;
  /** The label names part of a printed line that the form asks as its own input (the line itself is printed). */
  reading?: true;
  /**
   * English UI messages: where the string appears, for translators. Translations: why the text was last changed
   * (with `changedBy`), e.g. which term base entry or error class it fixes.
   */
  note?: string;
  /** Who last changed a translation (a named person or role); the status stays `draft` until a native reviewer signs off. */
  changedBy?: string;
}

/** Metadata of a locale file. */
export interface LocaleMeta {
  language: Language;
  namespace: string;
  /** Native speakers who reviewed this file. */
  reviewedBy?: string[];
  [extra: string]: unknown;
}

/** A locale file `locales/<lang>/<namespace>.json`: metadata and flat keys. */
export type LocaleFile = { $meta: LocaleMeta } & { [key: string]: LocaleEntry | LocaleMeta };

/** The entries of a locale file without its metadata, in file order. */
export function entriesOf(file: LocaleFile): [string, LocaleEntry][] {
  return Object.entries(file).filter(([k]) => k !== '$meta') as [string, LocaleEntry][];
}
