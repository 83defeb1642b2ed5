/** True for `localhost`, `127.0.0.0/8` and `[::1]`: the only hosts allowed over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The URL, or null when `value` is not one. */
export function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * Validates a PolyAI base URL and returns it without a trailing slash, or null when unusable.
 * Plain http is refused for non-loopback hosts because the connector token travels to this host.
 */
export function normalizeBaseUrl(value: string): string | null {
  const url = parseUrl(value);
  if (url === null) return null;
  if (url.username !== '' || url.password !== '') return null;
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) return null;
  return url.origin + url.pathname.replace(/\/+$/, '');
}
