import type { Hono } from 'hono';
import { BadRequestError } from '../errors.ts';
import { CACHE, conditional, etagFor } from '../http/conditional.ts';
import { docsPage } from '../pages/docs-page.ts';
import { buildOpenApi, API_VERSION } from '../schema/openapi.ts';
import type { AppDeps } from '../schema/route.ts';
import { siteUrlOf } from '../request/read-request.ts';
import { API_ROUTES } from './register.ts';

/** /v1/openapi.json, the offline docs page /v1/docs and its "Prova" redirector /v1/docs/try. */
export function registerDocs(app: Hono, deps: AppDeps): void {
  app.get('/v1', (c) => c.redirect('/v1/docs', 302));
  app.get('/v1/openapi.json', (c) => {
    const site = siteUrlOf(c, deps.baseUrl);
    const fresh = conditional(c, { etag: etagFor(API_VERSION, 'openapi', site), cacheControl: CACHE.static });
    if (fresh) return fresh;
    return c.json(buildOpenApi(API_ROUTES, site));
  });
  app.get('/v1/docs', (c) => {
    const fresh = conditional(c, { etag: etagFor(API_VERSION, 'docs'), cacheControl: CACHE.static });
    if (fresh) return fresh;
    return c.html(docsPage(buildOpenApi(API_ROUTES, '')));
  });
  app.get('/v1/docs/try', (c) => {
    const params = new URLSearchParams(new URL(c.req.url).search);
    const route = API_ROUTES.find((r) => r.operationId === params.get('op'));
    if (!route) throw new BadRequestError('op: unknown operation', ['op: unknown operation']);
    params.delete('op');
    let path = route.path;
    for (const name of Object.keys(route.pathParams)) {
      const value = params.get(name) ?? '';
      if (value === '') throw new BadRequestError(`${name}: is required`, [`${name}: is required`]);
      path = path.replace(`{${name}}`, encodeURIComponent(value));
      params.delete(name);
    }
    for (const [k, v] of [...params]) if (v === '') params.delete(k);
    const qs = params.toString();
    c.header('Cache-Control', CACHE.none);
    return c.redirect(`${path}${qs ? `?${qs}` : ''}`, 302);
  });
}
