import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { systemClock, type Clock } from '../ports/clock.ts';
import type { AdminUseCases } from '../pipeline/use-cases.ts';
import { html, type Html } from '../api/pages/html.ts';
import { adminLayout, type AdminPageOptions } from './admin-layout.ts';
import { registerAdminRoutes } from './admin-routes.ts';
import { cookieHeader, SESSION_COOKIE, type Session, SessionKeys } from './session.ts';
import { signInPage } from './overview-pages.ts';
import { UPLOAD_SCRIPT } from './upload-script.ts';

/** How the clerk proves who they are. Locally: the key `paragraf serve --admin` prints (or $PARAGRAF_ADMIN_TOKEN). */
export interface AdminSignIn {
  /** True when `token` is the sign-in key; compared in constant time. */
  checkToken(token: string): boolean;
}

export interface AdminAppDeps {
  useCases: AdminUseCases;
  signIn: AdminSignIn;
  /** Signs session cookies and CSRF tokens: at least 32 random bytes, kept private. */
  sessionSecret: string | Uint8Array;
  clock?: Clock;
  /** Largest request body (all files of one upload together). Default 200 MB. */
  maxUploadBytes?: number;
}

export type AdminEnv = { Variables: { session: Session } };

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const PUBLIC_PATHS = new Set(['/admin/logga-in', '/admin/upload.js']);

/**
 * The municipality's admin pages under /admin: sign in, upload, preview, publish, review, quarantine, notice dates,
 * settings. Every page but the sign-in form needs a session (401 otherwise); every POST must come from this site
 * (Origin) and carry the session's CSRF token (403 otherwise). Nothing here is cached, indexed or framed.
 */
export function createAdminApp(deps: AdminAppDeps): Hono<AdminEnv> {
  const clock = deps.clock ?? systemClock;
  const keys = new SessionKeys(deps.sessionSecret);
  const now = () => Math.floor(clock.now().getTime() / 1000);
  const app = new Hono<AdminEnv>();

  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
    c.res.headers.set('Content-Security-Policy', CSP);
    c.res.headers.set('X-Frame-Options', 'DENY');
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'same-origin');
    c.res.headers.set('X-Robots-Tag', 'noindex, nofollow');
  });
  app.use('*', async (c, next) => {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST')
      return page(c, 405, { title: 'Otillåten metod' }, null, { Allow: 'GET, HEAD, POST' });
    if (method === 'POST' && !sameOrigin(c)) return forbidden(c, 'Formuläret kom inte från den här webbplatsen.');
    if (PUBLIC_PATHS.has(c.req.path)) return next();
    const session = keys.verify(getCookie(c, SESSION_COOKIE), now());
    if (session === null)
      return page(c, 401, { title: 'Logga in' }, signInPage(), { 'WWW-Authenticate': 'Cookie realm="paragraf-admin"' });
    c.set('session', session);
    return next();
  });
  app.post(
    '*',
    bodyLimit({
      maxSize: deps.maxUploadBytes ?? 200 * 1024 * 1024,
      onError: (c) => page(c, 413, { title: 'För stort' }, null),
    }),
  );
  app.post('*', async (c, next) => {
    if (PUBLIC_PATHS.has(c.req.path)) return next();
    const body = await c.req.parseBody({ all: true }).catch(() => null);
    if (body === null || !keys.checkCsrf(c.get('session'), body._csrf))
      return forbidden(c, 'Formuläret saknar giltig CSRF-nyckel. Ladda om sidan och försök igen.');
    return next();
  });

  app.get('/admin/upload.js', (c) => c.body(UPLOAD_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/admin/logga-in', (c) => page(c, 200, { title: 'Logga in' }, signInPage()));
  app.post('/admin/logga-in', async (c) => {
    const body = await c.req.parseBody();
    const user =
      typeof body.user === 'string'
        ? body.user
            .replace(/[\p{Cc}\p{Cf}]/gu, '')
            .trim()
            .slice(0, 100)
        : '';
    const token = typeof body.token === 'string' ? body.token : '';
    if (user === '' || !deps.signIn.checkToken(token))
      return page(c, 401, { title: 'Logga in' }, signInPage('Fel namn eller nyckel.'));
    const { cookie } = keys.issue(user, now());
    return c.body(null, 303, {
      Location: '/admin',
      'Set-Cookie': cookieHeader(cookie, { secure: isHttps(c), maxAge: 8 * 3600 }),
    });
  });
  app.post('/admin/logga-ut', (c) =>
    c.body(null, 303, {
      Location: '/admin/logga-in',
      'Set-Cookie': cookieHeader('', { secure: isHttps(c), maxAge: 0 }),
    }),
  );

  registerAdminRoutes(app, {
    useCases: deps.useCases,
    render: (c, status, options, content) =>
      page(c, status, { ...options, user: c.get('session').user, csrf: keys.csrfToken(c.get('session')) }, content),
    csrf: (c) => keys.csrfToken(c.get('session')),
  });
  app.all('*', (c) => page(c, 404, { title: 'Hittades inte' }, null));
  app.onError((error, c) => {
    process.stderr.write(
      `${JSON.stringify({ level: 'error', path: c.req.path, error: error instanceof Error ? (error.stack ?? error.message) : String(error) })}\n`,
    );
    return page(c, 500, { title: 'Något gick fel' }, null);
  });
  return app;
}

function page(
  c: Context,
  status: number,
  options: AdminPageOptions,
  content: Html | null,
  headers: Record<string, string> = {},
): Response {
  const body = adminLayout(options, content ?? html`<h1>${options.title}</h1>`);
  return c.body(body, status as 200, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
}

function forbidden(c: Context, text: string): Response {
  return page(c, 403, { title: 'Förbjudet', flash: { kind: 'problem', text } }, null);
}

/** A POST must say it comes from this origin: the Origin header, or (without one) Sec-Fetch-Site. */
function sameOrigin(c: Context): boolean {
  const origin = c.req.header('Origin');
  const own = new URL(c.req.url).origin;
  if (origin !== undefined) return origin === own || origin === forwardedOrigin(c);
  return c.req.header('Sec-Fetch-Site') === 'same-origin';
}

/** Behind CloudFront or another proxy the request URL is the origin's; the browser's origin is the forwarded one. */
function forwardedOrigin(c: Context): string | undefined {
  const host = c.req.header('X-Forwarded-Host');
  const proto = c.req.header('X-Forwarded-Proto');
  return host && proto ? `${proto}://${host}` : undefined;
}

function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('X-Forwarded-Proto') === 'https';
}
