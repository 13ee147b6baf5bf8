import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { systemClock, type Clock } from '../ports/clock.ts';
import type { IdentityProvider } from '../ports/identity-provider.ts';
import type { AdminUseCases } from '../pipeline/use-cases.ts';
import { html, type Html } from '../api/pages/html.ts';
import { adminLayout, type AdminPageOptions } from './admin-layout.ts';
import { registerAdminRoutes } from './admin-routes.ts';
import { registerDirectUpload } from './direct-upload.ts';
import { CALLBACK_PATH, LOGIN_PATH, registerOidcSignIn } from './oidc-sign-in.ts';
import { cookieHeader, SESSION_COOKIE, SESSION_SECONDS, type Session, SessionKeys } from './session.ts';
import { providerSignInPage, signInPage } from './overview-pages.ts';
import { SignInThrottle } from './sign-in-throttle.ts';
import { UPLOAD_SCRIPT } from './upload-script.ts';

/** How the clerk proves who they are. Locally: the key `paragraf serve --admin` prints (or $PARAGRAF_ADMIN_TOKEN). */
export interface AdminSignIn {
  /** True when `token` is the sign-in key; compared in constant time. */
  checkToken(token: string): boolean;
}

export interface AdminAppDeps {
  useCases: AdminUseCases;
  /**
   * How people sign in, chosen by the composition root: the local key (`paragraf serve --admin`) or the
   * municipality's identity provider (the admin Lambda: Cognito's hosted sign-in, code flow with PKCE).
   */
  signIn: AdminSignIn | IdentityProvider;
  /**
   * The site's origin as browsers see it (https://protokoll.kommun.se), accepted as a POST's Origin besides the
   * request's own: behind CloudFront the request URL is the origin's (a function URL), not the site's.
   */
  publicOrigin?: string;
  /** The client's address, for the sign-in throttle (node server: the socket's; unknown: all clients together). */
  clientAddress?: (c: Context) => string | undefined;
  /** Failed key sign-ins per address; default: 5 free, then doubling waits up to 15 minutes. */
  throttle?: SignInThrottle;
  /**
   * The origin presigned uploads go to (https://BUCKET.s3.REGION.amazonaws.com): allowed in the CSP's connect-src, and
   * the upload form then sends files there (use cases' presignUpload); without it uploads go through this app only.
   */
  uploadOrigin?: string;
  /** Where sign-ins and refusals are logged; default: JSON lines on stderr. */
  log?: (message: string, fields: Record<string, unknown>) => void;
  /** Signs session cookies and CSRF tokens: at least 32 random bytes, kept private. */
  sessionSecret: string | Uint8Array;
  clock?: Clock;
  /** Largest request body (all files of one upload together). Default 200 MB. */
  maxUploadBytes?: number;
}

export type AdminEnv = { Variables: { session: Session } };

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
/** An https origin (or plain http on loopback): nothing that could end the CSP directive or add another. */
const ORIGIN_RE = /^(?:https:\/\/[a-z0-9.-]+|http:\/\/(?:127\.0\.0\.1|localhost))(?::\d+)?$/u;
const PUBLIC_PATHS = new Set(['/admin/logga-in', '/admin/upload.js', LOGIN_PATH, CALLBACK_PATH]);

/**
 * The municipality's admin pages under /admin: sign in, upload, preview, publish, review, quarantine, notice dates,
 * settings. Every page but the sign-in form needs a session (401 otherwise); every POST must come from this site
 * (Origin) and carry the session's CSRF token (403 otherwise). Nothing here is cached, indexed or framed.
 */
export function createAdminApp(deps: AdminAppDeps): Hono<AdminEnv> {
  const clock = deps.clock ?? systemClock;
  const keys = new SessionKeys(deps.sessionSecret);
  const now = () => Math.floor(clock.now().getTime() / 1000);
  const provider = 'kind' in deps.signIn && deps.signIn.kind === 'oidc' ? deps.signIn : null;
  const tokenSignIn = provider === null ? (deps.signIn as AdminSignIn) : null;
  const signInContent = (problem?: string) => (provider ? providerSignInPage(problem) : signInPage(problem));
  const throttle = deps.throttle ?? new SignInThrottle();
  const log =
    deps.log ??
    ((message, fields) => process.stderr.write(`${JSON.stringify({ level: 'info', message, ...fields })}\n`));
  if (deps.uploadOrigin !== undefined && !ORIGIN_RE.test(deps.uploadOrigin))
    throw new Error(
      `uploadOrigin must be an https (or loopback http) origin, got ${JSON.stringify(deps.uploadOrigin)}`,
    );
  const csp = deps.uploadOrigin ? `${CSP}; connect-src 'self' ${deps.uploadOrigin}` : `${CSP}; connect-src 'self'`;
  const app = new Hono<AdminEnv>();

  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
    c.res.headers.set('Content-Security-Policy', csp);
    c.res.headers.set('X-Frame-Options', 'DENY');
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'same-origin');
    c.res.headers.set('X-Robots-Tag', 'noindex, nofollow');
  });
  app.use('*', async (c, next) => {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST')
      return page(c, 405, { title: 'Otillåten metod' }, null, { Allow: 'GET, HEAD, POST' });
    if (method === 'POST' && !sameOrigin(c, deps.publicOrigin))
      return forbidden(c, 'Formuläret kom inte från den här webbplatsen.');
    if (PUBLIC_PATHS.has(c.req.path)) return next();
    const session = keys.verify(getCookie(c, SESSION_COOKIE), now());
    if (session === null)
      return page(c, 401, { title: 'Logga in' }, signInContent(), {
        'WWW-Authenticate': 'Cookie realm="paragraf-admin"',
      });
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
  app.get('/admin/logga-in', (c) => page(c, 200, { title: 'Logga in' }, signInContent()));
  app.post('/admin/logga-in', async (c) => {
    if (tokenSignIn === null) return page(c, 401, { title: 'Logga in' }, signInContent());
    const address = deps.clientAddress?.(c) ?? 'unknown';
    const wait = throttle.waitSeconds(address, clock.now().getTime());
    if (wait > 0) {
      const text = `För många misslyckade inloggningar. Försök igen om ${wait} sekunder.`;
      return page(c, 429, { title: 'Logga in' }, signInPage(text), { 'Retry-After': String(wait) });
    }
    const body = await c.req.parseBody();
    const user =
      typeof body.user === 'string'
        ? body.user
            .replace(/[\p{Cc}\p{Cf}]/gu, '')
            .trim()
            .slice(0, 100)
        : '';
    const token = typeof body.token === 'string' ? body.token : '';
    if (user === '' || !tokenSignIn.checkToken(token)) {
      throttle.failed(address, clock.now().getTime());
      log('admin sign-in refused', { why: 'wrong name or key', address });
      return page(c, 401, { title: 'Logga in' }, signInPage('Fel namn eller nyckel.'));
    }
    throttle.succeeded(address);
    const { cookie } = keys.issue(user, now());
    return c.body(null, 303, {
      Location: '/admin',
      'Set-Cookie': cookieHeader(cookie, { secure: isHttps(c), maxAge: SESSION_SECONDS }),
    });
  });
  // Signing out ends the provider's session too, so the next sign-in asks again (shared computers).
  app.post('/admin/logga-ut', (c) =>
    c.body(null, 303, {
      Location: provider ? provider.logoutUrl() : '/admin/logga-in',
      'Set-Cookie': cookieHeader('', { secure: isHttps(c), maxAge: 0 }),
    }),
  );
  if (provider)
    registerOidcSignIn(app, {
      provider,
      keys,
      now,
      secure: isHttps,
      page: (c, s, o, content) => page(c, s, o, content),
      log,
    });

  registerAdminRoutes(app, {
    useCases: deps.useCases,
    render: (c, status, options, content) =>
      page(c, status, { ...options, user: c.get('session').user, csrf: keys.csrfToken(c.get('session')) }, content),
    csrf: (c) => keys.csrfToken(c.get('session')),
    directUpload: deps.uploadOrigin !== undefined,
  });
  if (deps.uploadOrigin) registerDirectUpload(app, deps.useCases);
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
function sameOrigin(c: Context, publicOrigin: string | undefined): boolean {
  const origin = c.req.header('Origin');
  const own = new URL(c.req.url).origin;
  if (origin !== undefined) return origin === own || origin === publicOrigin || origin === forwardedOrigin(c);
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
