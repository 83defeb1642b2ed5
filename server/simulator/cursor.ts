// Cursor parsing (§3.1): a non-negative integer, or the legacy `seq:<n>`. Anything else is not an
// error: the server treats it as 0 (full replay), as the current docs say.

export function parseCursor(raw: string | null): number {
  if (raw === null) return 0;
  const match = /^(?:seq:)?(\d+)$/.exec(raw);
  if (!match?.[1]) return 0;
  const value = Number(match[1]);
  return Number.isSafeInteger(value) ? value : 0;
}
