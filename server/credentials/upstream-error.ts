/** Why talking to PolyAI failed: `timeout` becomes a 504, everything else a 502. */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';

  constructor(
    readonly kind: 'failed' | 'timeout',
    message: string,
    readonly correlationId?: string,
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
 */
export function extractUpstreamErrorMessage(text: string): string {
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
