// English: only ui.json (English form texts are the schemas' own, in every form model).
export default import.meta.glob<Record<string, unknown>>('../../../../i18n/locales/en/ui.json', { import: 'default' });
