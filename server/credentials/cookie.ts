import type {IncomingMessage, ServerResponse} from 'node:http';
import {isLoopbackHost} from './base-url.js';
import {forwardedValue} from './forwarded.js';

const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HOST_PREFIX = '__Host-';

export function isValidCookieName(name: string): boolean {
  return COOKIE_NAME.test(name);
}

/**
 * The cookie's value, or null when it is absent or sent more than once. Two cookies of one name
 * mean someone planted a second one (a sibling subdomain, a script): trusting either is a guess.
 */
export function readCookie(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (header === undefined) return null;
  let found: string | null = null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    if (found !== null) return null;
    found = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return found;
}

/** Whether the browser reached us over https; `X-Forwarded-Proto` counts only behind a trusted proxy. */
export function isHttpsRequest(req: IncomingMessage, trustProxy: boolean): boolean {
  const socket = req.socket as {encrypted?: unknown} | undefined;
  if (socket?.encrypted === true) return true;
  if (!trustProxy) return false;
  return forwardedValue(req.headers['x-forwarded-proto'])?.toLowerCase() === 'https';
}

/** The `Host` header's hostname without the port (`[::1]` keeps its brackets). */
export function requestHostname(req: IncomingMessage): string {
  const host = (req.headers.host ?? '').trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.split(':')[0] ?? '';
}

/**
 * `'auto'`: Secure unless the page is plain http on a loopback host (local development), where a
 * browser would drop a Secure cookie. A proxy that rewrites Host to `localhost` still gets Secure
 * when it says (trusted) that the browser used https.
 */
export function wantsSecureCookie(req: IncomingMessage, setting: boolean | 'auto', trustProxy: boolean): boolean {
  if (setting !== 'auto') return setting;
  return isHttpsRequest(req, trustProxy) || !isLoopbackHost(requestHostname(req));
}

/**
 * The name the cookie goes by: a Secure cookie takes the `__Host-` prefix, which makes the browser
 * refuse it unless it is Secure, host-only and `Path=/`, so no subdomain or plain-http page can plant it.
 */
export function cookieNameFor(name: string, secure: boolean): string {
  return secure && !name.startsWith(HOST_PREFIX) ? `${HOST_PREFIX}${name}` : name;
}

/**
 * Appends the conversation cookie, keeping any Set-Cookie another middleware already added.
 * HttpOnly keeps it away from page scripts; SameSite=Lax keeps it off cross-site POSTs.
 * No Max-Age: a browser-session cookie is enough to survive reloads, and the value expires on its own.
 */
export function appendCookie(res: ServerResponse, name: string, value: string, secure: boolean): void {
  const cookie = `${name}=${value}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
  const existing = res.getHeader('Set-Cookie');
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  res.setHeader('Set-Cookie', [...list, cookie]);
}
