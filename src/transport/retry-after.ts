// `Retry-After` (RFC 9110 §10.2.3) as milliseconds, for 429 answers (protocol §2.4). The transport
// only reports it; how long to actually wait (default, cap) is the session machine's policy.

/**
 * Delta-seconds (`"5"`) or an HTTP-date; an HTTP-date needs `nowMs` (the injected clock) and
 * yields undefined without it. Missing or unparsable headers yield undefined; past dates yield 0.
 */
export function parseRetryAfter(header: string | null, nowMs?: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  if (nowMs === undefined) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
