/**
 * A Cognito user pool as far as the admin's sign-in sees it, without a network: an RSA key pair made here, its JWKS,
 * ID and access tokens signed with node:crypto exactly as the pool signs them (RS256, kid), and a fake fetch that
 * answers the pool domain's /oauth2/token with whatever tokens the test chose (and records what it was sent).
 */
import type { Jwks } from 'aws-jwt-verify/jwk';
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

export const USER_POOL_ID = 'eu-north-1_TestPool1';
export const CLIENT_ID = '4example0client0id0abcdefg';
export const ISSUER = `https://cognito-idp.eu-north-1.amazonaws.com/${USER_POOL_ID}`;
export const DOMAIN_URL = 'https://paragraf-alingsas.auth.eu-north-1.amazoncognito.com';
export const KID = 'test-key-1';

export function keyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

export function jwksOf(publicKey: KeyObject, kid = KID): Jwks {
  const jwk = publicKey.export({ format: 'jwk' }) as { kty: string; n: string; e: string };
  return { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function signJwt(privateKey: KeyObject, payload: Record<string, unknown>, kid = KID): string {
  const head = `${b64({ alg: 'RS256', kid, typ: 'JWT' })}.${b64(payload)}`;
  return `${head}.${sign('sha256', Buffer.from(head), privateKey).toString('base64url')}`;
}

/** The claims Cognito puts into an ID token (token_use "id", aud = the app client) for a user. */
export function idClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: '2f0c8e52-1111-4222-8333-444455556666',
    iss: ISSUER,
    aud: CLIENT_ID,
    token_use: 'id',
    email: 'registrator@alingsas.test',
    'cognito:username': 'registrator',
    auth_time: now,
    iat: now,
    exp: now + 3600,
    ...overrides,
  };
}

/** The claims of an access token (token_use "access", client_id = the app client, no aud). */
export function accessClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: '2f0c8e52-1111-4222-8333-444455556666',
    iss: ISSUER,
    client_id: CLIENT_ID,
    token_use: 'access',
    scope: 'openid email profile',
    auth_time: now,
    iat: now,
    exp: now + 3600,
    ...overrides,
  };
}

export interface FakeTokenEndpoint {
  fetch: typeof fetch;
  /** Form fields of every request to /oauth2/token. */
  exchanges: Array<Record<string, string>>;
  /** Every URL fetched (only the token endpoint is expected; a JWKS fetch would mean the key was unknown). */
  urls: string[];
  answer: { status: number; body: unknown };
}

export function fakeTokenEndpoint(tokens: { id_token?: string; access_token?: string }): FakeTokenEndpoint {
  const fake: FakeTokenEndpoint = {
    exchanges: [],
    urls: [],
    answer: { status: 200, body: { ...tokens, token_type: 'Bearer', expires_in: 3600 } },
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      fake.urls.push(url);
      if (url !== `${DOMAIN_URL}/oauth2/token`) return new Response('not found', { status: 404 });
      fake.exchanges.push(Object.fromEntries(new URLSearchParams(String(init?.body ?? ''))));
      return Response.json(fake.answer.body, { status: fake.answer.status });
    }) as typeof fetch,
  };
  return fake;
}
