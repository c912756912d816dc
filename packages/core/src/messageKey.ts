/** An i18n message key: namespace (schema file name without `.schema.json`) and key inside it. */
export interface MessageKey {
  ns: string;
  key: string;
}

/** `ns:key`, the form i18next takes. */
export function formatMessageKey(k: MessageKey): string {
  return `${k.ns}:${k.key}`;
}
