/** The error of a form id the catalog does not have: a chunk of its own, fetched only then (loading.ts). */
export { UnknownFormError } from '@komek/core';
