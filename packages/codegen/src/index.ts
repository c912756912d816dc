export { runGen } from './run.js';
export type { GenResult } from './run.js';
export { generate, extractMessages, typeNameOf, GENERATED_HEADER, OUT } from './generate.js';
export type { CatalogEntry } from './generate.js';
export { VALIDATOR_OPTIONS, INLINE_REFS_UP_TO } from './ajvOptions.js';
export { loadSchemas, parseSchemaFile, findSchemaFiles } from './loadSchemas.js';
export type { SchemaFile } from './loadSchemas.js';
export { lintSchemas, bundleOf } from './lintSchemas.js';
export { SchemaError, SchemaErrors } from './SchemaError.js';
