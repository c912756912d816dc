/** The desk's calls to the Komek API: same origin, the session cookie, and the CSRF token on every change. */

export interface ApiReply<T = unknown> {
  status: number;
  body: T;
}

export interface ApiErrorBody {
  code: string;
  message: string;
  issues?: { pointer: string; label?: string; message: string }[];
  consentForms?: string[];
  reason?: string;
}

let csrfToken: string | undefined;
let language = 'en';

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Error messages come back in this language (`Accept-Language`). */
export function setApiLanguage(lang: string): void {
  language = lang;
}

/** Calls the API; a reply that is not JSON (or no reply) becomes status 0. */
export async function api<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiReply<T>> {
  const h: Record<string, string> = { accept: 'application/json', 'accept-language': language, ...headers };
  if (body !== undefined) h['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) h['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: h,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    return { status: 0, body: undefined as T };
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    return { status: 0, body: undefined as T };
  }
  return { status: res.status, body: parsed as T };
}

/** Sends a file as the request's body (e.g. a PDF), with the session's CSRF token; the reply as `api` reads it. */
export async function apiUpload<T = unknown>(
  path: string,
  file: Blob,
  contentType: string,
  headers: Record<string, string> = {},
): Promise<ApiReply<T>> {
  const h: Record<string, string> = {
    accept: 'application/json',
    'accept-language': language,
    'content-type': contentType,
    ...headers,
  };
  if (csrfToken) h['x-csrf-token'] = csrfToken;
  try {
    const res = await fetch(path, { method: 'POST', headers: h, credentials: 'same-origin', body: file });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  } catch {
    return { status: 0, body: undefined as T };
  }
}
