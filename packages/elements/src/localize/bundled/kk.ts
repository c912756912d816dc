// The kk locale files of @komek/i18n as lazily loaded chunks (one per namespace), for builds from source.
export default import.meta.glob<Record<string, unknown>>('../../../../i18n/locales/kk/*.json', { import: 'default' });
