// `POST {base}/api/v1/sessions` (protocol §2.3): one new PolyAI conversation. Never throws and
// never retries; failures are classified for the session machine, with the token redacted.
import type {ChatErrorCode} from '../model/error-code.js';
import {describeHttpFailure, readJsonBody} from './http-response.js';
import type {FetchLike} from './http-response.js';
import {isRecord} from './json.js';
import {resolveBaseUrl} from './url-policy.js';

/** PolyAI unreachable or the body broke off, non-2xx, no usable session_id, or an insecure base URL. */
export type SessionErrorCode = Extract<ChatErrorCode, 'session-network' | 'session-http' | 'session-invalid' | 'session-insecure'>;

export interface SessionFailure {
  ok: false;
  code: SessionErrorCode;
  /** The same request may succeed later: network errors, 429, 5xx. */
  retryable: boolean;
  /** 401: the access token is invalid or expired — mint new credentials (protocol §2.3). */
  needsNewCredentials: boolean;
  message: string;
  status?: number;
  /** From `Retry-After` on a 429. */
  retryAfterMs?: number;
  /** PolyAI's error string, e.g. `Invalid access token` (protocol §2.3–2.4), token redacted. */
  serverError?: string;
  /** `X-PolyAI-Correlation-Id`, which PolyAI support asks for (protocol §10.21), when exposed. */
  correlationId?: string;
}

export type SessionResult = {ok: true; sessionId: string} | SessionFailure;

export interface SessionEnv {
  fetch: FetchLike;
  /** Only to turn an HTTP-date `Retry-After` into milliseconds. */
  now?: () => number;
  /** Lets the runtime give up on a hanging request; an abort reads as a network failure. */
  signal?: AbortSignal;
}

const PATH = '/api/v1/sessions';

/** Creates a session with `{streaming_enabled, platform: 'web'}`; `httpBase` as from `resolveBaseUrl`. */
export async function createSession(
  httpBase: string,
  accessToken: string,
  options: {streaming: boolean},
  env: SessionEnv,
): Promise<SessionResult> {
  const fail = (code: SessionErrorCode, retryable: boolean, message: string): SessionFailure => ({
    ok: false,
    code,
    retryable,
    needsNewCredentials: false,
    message,
  });
  // Defence in depth: the token must never leave over plain http to a public host.
  const base = resolveBaseUrl(httpBase);
  if (!base.ok) return fail('session-insecure', false, `refused to create a session: ${base.message}`);
  let response: Response;
  try {
    response = await env.fetch(`${base.httpBase}${PATH}`, {
      method: 'POST',
      // PolyAI is cross-origin and authenticates by header; the host's cookies are none of its business.
      credentials: 'omit',
      cache: 'no-store',
      headers: {
        Authorization: `Bearer ${accessToken}`,
        'Content-Type': 'application/json',
        Accept: 'application/json',
      },
      body: JSON.stringify({streaming_enabled: options.streaming, platform: 'web'}),
      ...(env.signal ? {signal: env.signal} : {}),
    });
  } catch {
    return fail('session-network', true, `could not reach PolyAI (POST ${PATH})`);
  }
  if (!response.ok) {
    const facts = await describeHttpFailure(response, [accessToken], env.now?.());
    const correlationId = response.headers.get('X-PolyAI-Correlation-Id') ?? undefined;
    const detail = facts.serverError === undefined ? '' : `: ${facts.serverError}`;
    return {
      ...fail('session-http', facts.retryable, `POST ${PATH} answered HTTP ${facts.status}${detail}`),
      ...facts,
      needsNewCredentials: facts.status === 401,
      ...(correlationId === undefined ? {} : {correlationId}),
    };
  }
  const body = await readJsonBody(response);
  if (!body.ok) {
    return body.reason === 'unreadable'
      ? fail('session-network', true, `POST ${PATH} response broke off`)
      : fail('session-invalid', false, `POST ${PATH} returned invalid JSON`);
  }
  const sessionId = isRecord(body.value) ? body.value['session_id'] : undefined;
  if (typeof sessionId !== 'string' || sessionId.trim() === '') {
    return fail('session-invalid', false, `POST ${PATH} response has no session_id`);
  }
  return {ok: true, sessionId};
}
