import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { type Jwks, SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { type IdentityProvider, SignInRejectedError, type SignedInUser } from '../ports/identity-provider.ts';

/**
 * Sign-in through an Amazon Cognito user pool's hosted (managed) sign-in: the authorization code grant with PKCE
 * (RFC 7636) for a public app client, so no client secret is kept anywhere. The code is exchanged at the pool
 * domain's /oauth2/token; the ID and access tokens that come back are verified with aws-jwt-verify (RS256 signature
 * against the pool's JWKS, issuer, audience/client_id, token_use, expiry) before anyone is signed in. Every HTTP
 * request (token endpoint and JWKS) goes through the injected fetch, so tests never touch the network.
 */
export interface CognitoSignInConfig {
  /** The user pool, e.g. eu-north-1_AbCdEf123 (the issuer and JWKS URI derive from it). */
  userPoolId: string;
  /** The app client: authorization code grant with PKCE, no secret. */
  clientId: string;
  /** The pool's domain, e.g. https://paragraf-alingsas.auth.eu-north-1.amazoncognito.com */
  domainUrl: string;
  /** The registered callback URL (…/admin/callback on the site's domain). */
  callbackUrl: string;
  /** The registered sign-out URL: where the hosted sign-in sends the browser after logout. */
  signOutUrl: string;
  fetch?: typeof fetch;
  /** A JWKS known in advance (tests); otherwise fetched from the pool once and cached. */
  jwks?: Jwks;
}

const SCOPES = 'openid email profile';

export function createCognitoIdentityProvider(config: CognitoSignInConfig): IdentityProvider {
  const fetchFn = config.fetch ?? fetch;
  const domain = config.domainUrl.replace(/\/+$/u, '');
  const jwksCache = new SimpleJwksCache({
    fetcher: {
      async fetch(uri) {
        const response = await fetchFn(uri, { signal: AbortSignal.timeout(10_000) });
        if (!response.ok) throw new SignInRejectedError(`JWKS ${uri} answered ${response.status}`);
        return response.arrayBuffer();
      },
    },
  });
  const verifier = CognitoJwtVerifier.create(
    { userPoolId: config.userPoolId, clientId: config.clientId, tokenUse: null },
    { jwksCache },
  );
  if (config.jwks) verifier.cacheJwks(config.jwks);

  return {
    kind: 'oidc',
    authorizationUrl({ state, codeChallenge }) {
      const url = new URL(`${domain}/oauth2/authorize`);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: config.clientId,
        redirect_uri: config.callbackUrl,
        scope: SCOPES,
        state,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
      }).toString();
      return url.toString();
    },
    async signIn({ code, codeVerifier }) {
      const tokens = await exchange(fetchFn, `${domain}/oauth2/token`, {
        grant_type: 'authorization_code',
        client_id: config.clientId,
        code,
        redirect_uri: config.callbackUrl,
        code_verifier: codeVerifier,
      });
      try {
        const id = await verifier.verify(tokens.idToken, { tokenUse: 'id', clientId: config.clientId });
        const access = await verifier.verify(tokens.accessToken, { tokenUse: 'access', clientId: config.clientId });
        if (id.sub !== access.sub) throw new SignInRejectedError('the ID and access tokens name different users');
        return userOf(id);
      } catch (error) {
        if (error instanceof SignInRejectedError) throw error;
        throw new SignInRejectedError(`token not accepted: ${(error as Error).message}`, { cause: error });
      }
    },
    logoutUrl() {
      const url = new URL(`${domain}/logout`);
      url.search = new URLSearchParams({ client_id: config.clientId, logout_uri: config.signOutUrl }).toString();
      return url.toString();
    },
  };
}

async function exchange(
  fetchFn: typeof fetch,
  endpoint: string,
  form: Record<string, string>,
): Promise<{ idToken: string; accessToken: string }> {
  let response: Response;
  try {
    response = await fetchFn(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new SignInRejectedError('the token endpoint could not be reached', { cause: error });
  }
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok || body === null) {
    const reason = typeof body?.error === 'string' ? body.error : 'no JSON body';
    throw new SignInRejectedError(`the token endpoint answered ${response.status} (${reason})`);
  }
  if (typeof body.id_token !== 'string' || typeof body.access_token !== 'string')
    throw new SignInRejectedError('the token endpoint answered without an ID and an access token');
  return { idToken: body.id_token, accessToken: body.access_token };
}

function userOf(payload: Record<string, unknown>): SignedInUser {
  const subject = String(payload.sub);
  const name = [payload.email, payload['cognito:username'], subject].find(
    (v): v is string => typeof v === 'string' && v.trim() !== '',
  );
  return { user: (name ?? subject).replace(/[\p{Cc}\p{Cf}]/gu, '').slice(0, 100), subject };
}
