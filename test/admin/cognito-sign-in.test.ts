/**
 * The admin's sign-in on AWS, tried as an attacker would: the Cognito hosted sign-in with the authorization code grant
 * and PKCE, tokens verified by aws-jwt-verify against a JWKS made in this test (no network: the token endpoint is a
 * fake fetch). Only a code whose tokens carry the pool's signature, issuer, the app client as audience, the right
 * token_use and a future expiry signs anyone in; everything else ends at 401 without a session cookie.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCognitoIdentityProvider } from '../../functions/adapters/cognito-identity-provider.ts';
import { createDocumentExtractor } from '../../functions/adapters/document-extractor.ts';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import { createAdminApp } from '../../functions/admin/admin-app.ts';
import { PKCE_COOKIE } from '../../functions/admin/oidc-sign-in.ts';
import { SESSION_COOKIE } from '../../functions/admin/session.ts';
import { systemClock } from '../../functions/ports/clock.ts';
import { createUseCases } from '../../functions/pipeline/use-cases.ts';
import {
  accessClaims,
  CLIENT_ID,
  DOMAIN_URL,
  fakeTokenEndpoint,
  idClaims,
  ISSUER,
  jwksOf,
  KID,
  keyPair,
  signJwt,
} from '../support/cognito-fake.ts';

const SITE = 'https://protokoll.alingsas.test';
const keys = keyPair();
const stranger = keyPair();

function fixture(tokens: { id_token?: string; access_token?: string }) {
  const endpoint = fakeTokenEndpoint(tokens);
  const provider = createCognitoIdentityProvider({
    userPoolId: 'eu-north-1_TestPool1',
    clientId: CLIENT_ID,
    domainUrl: DOMAIN_URL,
    callbackUrl: `${SITE}/admin/callback`,
    signOutUrl: `${SITE}/admin/logga-in`,
    fetch: endpoint.fetch,
    jwks: jwksOf(keys.publicKey),
  });
  const logs: Array<Record<string, unknown>> = [];
  const app = createAdminApp({
    useCases: createUseCases({
      store: new MemoryBlobStore(),
      extractor: createDocumentExtractor(),
      clock: systemClock,
      defaultBaseUrl: SITE,
    }),
    signIn: provider,
    sessionSecret: 's'.repeat(40),
    publicOrigin: SITE,
    log: (message, fields) => logs.push({ message, ...fields }),
  });
  return { app, endpoint, logs };
}

const sign = (claims: Record<string, unknown>) => signJwt(keys.privateKey, claims);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const good = () => ({
  id_token: signJwt(keys.privateKey, idClaims()),
  access_token: signJwt(keys.privateKey, accessClaims()),
});

/** /admin/login, then the provider's redirect back to /admin/callback with the code and the state it was given. */
async function signInThrough(f: ReturnType<typeof fixture>, tamper: (q: URLSearchParams) => void = () => {}) {
  const login = await f.app.request(`${SITE}/admin/login`);
  const location = new URL(login.headers.get('location') ?? '');
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const query = new URLSearchParams({ code: 'auth-code-123', state: location.searchParams.get('state') ?? '' });
  tamper(query);
  const callback = await f.app.request(`${SITE}/admin/callback?${query}`, { headers: { Cookie: cookie } });
  return { login, location, cookie, callback };
}

function sessionCookie(res: Response): string | undefined {
  return res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`) && !c.startsWith(`${SESSION_COOKIE}=;`));
}

describe('admin sign-in with Cognito (authorization code + PKCE)', () => {
  it('sends the browser to the hosted sign-in with state and an S256 challenge, keeping the verifier in a Lax cookie', async () => {
    const f = fixture(good());
    const { login, location, callback } = await signInThrough(f);
    expect(login.status).toBe(302);
    expect(`${location.origin}${location.pathname}`).toBe(`${DOMAIN_URL}/oauth2/authorize`);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: `${SITE}/admin/callback`,
      code_challenge_method: 'S256',
      scope: 'openid email profile',
    });
    const pkce = login.headers.get('set-cookie') ?? '';
    expect(pkce).toMatch(new RegExp(`^${PKCE_COOKIE}=`, 'u'));
    for (const attribute of ['HttpOnly', 'Secure', 'SameSite=Lax', 'Path=/admin', 'Max-Age=600'])
      expect(pkce).toContain(attribute);
    expect(login.headers.get('cache-control')).toBe('no-store');

    // The token endpoint got the verifier whose SHA-256 is the challenge sent to the browser.
    expect(callback.status).toBe(200);
    const [exchange] = f.endpoint.exchanges;
    expect(exchange).toMatchObject({
      grant_type: 'authorization_code',
      client_id: CLIENT_ID,
      code: 'auth-code-123',
      redirect_uri: `${SITE}/admin/callback`,
    });
    const challenge = createHash('sha256')
      .update(exchange?.code_verifier ?? '')
      .digest('base64url');
    expect(location.searchParams.get('code_challenge')).toBe(challenge);
    expect(exchange?.code_verifier).toMatch(/^[A-Za-z0-9_-]{43}$/u);
    expect(f.endpoint.urls).toEqual([`${DOMAIN_URL}/oauth2/token`]);
  });

  it('signs in after a verified code: a Secure, Strict session cookie and a same-site step on to /admin', async () => {
    const f = fixture(good());
    const { callback } = await signInThrough(f);
    const session = sessionCookie(callback);
    expect(session).toBeDefined();
    for (const attribute of ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/admin'])
      expect(session).toContain(attribute);
    expect(
      callback.headers.getSetCookie().some((c) => c.startsWith(`${PKCE_COOKIE}=;`) && c.includes('Max-Age=0')),
    ).toBe(true);
    expect(await callback.text()).toContain('<meta http-equiv="refresh" content="0;url=/admin">');
    const home = await f.app.request(`${SITE}/admin`, { headers: { Cookie: session!.split(';')[0]! } });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Logga ut registrator@alingsas.test');
  });

  const now = Math.floor(Date.now() / 1000);
  const refused: Array<[string, () => { id_token?: string; access_token?: string }, RegExp]> = [
    ['an expired ID token', () => ({ ...good(), id_token: sign(idClaims({ exp: now - 600 })) }), /expired/iu],
    [
      'an ID token for another app client',
      () => ({ ...good(), id_token: sign(idClaims({ aud: 'other' })) }),
      /audience/iu,
    ],
    [
      'an access token for another app client',
      () => ({ ...good(), access_token: sign(accessClaims({ client_id: 'other' })) }),
      /client id not allowed/iu,
    ],
    ['another issuer', () => ({ ...good(), id_token: sign(idClaims({ iss: `${ISSUER}x` })) }), /issuer/iu],
    ['an access token as the ID token', () => ({ ...good(), id_token: sign(accessClaims()) }), /token use/iu],
    ['an ID token as the access token', () => ({ ...good(), access_token: sign(idClaims()) }), /token use/iu],
    [
      'a signature made with another key under the pool’s key id',
      () => ({ ...good(), id_token: signJwt(stranger.privateKey, idClaims()) }),
      /invalid signature/iu,
    ],
    [
      'an unsigned token (alg none)',
      () => ({ ...good(), id_token: `${b64({ alg: 'none', kid: KID })}.${b64(idClaims())}.AAAA` }),
      /alg|algorithm/iu,
    ],
    [
      'tokens of two different users',
      () => ({ ...good(), access_token: sign(accessClaims({ sub: 'someone-else' })) }),
      /different users/iu,
    ],
    ['no tokens at all', () => ({}), /without an ID and an access token/iu],
  ];
  for (const [what, tokens, reason] of refused) {
    it(`refuses ${what} (401, no session)`, async () => {
      const f = fixture(tokens());
      const { callback } = await signInThrough(f);
      expect(callback.status).toBe(401);
      expect(sessionCookie(callback)).toBeUndefined();
      expect(await callback.text()).toContain('/admin/login');
      expect(f.logs.at(-1)?.message).toBe('admin sign-in refused');
      expect(String(f.logs.at(-1)?.why)).toMatch(reason);
      // Nothing was fetched but the token endpoint: a token is never a reason to go to the network for keys.
      expect(f.endpoint.urls.every((u) => u === `${DOMAIN_URL}/oauth2/token`)).toBe(true);
    });
  }

  it('refuses a callback without the sign-in cookie, with another state, or with the provider’s error, before any exchange', async () => {
    const f = fixture(good());
    const noCookie = await f.app.request(`${SITE}/admin/callback?code=c&state=s`);
    expect(noCookie.status).toBe(401);
    const otherState = await signInThrough(f, (q) => q.set('state', 'guessed'));
    expect(otherState.callback.status).toBe(401);
    const error = await signInThrough(f, (q) => q.set('error', 'access_denied'));
    expect(error.callback.status).toBe(401);
    const forged = await f.app.request(`${SITE}/admin/callback?code=c&state=s`, {
      headers: {
        Cookie: `${PKCE_COOKIE}=${Buffer.from('{"state":"s","verifier":"v","expires":9999999999}').toString('base64url')}.forged`,
      },
    });
    expect(forged.status).toBe(401);
    expect(f.endpoint.exchanges).toEqual([]);
  });

  it('refuses when the token endpoint refuses the code', async () => {
    const f = fixture(good());
    f.endpoint.answer = { status: 400, body: { error: 'invalid_grant' } };
    const { callback } = await signInThrough(f);
    expect(callback.status).toBe(401);
    expect(f.logs.at(-1)).toMatchObject({ why: expect.stringContaining('invalid_grant') });
  });

  it('takes no local key, shows the provider’s sign-in to anonymous visitors, and signs out at the provider too', async () => {
    const f = fixture(good());
    const post = await f.app.request(`${SITE}/admin/logga-in`, {
      method: 'POST',
      headers: { Origin: SITE },
      body: new URLSearchParams({ user: 'x', token: 'anything-at-all' }),
    });
    expect(post.status).toBe(401);
    expect(sessionCookie(post)).toBeUndefined();
    const anonymous = await f.app.request(`${SITE}/admin/granskning`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toContain('href="/admin/login"');

    const { callback } = await signInThrough(f);
    const cookie = sessionCookie(callback)!.split(';')[0]!;
    const page = await (await f.app.request(`${SITE}/admin`, { headers: { Cookie: cookie } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/u.exec(page)?.[1] ?? '';
    const out = await f.app.request(`${SITE}/admin/logga-ut`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: SITE },
      body: new URLSearchParams({ _csrf: csrf }),
    });
    expect(out.status).toBe(303);
    const logout = new URL(out.headers.get('location') ?? '');
    expect(`${logout.origin}${logout.pathname}`).toBe(`${DOMAIN_URL}/logout`);
    expect(logout.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(logout.searchParams.get('logout_uri')).toBe(`${SITE}/admin/logga-in`);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
  });
});
