import { KomekError } from '@komek/core';

/** The messages of a language and namespace could not be loaded (a language without the file simply falls back). */
export class MessagesLoadError extends KomekError {
  constructor(
    readonly lang: string,
    readonly namespace: string,
    reason: string,
  ) {
    super('KOMEK_MESSAGES_LOAD', `Cannot load the ${lang} messages of "${namespace}": ${reason}`);
    this.name = 'MessagesLoadError';
  }
}

/** A language code that Komek does not speak; the message lists the ones it does. */
export class UnsupportedLanguageError extends KomekError {
  constructor(
    readonly language: string,
    known: readonly string[],
  ) {
    super('KOMEK_UNSUPPORTED_LANGUAGE', `Unsupported language "${language}": use one of ${known.join(', ')}`);
    this.name = 'UnsupportedLanguageError';
  }
}

/** A message namespace that is not a schema's or the interface's name (it would become a file path). */
export class InvalidNamespaceError extends KomekError {
  constructor(readonly namespace: string) {
    super(
      'KOMEK_INVALID_ARGUMENT',
      `Invalid namespace "${namespace}": a namespace is a schema file's name without .schema.json, or "ui"`,
    );
    this.name = 'InvalidNamespaceError';
  }
}
