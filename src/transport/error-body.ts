// The error string in a non-2xx REST answer. Its JSON shape is undocumented (protocol §2.4), so
// take the first string among the shapes seen in the wild, else the raw text; always redacted.
import {isRecord, parseJson} from './json.js';
import {redactSecrets} from './redact.js';

const MAX_LENGTH = 200;
/** Keys whose string values are secrets when a server echoes them in an error body. */
const SECRET_KEY = /(token|secret|password|authorization)$/i;

/**
 * `message`, `error` (string), `error.message`, `error_message`, else the raw body; whitespace
 * collapsed, secrets redacted (the known ones and any value under a token-like key), at most 200 chars.
 * Undefined for an empty body.
 */
export function extractServerError(body: string, knownSecrets: readonly string[] = []): string | undefined {
  const json = parseJson(body);
  const parsed = json.ok ? json.value : undefined;
  const picked = pickErrorString(parsed) ?? body;
  const secrets = [...knownSecrets, ...secretValues(parsed, 0)];
  // Redact before truncating: a cut-off token would no longer match and would leak in part.
  const clean = redactSecrets(picked.replace(/\s+/g, ' ').trim(), secrets);
  if (clean === '') return undefined;
  return clean.length > MAX_LENGTH ? `${clean.slice(0, MAX_LENGTH - 1)}…` : clean;
}

function pickErrorString(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const {error} = value;
  const candidates = [value['message'], error, isRecord(error) ? error['message'] : undefined, value['error_message']];
  return candidates.find((candidate): candidate is string => typeof candidate === 'string' && candidate.trim() !== '');
}

function secretValues(value: unknown, depth: number): string[] {
  if (depth > 4 || typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    typeof inner === 'string' ? (SECRET_KEY.test(key) ? [inner] : []) : secretValues(inner, depth + 1),
  );
}
