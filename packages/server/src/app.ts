import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { authenticate } from './auth.js';
import { isUnavailable } from './db/database.js';
import { ApiError, apiMessage, type ApiErrorCode } from './errors.js';
import { ensureMessages, requestLanguages } from './i18n.js';
import { routeTable } from './routes.js';
import type { ApiRequest, RouteDef } from './routeTypes.js';
import type { Services } from './services.js';

export interface AppOptions {
  /** Log requests (method, path, status, time — never bodies, headers or query values). */
  logger?: boolean;
  /** JSON body limit in bytes (default 1 MiB). */
  bodyLimit?: number;
  routes?: readonly RouteDef[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Sends an API error as `{code, message, issues?}` in the request's language. */
function send(reply: FastifyReply, lang: ApiRequest['lang'], status: number, code: ApiErrorCode, params: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return reply.code(status).type('application/json; charset=utf-8').send({ code, message: apiMessage(code, lang ?? 'en', params), ...extra });
}

/** The Komek API on Fastify, every route from the route table. */
export async function buildApp(services: Services, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    logger: options.logger
      ? {
          level: 'info',
          serializers: {
            // The path only: ids, no query string, no headers, no body.
            req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
        }
      : false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });

  app.decorateRequest('principal', undefined);
  app.decorateRequest('lang', 'en');
  app.decorateRequest('langs', undefined as unknown as ApiRequest['langs']);
  app.decorateRequest('services', { getter: () => services });

  // JSON is read as bytes so that invalid UTF-8 is refused, not turned into U+FFFD and stored.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body: Buffer, done) => {
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
      done(new ApiError(400, 'invalid-json', { detail: (e as Error).message }), undefined);
    }
  });
  app.addContentTypeParser('application/pdf', { parseAs: 'buffer' }, (_req, body: Buffer, done) => done(null, body));

  app.addHook('onRequest', async (request) => {
    const req = request as ApiRequest;
    req.langs = requestLanguages(req.query, req.headers['accept-language']);
    req.lang = req.langs[0]!;
    await ensureMessages(req.lang);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const req = request as ApiRequest;
    if (error instanceof ApiError) {
      for (const [k, v] of Object.entries(error.headers)) reply.header(k, v);
      return send(reply, req.lang, error.status, error.code, error.params, error.extra);
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(reply, req.lang, 413, 'too-large', { limit: req.routeOptions.bodyLimit ?? options.bodyLimit ?? 1024 * 1024 });
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return send(reply, req.lang, 415, 'unsupported-media-type', { expected: 'application/json', got: req.headers['content-type'] ?? '' });
    if (error.validation) return send(reply, req.lang, 400, 'invalid-request', { detail: error.message });
    if (error.code?.startsWith('FST_ERR_CTP') || (error.statusCode === 400 && !isUnavailable(error))) return send(reply, req.lang, 400, 'invalid-json', { detail: error.message });
    if (isUnavailable(error)) {
      reply.header('retry-after', '5');
      return send(reply, req.lang, 503, 'unavailable');
    }
    // The error's kind and message only: database errors can quote the values they were given.
    req.log.error({ err: { type: error.name, code: error.code, message: String(error.message).slice(0, 200) } }, 'request failed');
    return send(reply, req.lang, 500, 'internal');
  });

  app.setNotFoundHandler((request, reply) => send(reply, (request as ApiRequest).lang, 404, 'not-found', { what: `${request.method} ${request.url.split('?')[0]}` }));

  for (const route of options.routes ?? routeTable) {
    const accepts = route.body === 'pdf' ? 'application/pdf' : 'application/json';
    app.route({
      method: route.method,
      url: route.url,
      ...(route.bodyLimit ? { bodyLimit: route.bodyLimit } : {}),
      schema: route.schema ?? {},
      onRequest: async (request) => {
        const req = request as ApiRequest;
        if (route.auth === 'public') return;
        req.principal = authenticate(req.headers.authorization, services.adminToken);
        if (!req.principal) throw new ApiError(401, 'unauthorized', {}, {}, { 'www-authenticate': 'Bearer realm="komek"' });
      },
      preValidation: async (request) => {
        if (route.method === 'GET') return;
        const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (type !== accepts) throw new ApiError(415, 'unsupported-media-type', { expected: accepts, got: type });
      },
      handler: (request, reply) => route.handler(request as ApiRequest, reply),
    });
  }
  return app;
}
