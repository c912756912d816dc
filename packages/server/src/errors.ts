import type { Language } from '@komek/i18n';
import { translatorFor } from './i18n.js';

/** One problem of the data a request sent: where, the field's label, what is wrong — in the request's language. */
export interface ApiIssue {
  pointer: string;
  label: string;
  message: string;
}

/** The English text of each API error; the six languages live in the `ui` namespace as `api.<code>`. */
export const apiMessages = {
  unauthorized: 'Sign in: this request needs an "Authorization: Bearer <token>" header with a valid token.',
  'not-found': 'Nothing is at {{what}}.',
  'case-not-found': 'There is no case {{id}}.',
  'submission-not-found': 'There is no submission {{id}}.',
  'referral-not-found': 'There is no referral {{id}}.',
  'form-not-found': 'There is no form "{{id}}". GET /api/forms lists the forms.',
  'form-country': 'Form "{{form}}" belongs to another country than this case ({{country}}).',
  'invalid-data': 'The answers are not valid for form "{{form}}": {{count}} problem(s).',
  'invalid-request': 'The request is not valid: {{detail}}',
  'invalid-json': 'The body is not valid JSON: {{detail}}',
  'invalid-utf8': 'The body is not valid UTF-8 text.',
  'too-large': 'The body is larger than the limit of {{limit}} bytes.',
  'unsupported-media-type': 'This endpoint takes {{expected}}, not "{{got}}".',
  'consent-required': 'Form "{{form}}" needs a signed consent in force for this case ({{reason}}): {{consentForms}}.',
  'idempotency-key-required': 'Send an Idempotency-Key header (a new random value per submission, the same one on retries).',
  'idempotency-key-reused': 'This Idempotency-Key was used for a different request.',
  'if-match-required': 'Send an If-Match header with the revision you edited.',
  'stale-revision': 'The submission has changed: revision {{current}} is current, you edited {{sent}}. Reload it and apply your change again.',
  'not-a-paper-form': 'This PDF is not a Komek paper form: {{detail}}',
  'referral-sections': 'The migrant has not consented to disclose these sections to {{body}}: {{sections}}.',
  'referral-transition': 'A referral that is {{from}} cannot become {{to}}.',
  'invalid-language': 'Unknown language(s) "{{value}}": use one or two of en, ru, kk, ky, tg, uz.',
  unavailable: 'The database cannot be reached now. Try again in a few seconds.',
  internal: 'Something went wrong on the server; nothing was stored by this request.',
} as const;

export type ApiErrorCode = keyof typeof apiMessages;

/** An error the API answers with `{code, message, issues?}` and a status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

/** The error's message in a language (its English when the language has none yet). */
export function apiMessage(code: ApiErrorCode, lang: Language, params: Record<string, unknown> = {}): string {
  const t = translatorFor(lang);
  return t(`ui:api.${code}`, apiMessages[code], params) ?? apiMessages[code];
}
