// Getting PolyAI credentials from the host: its endpoint (contract §4) or its `.credentials`
// callback (contract §2). Never throws and never retries; every failure is classified so the
// session machine can decide. Messages may name the endpoint path and HTTP status, never a token.
import type {ChatErrorCode} from '../model/error-code.js';
import type {CredentialsProvider, PolyChatCredentials} from '../model/session-api.js';
import {credentialsRequestInit} from '../protocol/credentials-request.js';
import {describeHttpFailure, readJsonBody} from './http-response.js';
import type {FetchLike} from './http-response.js';
import {isRecord} from './json.js';
import {redactSecrets} from './redact.js';
import {isLoopbackHost} from './url-policy.js';

export interface CredentialsRequest {
  newSession: boolean;
  streaming: boolean;
}

/** See ChatErrorCode (model/error-code.ts) for what each means. */
export type CredentialsErrorCode = Extract<ChatErrorCode, 'credentials-network' | 'credentials-http' | 'credentials-invalid' | 'credentials-insecure'>;

export interface CredentialsFailure {
  ok: false;
  code: CredentialsErrorCode;
  /** The same request may succeed later: network errors, 429, 5xx, a throwing callback. */
  retryable: boolean;
  message: string;
  status?: number;
  /** From `Retry-After` on a 429. */
  retryAfterMs?: number;
  /** The endpoint's error string (protocol §2.4), secrets redacted. */
  serverError?: string;
}

export type CredentialsResult = {ok: true; credentials: PolyChatCredentials} | CredentialsFailure;

export interface CredentialsFetchEnv {
  fetch: FetchLike;
  /**
   * The page's URL (`location.href`, not `document.baseURI`: a `<base href>` is not applied):
   * relative endpoints resolve against it, and "same-origin" means its origin.
   */
  baseHref?: string;
  /** Only to turn an HTTP-date `Retry-After` into milliseconds. */
  now?: () => number;
  /** Lets the runtime give up on a hanging endpoint; an abort reads as a network failure. */
  signal?: AbortSignal;
}

export type CredentialsCheck = {ok: true; credentials: PolyChatCredentials} | {ok: false; problem: string};

/**
 * `POST endpoint` with `{"new_session", "streaming"}` (contract §4), cookies same-origin only,
 * never cached. The endpoint must be same-origin with `baseHref`, https, or http on loopback.
 */
export async function fetchCredentials(
  endpoint: string,
  req: CredentialsRequest,
  env: CredentialsFetchEnv,
): Promise<CredentialsResult> {
  const target = checkEndpoint(endpoint, env.baseHref);
  if (!target.ok) return target;
  const where = `credentials endpoint ${target.path}`;
  let response: Response;
  try {
    response = await env.fetch(target.url, {...credentialsRequestInit(req), ...(env.signal ? {signal: env.signal} : {})});
  } catch {
    // The browser's reason ("Failed to fetch") says nothing useful and is not ours to echo.
    return {ok: false, code: 'credentials-network', retryable: true, message: `could not reach the ${where}`};
  }
  if (!response.ok) {
    const facts = await describeHttpFailure(response, [], env.now?.());
    const detail = facts.serverError === undefined ? '' : `: ${facts.serverError}`;
    return {ok: false, code: 'credentials-http', ...facts, message: `${where} answered HTTP ${facts.status}${detail}`};
  }
  const body = await readJsonBody(response);
  if (!body.ok) {
    return body.reason === 'unreadable'
      ? {ok: false, code: 'credentials-network', retryable: true, message: `${where} response broke off`}
      : {ok: false, code: 'credentials-invalid', retryable: false, message: `${where} returned invalid JSON`};
  }
  return toResult(validateCredentials(body.value), `${where} response`);
}

/**
 * Calls the host's `.credentials` callback, classified like {@link fetchCredentials}: a throw or
 * rejection is retryable (it usually wraps a fetch), a resolved value of the wrong shape is not.
 */
export async function callCredentialsProvider(
  provider: CredentialsProvider,
  req: CredentialsRequest,
): Promise<CredentialsResult> {
  let value: unknown;
  try {
    // A fresh object: the host's callback must not be able to mutate the runtime's request.
    value = await provider({newSession: req.newSession, streaming: req.streaming});
  } catch (error) {
    return {ok: false, code: 'credentials-network', retryable: true, message: `credentials callback failed${reasonOf(error)}`};
  }
  return toResult(validateCredentials(value), 'credentials callback result');
}

/**
 * Narrows an untrusted value to {@link PolyChatCredentials}: `access_token` a non-empty string;
 * `session_id`/`base_url` strings, `expires_in` a non-negative number, each optional (`null` and,
 * for the strings, `""` count as absent). Unknown fields are dropped. Problems never quote values.
 */
export function validateCredentials(value: unknown): CredentialsCheck {
  if (!isRecord(value)) return {ok: false, problem: 'is not an object'};
  const {access_token: accessToken, session_id: sessionId, base_url: baseUrl, expires_in: expiresIn} = value;
  if (typeof accessToken !== 'string' || accessToken.trim() === '') return {ok: false, problem: 'has no access_token'};
  const credentials: PolyChatCredentials = {access_token: accessToken};
  for (const [key, field] of [['session_id', sessionId], ['base_url', baseUrl]] as const) {
    if (field === undefined || field === null || field === '') continue;
    if (typeof field !== 'string') return {ok: false, problem: `has a ${key} that is not a string`};
    credentials[key] = field;
  }
  if (expiresIn !== undefined && expiresIn !== null) {
    if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn < 0) {
      return {ok: false, problem: 'has an expires_in that is not a non-negative number'};
    }
    credentials.expires_in = expiresIn;
  }
  return {ok: true, credentials};
}

function toResult(check: CredentialsCheck, source: string): CredentialsResult {
  return check.ok
    ? check
    : {ok: false, code: 'credentials-invalid', retryable: false, message: `${source} ${check.problem}`};
}

type EndpointCheck = {ok: true; url: string; path: string} | CredentialsFailure;

// Without a base, a relative endpoint is same-origin by definition; resolving it against a
// placeholder still catches scheme-relative `//other.host/…`, which is not (and assumes http).
const PLACEHOLDER_BASE = 'http://same-origin.invalid/';

function checkEndpoint(endpoint: string, baseHref: string | undefined): EndpointCheck {
  const refuse = (message: string): CredentialsFailure => ({
    ok: false,
    code: 'credentials-insecure',
    retryable: false,
    message,
  });
  let base: URL;
  let url: URL;
  try {
    base = new URL(baseHref ?? PLACEHOLDER_BASE);
    url = new URL(endpoint.trim(), base);
  } catch {
    return refuse('credentials endpoint is not a valid URL');
  }
  if (endpoint.trim() === '') return refuse('credentials endpoint is empty');
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refuse(`credentials endpoint must be an http(s) URL, not ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') {
    return refuse('credentials endpoint must not contain a user name or password');
  }
  const sameOrigin = url.origin === base.origin;
  if (!sameOrigin && url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return refuse(
      `credentials endpoint ${url.origin} is neither same-origin nor https: plain http:// is only allowed for loopback hosts`,
    );
  }
  // With a real base, fetch the URL we checked; without one, let fetch resolve it as the page would.
  return {ok: true, url: baseHref === undefined ? endpoint.trim() : url.href, path: url.pathname};
}

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const clean = redactSecrets(text.replace(/\s+/g, ' ').trim()).slice(0, 200);
  return clean === '' ? '' : `: ${clean}`;
}
