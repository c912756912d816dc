import { KomekError } from '@komek/core';
/** A problem in a schema file: which file, where in it (JSON pointer, and line when known) and why. */
export class SchemaError extends KomekError {
  constructor(
    readonly file: string,
    readonly pointer: string,
    readonly reason: string,
    readonly line?: number,
  ) {
    super(
      'KOMEK_SCHEMA',
      `${file}${line !== undefined ? `:${line}` : ''} at ${pointer === '' ? '(root)' : pointer}: ${reason}`,
    );
    this.name = 'SchemaError';
  }
}

/** Several schema problems reported together, so one run of `pnpm gen` shows them all. */
export class SchemaErrors extends KomekError {
  constructor(readonly errors: SchemaError[]) {
    super(
      'KOMEK_SCHEMA',
      `${errors.length} schema error${errors.length === 1 ? '' : 's'}:\n` +
        errors.map((e) => '  ' + e.message).join('\n'),
    );
    this.name = 'SchemaErrors';
  }
}
