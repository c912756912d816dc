// The en locale files of @komek/i18n as lazily loaded chunks (one per namespace), for builds from source: `ui.json`
// and the forms' English, generated from the schemas (a catalog model carries no English of its own).
export default import.meta.glob<Record<string, unknown>>('../../../../i18n/locales/en/*.json', { import: 'default' });
