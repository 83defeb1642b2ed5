import type {IncomingMessage} from 'node:http';
import {parseUrl} from './base-url.js';
import {CredentialsHttpError} from './credentials-http-error.js';
import {forwardedValue} from './forwarded.js';

/** `https://example.com` for a valid origin (scheme, host, port; default ports dropped), else null. */
export function normalizeOrigin(value: string): string | null {
  const url = parseUrl(value);
  if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:')) return null;
  return url.origin;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Hosts this request was addressed to: `Host`, and `X-Forwarded-Host` behind a trusted proxy. */
function ownHosts(req: IncomingMessage, trustProxy: boolean): string[] {
  const hosts = [req.headers.host, trustProxy ? forwardedValue(req.headers['x-forwarded-host']) : undefined];
  return hosts.filter((host): host is string => host !== undefined && host !== '').map((host) => host.toLowerCase().replace(/:(80|443)$/, ''));
}

function forbidden(): CredentialsHttpError {
  return new CredentialsHttpError(403, 'forbidden_origin', 'Credentials are only given to pages of this site');
}

/**
 * Refuses requests made by another site's page: `Sec-Fetch-Site: cross-site`, or an `Origin` that
 * is not allowed (default: the request's own host). A request without `Origin` (curl, old browsers'
 * same-origin requests) passes; the rate limits are what bound those.
 */
export function checkRequestOrigin(req: IncomingMessage, allowedOrigins: readonly string[] | null, trustProxy: boolean): void {
  if (header(req, 'sec-fetch-site')?.trim().toLowerCase() === 'cross-site') throw forbidden();
  const origin = header(req, 'origin');
  if (origin === undefined) return;
  const normalized = normalizeOrigin(origin.trim());
  if (normalized === null) throw forbidden();
  const allowed = allowedOrigins === null ? ownHosts(req, trustProxy).includes(new URL(normalized).host) : allowedOrigins.includes(normalized);
  if (!allowed) throw forbidden();
}
