// Which hosts the client may talk to, and the URLs it builds for them (contract §4, protocol §1,
// §3.1, §10.18). The access token travels in the socket URL and in the Authorization header, so
// anything but TLS is refused unless the host is this machine.

/** PolyAI's primary host (protocol §1), used when the credentials carry no `base_url`. */
export const DEFAULT_BASE_URL = 'https://messaging.poly.ai';

export type BaseUrlResult =
  | {ok: true; httpBase: string; wsUrl: string}
  | {ok: false; code: 'insecure-url' | 'invalid-url'; message: string};

export interface SocketUrlParams {
  sessionId: string;
  accessToken: string;
  /** Highest `sequence` seen; sent only when it is a positive integer (protocol §3.1). */
  cursor: number;
}

/**
 * True for `localhost`, `127.0.0.0/8` and `::1` (bracketed or not), in the canonical form
 * `URL.hostname` gives (so `127.1` must go through `new URL` first). `*.localhost` and
 * `localhost.` are refused: not every resolver pins them to loopback, and the token would cross
 * the network in clear.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '::1' || host === '[::1]') return true;
  const octets = host.split('.');
  return (
    octets.length === 4 &&
    octets[0] === '127' &&
    octets.every((octet) => /^(0|[1-9]\d{0,2})$/.test(octet) && Number(octet) <= 255)
  );
}

/**
 * The REST base and socket URL for a credentials `base_url` (default {@link DEFAULT_BASE_URL}).
 * `https:`/`wss:` give `https://host[/prefix]` and `wss://host[/prefix]/ws`; `http:`/`ws:` only for
 * loopback hosts. Trailing slashes are dropped, and so is a trailing `/api/v1` on an http(s) URL
 * (the SDKs' REST base) or `/ws` on a ws(s) URL (the socket itself).
 * Refused: other schemes, user info, queries and fragments. Messages never echo the whole URL.
 */
export function resolveBaseUrl(baseUrl?: string): BaseUrlResult {
  let url: URL;
  try {
    url = new URL((baseUrl ?? DEFAULT_BASE_URL).trim());
  } catch {
    return {ok: false, code: 'invalid-url', message: 'base_url is not an absolute URL'};
  }
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  const plain = url.protocol === 'http:' || url.protocol === 'ws:';
  if (!secure && !plain) {
    return {ok: false, code: 'invalid-url', message: `base_url must be an https:// URL, not ${url.protocol}`};
  }
  if (url.username !== '' || url.password !== '') {
    return {ok: false, code: 'insecure-url', message: 'base_url must not contain a user name or password'};
  }
  if (plain && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      code: 'insecure-url',
      message: `base_url ${url.protocol}//${url.host} is not TLS: plain http:// and ws:// are only allowed for loopback hosts`,
    };
  }
  if (url.search !== '' || url.hash !== '') {
    return {ok: false, code: 'invalid-url', message: 'base_url must not have a query or a fragment'};
  }
  // Forgiving about the two other URLs people copy: the SDKs' REST base and the socket URL itself.
  const copiedSuffix = url.protocol === 'wss:' || url.protocol === 'ws:' ? /\/ws$/ : /\/api\/v1$/;
  const prefix = url.pathname.replace(/\/+$/, '').replace(copiedSuffix, '');
  return {
    ok: true,
    httpBase: `${secure ? 'https' : 'http'}://${url.host}${prefix}`,
    wsUrl: `${secure ? 'wss' : 'ws'}://${url.host}${prefix}/ws`,
  };
}

/** `wsUrl?session_id=…&access_token=…[&cursor=n]`, values URL-encoded (protocol §3.1). */
export function buildSocketUrl(wsUrl: string, {sessionId, accessToken, cursor}: SocketUrlParams): string {
  const url = `${wsUrl}?session_id=${encodeURIComponent(sessionId)}&access_token=${encodeURIComponent(accessToken)}`;
  // A plain integer, never `seq:n` (protocol §11.3); anything else means full replay, which is safe.
  return Number.isSafeInteger(cursor) && cursor > 0 ? `${url}&cursor=${cursor}` : url;
}
