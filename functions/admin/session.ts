/**
 * Admin sessions without server-side state (so they work the same in one process and across Lambda instances): the
 * cookie carries who signed in, until when, and a random nonce, signed with HMAC-SHA256 under a secret that only the
 * server knows. The CSRF token of a session is another HMAC of its nonce, so a forged form (another site, or a
 * request without the session's page) cannot carry it.
 *
 * The cookie is HttpOnly (no script reads it), SameSite=Strict (no other site's request carries it), Path=/admin
 * (the public site never sees it) and Secure whenever the site is served over https.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'paragraf_admin';
/** A working day; a clerk signs in again the next morning. */
export const SESSION_SECONDS = 8 * 60 * 60;

export interface Session {
  /** Who signed in: shown in the pages and written into every review decision's history. */
  user: string;
  /** Unix seconds. */
  expires: number;
  nonce: string;
}

export class SessionKeys {
  readonly #secret: Buffer;
  constructor(secret: string | Uint8Array) {
    this.#secret = Buffer.from(secret);
    if (this.#secret.length < 32) throw new Error('the session secret must be at least 32 bytes');
  }

  #mac(text: string): string {
    return createHmac('sha256', this.#secret).update(text).digest('base64url');
  }

  issue(user: string, nowSeconds: number): { cookie: string; session: Session } {
    const session: Session = {
      user,
      expires: nowSeconds + SESSION_SECONDS,
      nonce: randomBytes(16).toString('base64url'),
    };
    const body = Buffer.from(JSON.stringify(session)).toString('base64url');
    return { cookie: `${body}.${this.#mac(`session|${body}`)}`, session };
  }

  /** The session a cookie value carries, or null when it is missing, forged, malformed or expired. */
  verify(cookie: string | undefined, nowSeconds: number): Session | null {
    if (!cookie || cookie.length > 2000) return null;
    const [body, mac, extra] = cookie.split('.');
    if (!body || !mac || extra !== undefined || !equal(mac, this.#mac(`session|${body}`))) return null;
    try {
      const s = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<Session>;
      if (typeof s.user !== 'string' || typeof s.expires !== 'number' || typeof s.nonce !== 'string') return null;
      return s.expires > nowSeconds ? (s as Session) : null;
    } catch {
      return null;
    }
  }

  /** `text` with a MAC under `label`: for short-lived values the browser keeps for us (the PKCE verifier). */
  seal(label: string, text: string): string {
    const body = Buffer.from(text).toString('base64url');
    return `${body}.${this.#mac(`${label}|${body}`)}`;
  }

  /** The text `seal` was given, or null when the value is missing, forged or sealed under another label. */
  open(label: string, value: string | undefined): string | null {
    if (!value || value.length > 2000) return null;
    const [body, mac, extra] = value.split('.');
    if (!body || !mac || extra !== undefined || !equal(mac, this.#mac(`${label}|${body}`))) return null;
    return Buffer.from(body, 'base64url').toString('utf8');
  }

  csrfToken(session: Session): string {
    return this.#mac(`csrf|${session.nonce}`);
  }

  checkCsrf(session: Session, token: unknown): boolean {
    return typeof token === 'string' && equal(token, this.csrfToken(session));
  }
}

/** Constant-time comparison of two strings (different lengths are unequal without a timing hint of where). */
export function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function cookieHeader(
  value: string,
  options: { secure: boolean; maxAge: number; name?: string; sameSite?: 'Strict' | 'Lax' },
): string {
  return [
    `${options.name ?? SESSION_COOKIE}=${value}`,
    'Path=/admin',
    'HttpOnly',
    `SameSite=${options.sameSite ?? 'Strict'}`,
    `Max-Age=${options.maxAge}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}
