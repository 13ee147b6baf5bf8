/**
 * Signing in through the municipality's identity provider (on AWS: an Amazon Cognito user pool and its hosted
 * sign-in, which may itself be federated to Entra ID). The admin pages send the browser to `authorizationUrl` with
 * a state and a PKCE challenge they keep in a short-lived cookie; the provider sends it back to the callback with a
 * code, which `signIn` exchanges and verifies. Locally the admin signs in with a key instead (functions/admin).
 */
export interface IdentityProvider {
  readonly kind: 'oidc';
  /** Where the browser signs in: the authorization endpoint with client, callback, scope, state and challenge. */
  authorizationUrl(request: { state: string; codeChallenge: string }): string;
  /**
   * Exchanges the authorization code (with the PKCE verifier) for tokens, verifies them (signature, issuer,
   * audience, token use, expiry) and says who signed in. Throws SignInRejectedError for anything not accepted.
   */
  signIn(code: { code: string; codeVerifier: string }): Promise<SignedInUser>;
  /** Where the browser goes to end the provider's own session, coming back to the sign-in page. */
  logoutUrl(): string;
}

export interface SignedInUser {
  /** Shown in the pages and written into review decisions: the e-mail or user name. */
  user: string;
  /** The provider's stable id of the person (the token's `sub`). */
  subject: string;
}

/** The code, the tokens or the provider's answer were not accepted; the message is for the log, not the browser. */
export class SignInRejectedError extends Error {
  override name = 'SignInRejectedError';
}
