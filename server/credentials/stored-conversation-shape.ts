import type {StoredConversation} from './conversation-store.js';

/** Whether a value read back (a sealed cookie, a Redis entry) is a whole StoredConversation. */
export function isStoredConversation(value: unknown): value is StoredConversation {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.sessionId === 'string' &&
    typeof v.accessToken === 'string' &&
    typeof v.expiresAt === 'number' &&
    typeof v.streaming === 'boolean' &&
    typeof v.baseUrl === 'string' &&
    (v.startedAt === undefined || typeof v.startedAt === 'number')
  );
}

/** The conversation in a JSON text, or undefined when it is not one. */
export function parseStoredConversation(text: string): StoredConversation | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isStoredConversation(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
