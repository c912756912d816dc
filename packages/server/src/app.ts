import { findTextProblems } from '@komek/core';
import { AjvCompiler } from '@fastify/ajv-compiler';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { authenticateSession, authenticateToken, csrfMatches, readCookie, SESSION_COOKIE } from './auth.js';
import { mayTake } from './access.js';
import { isUnavailable } from './db/database.js';
import { ApiError, apiMessage, type ApiErrorCode } from './errors.js';
import { ensureMessages, requestLanguages } from './i18n.js';
import { serveDesk } from './desk.js';
import { requestAuditFields } from './requestAudit.js';
import { routeTable } from './routes.js';
import type { ApiRequest, RouteDef } from './routeTypes.js';
import type { Services } from './services.js';

export interface AppOptions {
  /** Log requests (method, path, status, time — never bodies, headers or query values). */
  logger?: boolean;
  /** JSON body limit in bytes (default 1 MiB). */
  bodyLimit?: number;
  routes?: readonly RouteDef[];
  /** Serve the built case desk from this folder at `/` (see desk.ts); left out, only the API is served. */
  deskDir?: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * What JSON.parse found wrong, without the piece of the body V8 quotes around an unexpected token (`Unexpected
 * token 'J', ..."ullName": Jasur Turs"... is not valid JSON`): a name or an answer never comes back in an error.
 * The position is kept where V8 says it or where the quoted piece (10 characters each side of the token) shows it.
 */
export function jsonProblem(message: string, text: string): string {
  const token = /^Unexpected token .*?, (\.\.\.)?"([\s\S]*?)"(\.\.\.)? is not valid JSON$/.exec(message);
  if (token) {
    const at = token[1] ? text.indexOf(token[2]!) : -1;
    return at >= 0
      ? `unexpected character at position ${at + 10}`
      : 'an unexpected character where a value should be (a quoted string, number, true, false, null, object or array)';
  }
  return message.includes('"') ? 'the body is not valid JSON' : message;
}

/** Sends an API error as `{code, message, issues?}` in the request's language. */
function send(
  reply: FastifyReply,
  lang: ApiRequest['lang'],
  status: number,
  code: ApiErrorCode,
  params: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ code, message: apiMessage(code, lang ?? 'en', params), ...extra });
}

/** ajv's options for what a request carries besides answers (Fastify's defaults, without dropping unknown fields). */
const requestAjvOptions = { removeAdditional: false, useDefaults: true, allErrors: false } as const;

/**
 * The validators of a request's parts. A query string, a path and headers are text, so `?limit=20` or `?dryRun=true`
 * is read as the number or boolean the schema declares (and a single value as a list of one). A JSON body says
 * what each value is: it is checked as sent, never converted (`"1"` for a number, `"true"` for a boolean, a text
 * for a list is a 400 naming the place), so what is stored is what was sent. Answers (`data`) are checked by the
 * form's own generated validator, which never converts either.
 */
function requestValidators(): (externalSchemas: Record<string, unknown>) => ValidatorCompiler {
  const pool = AjvCompiler();
  return (externalSchemas) => {
    const text = pool(externalSchemas as never, { customOptions: { ...requestAjvOptions, coerceTypes: 'array' } });
    const json = pool(externalSchemas as never, { customOptions: { ...requestAjvOptions, coerceTypes: false } });
    return (route) => (route.httpPart === 'body' ? json : text)(route);
  };
}
type ValidatorCompiler = ReturnType<ReturnType<typeof AjvCompiler>>;

/** The Komek API on Fastify, every route from the route table. */
export async function buildApp(services: Services, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    logger: options.logger
      ? {
          level: 'info',
          serializers: {
            // The path only: ids, no query string, no headers, no body.
            req: (req: { method: string; url: string; id: string }) => ({
              id: req.id,
              method: req.method,
              path: req.url.split('?')[0],
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
        }
      : false,
    schemaController: { compilersFactory: { buildValidator: requestValidators() } },
    // A path that is not percent-encoded UTF-8, or a parameter over the router's length: the API's error, not
    // Fastify's own body.
    frameworkErrors: (error, request, reply) => {
      const lang = requestLanguages({}, request.headers['accept-language'])[0]!;
      const detail =
        error.code === 'FST_ERR_BAD_URL'
          ? 'the path is not valid percent-encoded UTF-8'
          : `${error.code}: ${error.message.slice(0, 100)}`;
      void ensureMessages(lang).then(() => send(reply, lang, 400, 'invalid-request', { detail }));
    },
    // While stopping, a request that still arrives (on a connection kept alive) gets the API's own 503 below.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
  });

  app.decorateRequest('principal', undefined);
  app.decorateRequest('lang', 'en');
  app.decorateRequest('langs', undefined as unknown as ApiRequest['langs']);
  app.decorateRequest('services', { getter: () => services });
  app.decorateRequest('action', undefined);
  app.decorateRequest('sharedSections', undefined);
  app.decorateRequest('auditTarget', undefined);
  app.decorateRequest('auditScope', undefined);
  app.decorateRequest('auditOrganisation', undefined);
  app.decorateRequest('audited', undefined);

  // Every request a principal makes, and every sign-in, goes into the audit trail before its reply leaves: who,
  // what, which record, from where, allowed or not — never the content.
  app.addHook('onSend', async (request, reply, payload) => {
    const req = request as ApiRequest;
    // A change's entry was written in the change's own transaction (auditedWrite).
    if (req.audited) return payload;
    const fields = requestAuditFields(req, reply.statusCode, typeof payload === 'string' ? payload : undefined);
    if (!fields) return payload;
    await services.audit
      .append(fields)
      .catch((e: Error) =>
        req.log.error({ err: { type: e.name, message: e.message.slice(0, 200) } }, 'audit trail not written'),
      );
    return payload;
  });

  // JSON is read as bytes so that invalid UTF-8 is refused, not turned into U+FFFD and stored.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body: Buffer, done) => {
    // The body is read as UTF-8: a body declared in another character set (UTF-16, Latin-1) is refused as such,
    // not reported as broken UTF-8 or JSON.
    const type = req.headers['content-type'] ?? '';
    const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(type)?.[1]?.toLowerCase();
    if (charset !== undefined && !['utf-8', 'utf8', 'us-ascii'].includes(charset))
      return done(
        new ApiError(415, 'unsupported-media-type', { expected: 'application/json; charset=utf-8', got: type }),
        undefined,
      );
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      return done(new ApiError(400, 'invalid-utf8'), undefined);
    }
    if (text.trim() === '') return done(new ApiError(400, 'invalid-json', { detail: 'the body is empty' }), undefined);
    try {
      done(null, JSON.parse(text));
    } catch (e) {
      done(new ApiError(400, 'invalid-json', { detail: jsonProblem((e as Error).message, text) }), undefined);
    }
  });
  app.addContentTypeParser('application/pdf', { parseAs: 'buffer' }, (_req, body: Buffer, done) => done(null, body));

  // Stopping (SIGTERM): the requests in flight finish; one that arrives meanwhile is told to come again, as an API
  // error with Retry-After (Fastify closes its connection after the reply), not served and not left unanswered.
  let stopping = false;
  app.addHook('preClose', async () => {
    stopping = true;
  });

  app.addHook('onRequest', async (request) => {
    const req = request as ApiRequest;
    req.langs = requestLanguages(req.query, req.headers['accept-language']);
    req.lang = req.langs[0]!;
    await ensureMessages(req.lang);
    if (stopping) throw new ApiError(503, 'stopping', {}, {}, { 'retry-after': '5' });
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const req = request as ApiRequest;
    if (error instanceof ApiError) {
      for (const [k, v] of Object.entries(error.headers)) reply.header(k, v);
      return send(reply, req.lang, error.status, error.code, error.params, error.extra);
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return send(reply, req.lang, 413, 'too-large', {
        limit: req.routeOptions.bodyLimit ?? options.bodyLimit ?? 1024 * 1024,
      });
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return send(reply, req.lang, 415, 'unsupported-media-type', {
        expected: 'application/json',
        got: req.headers['content-type'] ?? '',
      });
    if (error.validation) return send(reply, req.lang, 400, 'invalid-request', { detail: error.message });
    if (error.code?.startsWith('FST_ERR_CTP') || (error.statusCode === 400 && !isUnavailable(error)))
      return send(reply, req.lang, 400, 'invalid-json', { detail: error.message });
    if (isUnavailable(error)) {
      reply.header('retry-after', '5');
      return send(reply, req.lang, 503, 'unavailable');
    }
    // The error's kind and message only: database errors can quote the values they were given.
    req.log.error(
      { err: { type: error.name, code: error.code, message: String(error.message).slice(0, 200) } },
      'request failed',
    );
    return send(reply, req.lang, 500, 'internal');
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, (request as ApiRequest).lang, 404, 'not-found', {
      what: `${request.method} ${request.url.split('?')[0]}`,
    }),
  );

  if (options.deskDir !== undefined) serveDesk(app, options.deskDir);

  for (const route of options.routes ?? routeTable) {
    const accepts = route.body === 'pdf' ? 'application/pdf' : 'application/json';
    app.route({
      method: route.method,
      url: route.url,
      ...(route.bodyLimit ? { bodyLimit: route.bodyLimit } : {}),
      schema: route.schema ?? {},
      onRequest: async (request) => {
        const req = request as ApiRequest;
        req.action = route.action;
        req.auditScope = route.scope;
        if (route.auth === 'public') return;
        const db = services.database.db;
        const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
        req.principal =
          req.headers.authorization !== undefined
            ? await authenticateToken(db, req.headers.authorization)
            : await authenticateSession(db, cookie);
        // A request that came with the session cookie (the desk) is told its session ended and to sign in again;
        // one with a token, or with nothing, what a token request needs.
        if (!req.principal)
          throw new ApiError(
            401,
            req.headers.authorization === undefined && cookie !== undefined ? 'session-expired' : 'unauthorized',
            {},
            {},
            { 'www-authenticate': 'Bearer realm="komek"' },
          );
        // A cookie is sent by the browser on its own: whatever changes something must also carry the CSRF token.
        const header = req.headers['x-csrf-token'];
        if (
          req.principal.session &&
          route.method !== 'GET' &&
          !csrfMatches(Array.isArray(header) ? header[0] : header, req.principal.session.csrfToken)
        ) {
          throw new ApiError(403, 'csrf');
        }
        if (!mayTake(req.principal, route.action)) throw new ApiError(403, 'forbidden', { action: route.action });
      },
      preValidation: async (request) => {
        if (route.method === 'GET' || (!route.schema?.body && route.body !== 'pdf' && !request.headers['content-type']))
          return;
        const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (type !== accepts) throw new ApiError(415, 'unsupported-media-type', { expected: accepts, got: type });
      },
      // A string that is not text (NUL and other control characters, a lone half of a surrogate pair) cannot be
      // stored in a PostgreSQL text column or encoded as UTF-8: refused, naming where it is, before anything reads
      // it. Answers (`data`) are left to the form's validator, which names the field by its label.
      preHandler: async (request) => {
        const found = [
          ...findTextProblems(request.query).map((p) => ({ ...p, where: 'querystring' })),
          ...(route.body === 'pdf'
            ? []
            : findTextProblems(request.body)
                .filter((p) => !/^\/data(\/|$)/.test(p.pointer))
                .map((p) => ({ ...p, where: 'body' }))),
        ];
        const first = found[0];
        if (first)
          throw new ApiError(400, 'invalid-request', {
            detail: `${first.where}${first.pointer} holds ${first.character}, which is not text (a control character or a broken one)`,
          });
      },
      handler: (request, reply) => route.handler(request as ApiRequest, reply),
    });
  }
  return app;
}
