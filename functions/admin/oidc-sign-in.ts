import { createHash, randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { html } from '../api/pages/html.ts';
import { type IdentityProvider, SignInRejectedError } from '../ports/identity-provider.ts';
import type { AdminPageOptions } from './admin-layout.ts';
import type { AdminEnv } from './admin-app.ts';
import { providerSignInPage } from './overview-pages.ts';
import { cookieHeader, SESSION_SECONDS, type SessionKeys } from './session.ts';

/** Where the identity provider sends the browser back (registered as the app client's callback URL). */
export const CALLBACK_PATH = '/admin/callback';
export const LOGIN_PATH = '/admin/login';
/** The sign-in in progress: state and PKCE verifier, sealed, for ten minutes. */
export const PKCE_COOKIE = 'paragraf_admin_pkce';
const PKCE_SECONDS = 600;

interface OidcDeps {
  provider: IdentityProvider;
  keys: SessionKeys;
  now: () => number;
  secure: (c: Context) => boolean;
  page: (c: Context, status: number, options: AdminPageOptions, content: ReturnType<typeof html> | null) => Response;
  log: (message: string, fields: Record<string, unknown>) => void;
}

/**
 * The authorization code flow with PKCE (RFC 7636) against the municipality's identity provider:
 *
 * 1. GET /admin/login makes a random state and code verifier, keeps both sealed (HMAC) in a short-lived cookie that is
 *    HttpOnly, Secure and SameSite=Lax (Lax, so that the provider's redirect back, a cross-site top-level GET,
 *    carries it), and sends the browser to the provider with the state and the verifier's SHA-256 challenge.
 * 2. GET /admin/callback checks the state against the cookie, has the provider exchange the code with the verifier and
 *    verify the tokens, and only then issues the same session cookie as the local sign-in. The session cookie is
 *    SameSite=Strict, which a browser does not send on the rest of a redirect chain that began on another site, so the
 *    callback answers with a page that moves on to /admin by itself (a same-site navigation) instead of a redirect.
 *
 * Anything wrong (no or forged cookie, another state, an error from the provider, a token not accepted) ends in 401
 * and the sign-in page; nothing about why reaches the browser, it goes to the log.
 */
export function registerOidcSignIn(app: Hono<AdminEnv>, d: OidcDeps): void {
  const refuse = (c: Context, why: string, fields: Record<string, unknown> = {}) => {
    d.log('admin sign-in refused', { why, ...fields });
    c.header('Set-Cookie', clearPkce(d.secure(c)), { append: true });
    return d.page(
      c,
      401,
      { title: 'Logga in' },
      providerSignInPage('Inloggningen gick inte att slutföra. Försök igen.'),
    );
  };

  app.get(LOGIN_PATH, (c) => {
    const state = randomBytes(16).toString('base64url');
    const verifier = randomBytes(32).toString('base64url');
    const sealed = d.keys.seal('pkce', JSON.stringify({ state, verifier, expires: d.now() + PKCE_SECONDS }));
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    return c.body(null, 302, {
      Location: d.provider.authorizationUrl({ state, codeChallenge: challenge }),
      'Set-Cookie': cookieHeader(sealed, {
        name: PKCE_COOKIE,
        sameSite: 'Lax',
        secure: d.secure(c),
        maxAge: PKCE_SECONDS,
      }),
    });
  });

  app.get(CALLBACK_PATH, async (c) => {
    const pending = readPending(d.keys.open('pkce', getCookie(c, PKCE_COOKIE)), d.now());
    if (pending === null) return refuse(c, 'no valid sign-in cookie');
    const error = c.req.query('error');
    if (error !== undefined) return refuse(c, 'the provider answered with an error', { error: error.slice(0, 100) });
    const state = c.req.query('state') ?? '';
    const code = c.req.query('code') ?? '';
    if (state !== pending.state || code === '' || code.length > 2000) return refuse(c, 'state or code does not match');
    try {
      const who = await d.provider.signIn({ code, codeVerifier: pending.verifier });
      const { cookie } = d.keys.issue(who.user, d.now());
      c.header('Set-Cookie', clearPkce(d.secure(c)), { append: true });
      c.header('Set-Cookie', cookieHeader(cookie, { secure: d.secure(c), maxAge: SESSION_SECONDS }), {
        append: true,
      });
      d.log('admin signed in', { subject: who.subject });
      return d.page(
        c,
        200,
        { title: 'Inloggad', refresh: '/admin' },
        html`<h1>Inloggad</h1><p><a href="/admin">Fortsätt till översikten</a></p>`,
      );
    } catch (e) {
      if (e instanceof SignInRejectedError) return refuse(c, e.message);
      throw e;
    }
  });
}

function readPending(text: string | null, now: number): { state: string; verifier: string } | null {
  if (text === null) return null;
  try {
    const v = JSON.parse(text) as { state?: unknown; verifier?: unknown; expires?: unknown };
    if (typeof v.state !== 'string' || typeof v.verifier !== 'string' || typeof v.expires !== 'number') return null;
    return v.expires > now ? { state: v.state, verifier: v.verifier } : null;
  } catch {
    return null;
  }
}

function clearPkce(secure: boolean): string {
  return cookieHeader('', { name: PKCE_COOKIE, sameSite: 'Lax', secure, maxAge: 0 });
}
