import {randomUUID} from 'node:crypto';
import {CredentialsHttpError} from './credentials-http-error.js';
import type {CredentialsLogger} from './options.js';
import {UpstreamError} from './upstream-error.js';

export const LOG_PREFIX = 'poly-chat credentials:';

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * What the browser is told about a failure. Upstream and internal failures get a generic message
 * and a correlation id; the detail (PolyAI's own words, already redacted) goes to the log under the
 * same id, so support can find it without the browser ever seeing it.
 */
export function toErrorResponse(error: unknown, logger: CredentialsLogger): CredentialsHttpError {
  if (error instanceof CredentialsHttpError) return error;
  if (error instanceof UpstreamError) {
    const correlationId = error.correlationId ?? randomUUID();
    logger.error(`${LOG_PREFIX} ${error.message} (correlation id ${correlationId})`);
    if (error.kind === 'timeout') {
      return new CredentialsHttpError(504, 'upstream_timeout', 'PolyAI did not answer in time', {}, correlationId);
    }
    if (error.kind === 'rate-limited') {
      const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 0) / 1000));
      return new CredentialsHttpError(429, 'upstream_rate_limited', 'PolyAI is busy; try again later', {'Retry-After': String(seconds)}, correlationId);
    }
    return new CredentialsHttpError(502, 'upstream_error', 'Could not get chat credentials from PolyAI', {}, correlationId);
  }
  const correlationId = randomUUID();
  logger.error(`${LOG_PREFIX} unexpected error: ${errorText(error)} (correlation id ${correlationId})`);
  return new CredentialsHttpError(500, 'internal_error', 'Internal error while getting PolyAI credentials', {}, correlationId);
}
