import {randomBytes} from 'node:crypto';
import type {IncomingMessage, ServerResponse} from 'node:http';

const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** 32 random bytes in base64url: the only shape of id this handler ever issues. */
const CONVERSATION_KEY = /^[A-Za-z0-9_-]{43}$/;

export function isValidCookieName(name: string): boolean {
  return COOKIE_NAME.test(name);
}

/** A fresh opaque conversation id: 256 bits from the CSPRNG, meaningless outside the store. */
export function newConversationKey(): string {
  return randomBytes(32).toString('base64url');
}

/** The conversation id from the request's cookie, or null when absent or not one of ours. */
export function readConversationKey(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (header === undefined) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    if (CONVERSATION_KEY.test(value)) return value;
  }
  return null;
}

/** Whether the browser reached us over https; `X-Forwarded-Proto` counts only behind a trusted proxy. */
export function isHttpsRequest(req: IncomingMessage, trustProxy: boolean): boolean {
  const socket = req.socket as {encrypted?: unknown} | undefined;
  if (socket?.encrypted === true) return true;
  if (!trustProxy) return false;
  const forwarded = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return first === 'https';
}

/**
 * Appends the conversation cookie, keeping any Set-Cookie another middleware already added.
 * HttpOnly keeps the id away from page scripts; SameSite=Lax keeps it off cross-site POSTs.
 * No Max-Age: a browser-session cookie is enough to survive reloads, and the store expires the entry.
 */
export function appendConversationCookie(res: ServerResponse, name: string, key: string, secure: boolean): void {
  const cookie = `${name}=${key}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
  const existing = res.getHeader('Set-Cookie');
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  res.setHeader('Set-Cookie', [...list, cookie]);
}
