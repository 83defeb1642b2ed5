// Untrusted JSON from the network: parse without throwing, narrow without casts.

export type JsonParse = {ok: true; value: unknown} | {ok: false};

export function parseJson(text: string): JsonParse {
  try {
    return {ok: true, value: JSON.parse(text) as unknown};
  } catch {
    return {ok: false};
  }
}

/** A plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
