// Keeps the access token out of every message the transport surfaces (protocol §10.18): servers
// may echo it back in an error body or close reason, and error messages end up in events and logs.

const REDACTED = '[redacted]';

/** A JWT (what PolyAI's access tokens are): `{"` base64url-encodes to `eyJ`. */
const JWT = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
/** `access_token=…`, `"access_token": "…"`, `accessToken: …` */
const TOKEN_ASSIGNMENT = /\b(access[_-]?token["']?\s*[:=]\s*["']?)([^\s"'&,;}\]]+)/gi;
/** `Bearer …` as in an echoed Authorization header. */
const BEARER = /\b(bearer\s+)([^\s"'&,;}\]]+)/gi;

/**
 * Replaces every known secret (raw or URL-encoded) and anything shaped like a token with
 * `[redacted]`. Known secrets go first, longest first, so a secret containing another is removed whole.
 */
export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
  const secrets = knownSecrets
    .flatMap((secret) => [secret, encodeURIComponent(secret)])
    .filter((secret) => secret !== '')
    .sort((a, b) => b.length - a.length);
  let result = text;
  for (const secret of secrets) result = result.split(secret).join(REDACTED);
  return result
    .replace(JWT, REDACTED)
    .replace(TOKEN_ASSIGNMENT, `$1${REDACTED}`)
    .replace(BEARER, `$1${REDACTED}`);
}
