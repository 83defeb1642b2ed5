// Reading the answer of a REST call (credentials endpoint, PolyAI sessions) into facts the
// session machine can act on. Classification only: whether and when to retry is the machine's call.
import {extractServerError} from './error-body.js';
import {parseJson} from './json.js';
import {parseRetryAfter} from './retry-after.js';

/** The slice of `fetch` the transport uses; the real one and test fakes both fit. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface HttpFailureFacts {
  status: number;
  /** 429 and 5xx: the same request may succeed later (protocol §2.4). */
  retryable: boolean;
  /** From `Retry-After` on a 429. */
  retryAfterMs?: number;
  /** The server's error string (protocol §2.4), secrets redacted. */
  serverError?: string;
}

export type JsonBody = {ok: true; value: unknown} | {ok: false; reason: 'unreadable' | 'invalid-json'};

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Facts about a non-2xx answer. Never throws; an unreadable body just has no serverError. */
export async function describeHttpFailure(
  response: Response,
  knownSecrets: readonly string[],
  nowMs?: number,
): Promise<HttpFailureFacts> {
  const facts: HttpFailureFacts = {status: response.status, retryable: isRetryableStatus(response.status)};
  if (response.status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), nowMs);
    if (retryAfterMs !== undefined) facts.retryAfterMs = retryAfterMs;
  }
  const text = await readText(response);
  const serverError = text === undefined ? undefined : extractServerError(text, knownSecrets);
  if (serverError !== undefined) facts.serverError = serverError;
  return facts;
}

/** The body of a 2xx answer as JSON. A body that breaks off mid-way is 'unreadable' (network-like). */
export async function readJsonBody(response: Response): Promise<JsonBody> {
  const text = await readText(response);
  if (text === undefined) return {ok: false, reason: 'unreadable'};
  const json = parseJson(text);
  return json.ok ? json : {ok: false, reason: 'invalid-json'};
}

async function readText(response: Response): Promise<string | undefined> {
  try {
    return await response.text();
  } catch {
    return undefined;
  }
}
