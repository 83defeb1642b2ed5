import {randomUUID} from 'node:crypto';
import type {CredentialsLogger} from './options.js';
import {DEFAULT_RETRY_AFTER_MS, MAX_ATTEMPTS} from './options.js';
import {UpstreamError, extractUpstreamErrorMessage} from './upstream-error.js';

/** One POST to PolyAI. `label` names it in messages ("access-token", "sessions"). */
export interface UpstreamCall {
  label: string;
  url: string;
  headers: Readonly<Record<string, string>>;
  body: string;
}

export interface UpstreamContext {
  fetch: typeof fetch;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Aborts at the deadline of the whole exchange. */
  signal: AbortSignal;
  timeoutMs: number;
  retryDelayMs: number;
  maxRetryAfterMs: number;
  now: () => number;
  /** Already redacting. */
  logger: CredentialsLogger;
  /** Hides every secret known so far; applied to upstream error text before it is shortened. */
  redact: (text: string) => string;
}

export interface UpstreamResponse {
  status: number;
  text: string;
  correlationId: string;
}

/** What to do after a failed attempt: retry after `retryAfterMs`, or give up (null). */
interface Failure {
  detail: string;
  retryAfterMs: number | null;
  /** Set when PolyAI itself answered 429: what it asked for, passed on to the browser if we give up. */
  rateLimitedMs?: number;
}

/** `Retry-After` as delta-seconds or an HTTP date; null when absent or unreadable. */
function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function networkDetail(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : undefined;
  const message = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
  return `network error (${code ?? message})`;
}

/**
 * POSTs to PolyAI with the SDKs' retry policy, bounded: up to MAX_ATTEMPTS on network errors and
 * 5xx (exponential backoff), 429 waits `Retry-After` if it is within `maxRetryAfterMs`, other
 * statuses fail at once. Resolves only with a 2xx; otherwise throws an UpstreamError.
 */
export async function postWithRetry(call: UpstreamCall, ctx: UpstreamContext): Promise<UpstreamResponse> {
  const timedOut = (correlationId?: string): UpstreamError =>
    new UpstreamError('timeout', `PolyAI ${call.label} request timed out after ${ctx.timeoutMs} ms`, correlationId);

  for (let attempt = 1; ; attempt++) {
    // One id per attempt, so PolyAI support can find exactly the failing call.
    let correlationId: string = randomUUID();
    let failure: Failure;
    try {
      const response = await ctx.fetch(call.url, {
        method: 'POST',
        headers: {...call.headers, 'X-Polyai-Correlation-Id': correlationId},
        body: call.body,
        signal: ctx.signal,
        // Never follow: fetch would forward the custom X-Token header to the redirect target.
        redirect: 'manual',
      });
      const text = await response.text();
      correlationId = response.headers.get('x-polyai-correlation-id') ?? correlationId;
      if (response.status >= 200 && response.status < 300) return {status: response.status, text, correlationId};
      if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
        throw new UpstreamError('failed', `PolyAI ${call.label} request failed: unexpected redirect (${response.status})`, correlationId);
      }
      const detail = `${response.status} ${extractUpstreamErrorMessage(text, ctx.redact)}`.trim();
      if (response.status === 429) {
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), ctx.now()) ?? DEFAULT_RETRY_AFTER_MS;
        failure = {detail, retryAfterMs: retryAfterMs <= ctx.maxRetryAfterMs ? retryAfterMs : null, rateLimitedMs: retryAfterMs};
      } else if (response.status >= 500) {
        failure = {detail, retryAfterMs: ctx.retryDelayMs * 2 ** (attempt - 1)};
      } else {
        failure = {detail, retryAfterMs: null};
      }
    } catch (error) {
      if (error instanceof UpstreamError) throw error;
      if (ctx.signal.aborted) throw timedOut(correlationId);
      failure = {detail: networkDetail(error), retryAfterMs: ctx.retryDelayMs * 2 ** (attempt - 1)};
    }

    if (failure.retryAfterMs === null || attempt >= MAX_ATTEMPTS) {
      const after = attempt > 1 ? ` after ${attempt} attempts` : '';
      const message = `PolyAI ${call.label} request failed${after}: ${failure.detail}`;
      if (failure.rateLimitedMs !== undefined) throw new UpstreamError('rate-limited', message, correlationId, failure.rateLimitedMs);
      throw new UpstreamError('failed', message, correlationId);
    }
    ctx.logger.warn(
      `poly-chat credentials: PolyAI ${call.label} attempt ${attempt} of ${MAX_ATTEMPTS} failed (${failure.detail}; correlation id ${correlationId}); retrying in ${failure.retryAfterMs} ms`,
    );
    try {
      await ctx.sleep(failure.retryAfterMs, ctx.signal);
    } catch (error) {
      if (ctx.signal.aborted) throw timedOut(correlationId);
      throw error;
    }
  }
}
