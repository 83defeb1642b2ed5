// Defensive readers for parsed JSON. Every reader returns undefined for anything but the one shape
// it accepts, and reads own properties only, so keys such as `__proto__` or `constructor` can never
// smuggle in Object.prototype values.

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readOwn(obj: JsonObject, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

export function readString(obj: JsonObject, key: string): string | undefined {
  const value = readOwn(obj, key);
  return typeof value === 'string' ? value : undefined;
}

/** A string with at least one character; '' counts as absent (optional display fields). */
export function readText(obj: JsonObject, key: string): string | undefined {
  const value = readOwn(obj, key);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function readObject(obj: JsonObject, key: string): JsonObject | undefined {
  const value = readOwn(obj, key);
  return isObject(value) ? value : undefined;
}

export function readArray(obj: JsonObject, key: string): readonly unknown[] | undefined {
  const value = readOwn(obj, key);
  return Array.isArray(value) ? value : undefined;
}

/** A non-negative safe integer (sequence numbers, chunk indexes, queue positions). */
export function asCount(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return undefined;
  return value === 0 ? 0 : value; // folds -0
}

export function readCount(obj: JsonObject, key: string): number | undefined {
  return asCount(readOwn(obj, key));
}

/** Clips strings that end up in problem reports, so a hostile frame cannot bloat logs. */
export function clip(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
