export { catalog, consentGates, formIds, modelLoaders, schemaLoaders, validatorLoaders } from './generated/catalog.js';
export type { FormId, FormDataMap, CatalogEntry } from './generated/catalog.js';
export type { FormValidator } from './validator.js';
