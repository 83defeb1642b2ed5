/**
 * Why talking to PolyAI failed: `timeout` becomes a 504, `rate-limited` (PolyAI's own 429) a 429
 * with PolyAI's `Retry-After`, everything else a 502. The message is detail for the log only.
 */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';

  constructor(
    readonly kind: 'failed' | 'timeout' | 'rate-limited',
    message: string,
    readonly correlationId?: string,
    /** For `rate-limited`: how long PolyAI asked us to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

const MAX_DETAIL_CHARS = 200;

function truncate(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_DETAIL_CHARS ? `${flat.slice(0, MAX_DETAIL_CHARS)}…` : flat;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * The error string of a PolyAI error body (protocol.md §2.4): the first string among `message`,
 * `error` (string), `error.message`, `error_message`; else the raw text, flattened and truncated.
 * `redact` runs before truncating, so a secret cut in two by the limit cannot leak its first half.
 */
export function extractUpstreamErrorMessage(raw: string, redact: (text: string) => string): string {
  const text = redact(raw);
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
      const record = body as Record<string, unknown>;
      const nested = typeof record.error === 'object' && record.error !== null ? (record.error as Record<string, unknown>).message : undefined;
      const found =
        nonEmptyString(record.message) ?? nonEmptyString(record.error) ?? nonEmptyString(nested) ?? nonEmptyString(record.error_message);
      if (found !== undefined) return truncate(found);
    }
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return truncate(text);
}
