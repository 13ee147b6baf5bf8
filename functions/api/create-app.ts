import { Hono, type Context } from 'hono';
import type { BlobStore } from '../ports/blob-store.ts';
import { systemClock, type Clock } from '../ports/clock.ts';
import { IndexPartPendingError } from '../published/read-model/lazy-index.ts';
import { MethodNotAllowedError, NotFoundError, PROBLEM_CONTENT_TYPE, problemOf, UnavailableError } from './errors.ts';
import { CACHE } from './http/conditional.ts';
import { COMMON_HEADERS, fastResponse, isComplete } from './http/fast-response.ts';
import { cachedResponse, ResponseCache } from './http/response-cache.ts';
import { errorPage } from './pages/error-page.ts';
import { registerPages } from './pages/register-pages.ts';
import { PublishedReadModel } from './read-model/published-read-model.ts';
import type { ReadModel } from './read-model/read-model.ts';
import { registerDocs } from './routes/docs.ts';
import { registerFiles } from './routes/files.ts';
import { registerApi } from './routes/register.ts';
import type { AppDeps } from './schema/route.ts';

export interface CreateAppDeps {
  /** The store whose public/ the app serves (only public/ is ever read). */
  store: BlobStore;
  clock?: Clock;
  /** The site's public URL (PUBLIC_BASE_URL); links use the request's origin when absent. */
  baseUrl?: string;
  /** Replaces the read model over `store` (tests use an in-memory one). */
  readModel?: ReadModel;
  /** How often to look for a new publish (ms). */
  checkEveryMs?: number;
  /** Bytes of rendered JSON kept for repeated requests (0 turns the cache off). */
  responseCacheBytes?: number;
  /** Told about unexpected errors (500s, failed reloads) with their stack; the client never sees them. */
  logError?: (error: unknown, context: { path: string }) => void;
}

const ALLOWED = 'GET, HEAD, OPTIONS';
export const DEFAULT_RESPONSE_CACHE_BYTES = 32 * 1024 * 1024;

/**
 * The one app: the /v1 JSON API, the pages, the API docs and /datasets files. Used in-process by tests
 * (`app.request`), by `paragraf serve` (@hono/node-server) and by the Lambda handler (hono/aws-lambda).
 */
export function createApp(options: CreateAppDeps): Hono {
  const clock = options.clock ?? systemClock;
  const logError = options.logError ?? defaultLog;
  const readModel =
    options.readModel ??
    new PublishedReadModel(options.store, {
      clock,
      ...(options.checkEveryMs !== undefined ? { checkEveryMs: options.checkEveryMs } : {}),
      onError: (error) => logError(error, { path: 'reload' }),
    });
  const responses = new ResponseCache(options.responseCacheBytes ?? DEFAULT_RESPONSE_CACHE_BYTES);
  const deps: AppDeps = { readModel, clock, responses, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) };
  const app = new Hono();

  registerApi(app, deps);
  registerDocs(app, deps);
  registerFiles(app, deps);
  registerPages(app, deps);

  // Only GET routes exist, so every other method ends here. Read-only and public: any origin may read it (CORS),
  // nothing may be written.
  app.notFound((c) => {
    if (c.req.method === 'OPTIONS') {
      return fastResponse(null, 204, {
        'Access-Control-Allow-Methods': ALLOWED,
        'Access-Control-Allow-Headers': 'Accept, If-None-Match, If-Modified-Since',
        'Access-Control-Max-Age': '86400',
        Allow: ALLOWED,
      });
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') throw new MethodNotAllowedError(c.req.method);
    throw new NotFoundError('no such resource');
  });
  app.onError(async (error, c) => {
    if (error instanceof IndexPartPendingError) return answerWhenLoaded(app, c, error);
    const problem = problemOf(error, new URL(c.req.url).pathname);
    if (problem.status >= 500) logError(error, { path: problem.instance });
    return problemResponse(c, problem);
  });
  const dispatch = app.fetch;
  app.fetch = (request, env, executionCtx) => {
    // A GET answered before in this data version is answered again before routing, synchronously (node-server then
    // writes it straight to the socket): the same URL and Accept give the same answer until the next publish.
    const now = request.method === 'GET' ? readModel.current?.() : undefined;
    const cached = now && cachedResponse(request, responses, now.version.tag);
    if (cached) return cached;
    // The common headers are added here, not by a middleware, so each route is the only handler of its path; a
    // response from fastResponse (most of them) has them already.
    const res = dispatch(request, env, executionCtx);
    return res instanceof Promise ? res.then(withCommonHeaders) : withCommonHeaders(res);
  };
  return app;
}

function withCommonHeaders(res: Response): Response {
  if (isComplete(res)) return res;
  for (const [k, v] of Object.entries(COMMON_HEADERS)) res.headers.set(k, v);
  if (res.headers.get('Content-Type')?.startsWith('text/html')) {
    // No scripts at all; inline styles only; forms post back to this site.
    res.headers.set(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    );
  }
  return res;
}

/** How often one request may find a part of the index still loading (each wait brings in at least one part). */
const MAX_WAITS = 512;
const waits = new WeakMap<Request, number>();

/**
 * A request that needed a part of the § index not read yet (published/read-model/lazy-index.ts) waits for it and is
 * answered afresh: reads have no side effects, so the second pass gives the answer the first would have given with
 * the part in. A part that cannot be read is a 503, as a version that cannot be loaded is.
 */
async function answerWhenLoaded(app: Hono, c: Context, pending: IndexPartPendingError): Promise<Response> {
  const request = c.req.raw;
  const count = (waits.get(request) ?? 0) + 1;
  waits.set(request, count);
  const failed = (cause: unknown) =>
    problemResponse(
      c,
      problemOf(new UnavailableError('the published data could not be read', { cause }), new URL(request.url).pathname),
    );
  if (count > MAX_WAITS) return failed(pending);
  try {
    await pending.ready;
  } catch (error) {
    return failed(error);
  }
  return app.fetch(request, c.env);
}

/** problem+json for programs; the same problem as an HTML page for a browser asking for a page. */
function problemResponse(c: Context, problem: ReturnType<typeof problemOf>): Response {
  const headers: Record<string, string> = { 'Cache-Control': CACHE.none };
  if (problem.status === 405) headers.Allow = ALLOWED;
  const path = problem.instance;
  const wantsHtml =
    !path.startsWith('/v1/') && !path.startsWith('/datasets/') && /text\/html/u.test(c.req.header('Accept') ?? '');
  if (wantsHtml) {
    return fastResponse(errorPage(problem), problem.status, {
      ...headers,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    });
  }
  return fastResponse(JSON.stringify(problem), problem.status, { ...headers, 'Content-Type': PROBLEM_CONTENT_TYPE });
}

function defaultLog(error: unknown, context: { path: string }): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`${JSON.stringify({ level: 'error', path: context.path, error: detail })}\n`);
}
