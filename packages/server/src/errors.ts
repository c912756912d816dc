import type { Language } from '@komek/i18n';
import { translatorFor } from './i18n.js';

/** One problem of the data a request sent: where, the field's label, what is wrong — in the request's language. */
export interface ApiIssue {
  pointer: string;
  label: string;
  message: string;
  /** Label and message in the second language asked for (`?lang=kk,ru`). */
  secondary?: { label: string; message: string };
}

/** Every error code of the API. Messages: the `server` namespace of @komek/i18n (locales/<lang>/server.json). */
export const apiErrorCodes = [
  'unauthorized',
  'session-expired',
  'not-found',
  'case-not-found',
  'submission-not-found',
  'referral-not-found',
  'form-not-found',
  'form-country',
  'invalid-data',
  'invalid-request',
  'invalid-json',
  'invalid-utf8',
  'too-large',
  'unsupported-media-type',
  'consent-required',
  'idempotency-key-required',
  'idempotency-key-reused',
  'if-match-required',
  'stale-revision',
  'not-a-paper-form',
  'referral-sections',
  'referral-transition',
  'invalid-language',
  'unavailable',
  'stopping',
  'internal',
  'forbidden',
  'csrf',
  'sign-in-failed',
  'too-many-attempts',
  'consent-withdrawn',
  'approval-not-required',
  'approval-not-found',
  'approval-decided',
  'approval-comment-required',
  'minor-indicator',
  'invalid-period',
  'indicator-not-found',
] as const;

export type ApiErrorCode = (typeof apiErrorCodes)[number];

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

/** The error's message in a language (its English when the language has none yet; messages must be loaded). */
export function apiMessage(code: ApiErrorCode, lang: Language, params: Record<string, unknown> = {}): string {
  return translatorFor(lang)(`server:${code}`, undefined, params) ?? code;
}
