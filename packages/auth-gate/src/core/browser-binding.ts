import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { parseCookie, stringifySetCookie } from 'cookie';

// Binds a consent to the browser that started it (OAuth 2.0 Security BCP: bind `state` to the user
// agent). The route that sends a browser to Scalekit sets a cookie holding a random nonce and keeps
// that nonce with the `state`; the verify route completes only for a browser that brings it back.
// A forwarded magic link (or verify URL) opened in another browser has no such cookie.

/** Where the binding cookie is valid: the page's public path, and whether it is served over https. */
export interface CookieScope {
  path: string;
  secure: boolean;
}

/** How long a browser may take between pressing Connect and coming back to the verify route. */
export const BINDING_MAX_AGE_SECS = 30 * 60;

/**
 * The scope of a page's public address. The cookie's Path is the page's own path (not the path of
 * the connect route, the browser's default, which would not cover `/verify`), so a live view served
 * under a prefix gets its cookie back at `<prefix>/verify` and nowhere else.
 */
export function cookieScopeOf(publicUrl: string): CookieScope {
  const url = new URL(publicUrl);
  return { path: url.pathname.replace(/\/+$/, '') || '/', secure: url.protocol === 'https:' };
}

/** 32 random bytes, URL-safe: for nonces, states and tickets. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time equality of two secrets (the length is not secret). */
export function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * One cookie per `state`, so several links in one browser (two connectors, "open again") do not
 * overwrite each other. `__Host-` (https at the root, as a container URL is) makes the browser refuse
 * the cookie from a sibling host: another run's page on the same parent domain cannot plant one.
 */
export function bindingCookieName(state: string, scope: CookieScope): string {
  const id = createHash('sha256').update(state).digest('base64url').slice(0, 16);
  const prefix = scope.secure ? (scope.path === '/' ? '__Host-' : '__Secure-') : '';
  return `${prefix}auth_gate_consent_${id}`;
}

/** The Set-Cookie header that binds `state` to this browser. */
export function bindingSetCookie(state: string, nonce: string, scope: CookieScope): string {
  return stringifySetCookie(bindingCookieName(state, scope), nonce, {
    httpOnly: true,
    // Lax: sent on the top-level GET that brings the browser back from Scalekit, never on cross-site subrequests.
    sameSite: 'lax',
    secure: scope.secure,
    path: scope.path,
    maxAge: BINDING_MAX_AGE_SECS,
  });
}

/** The Set-Cookie header that removes the binding once it served its purpose. */
export function clearBindingCookie(state: string, scope: CookieScope): string {
  return stringifySetCookie(bindingCookieName(state, scope), '', {
    httpOnly: true,
    sameSite: 'lax',
    secure: scope.secure,
    path: scope.path,
    maxAge: 0,
  });
}

/** The nonce a request brings back for `state` (undefined when it brings none). */
export function presentedNonce(
  cookieHeader: string | undefined,
  state: string,
  scope: CookieScope,
): string | undefined {
  if (!cookieHeader) return undefined;
  return parseCookie(cookieHeader)[bindingCookieName(state, scope)] || undefined;
}

/** True only when the browser brought back exactly the nonce kept for the state. */
export function nonceMatches(presented: string | undefined, kept: string | undefined): boolean {
  return presented !== undefined && kept !== undefined && sameToken(presented, kept);
}
