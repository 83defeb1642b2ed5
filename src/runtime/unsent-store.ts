// The user's messages that the server has not confirmed yet, kept in sessionStorage (this tab only,
// gone with it) so that a reload, or removing the element, loses none of them: the next runtime of
// the same conversation puts them back and sends them once the replay has shown which arrived
// (their client_event_id matches the echo, so none is sent twice). Only the text and its id are
// kept — never a token. Storage that is full, disabled or throwing only turns this off.

export interface UnsentMessage {
  readonly clientEventId: string;
  readonly text: string;
  /** Gave up after MAX_SENDS: shown as failed again, sent only on the user's retry. */
  readonly failed: boolean;
}

export interface UnsentStore {
  load(sessionId: string): UnsentMessage[];
  /** Replaces what is kept for the session; an empty list forgets it. */
  save(sessionId: string, messages: readonly UnsentMessage[]): void;
}

const KEY_PREFIX = 'poly-chat:unsent:';
/** More than anyone types while offline; a bigger list in storage is not ours. */
const MAX_KEPT = 100;

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The browser's sessionStorage, or undefined where there is none (or it may not be touched). */
export function sessionUnsentStore(storage?: StorageLike): UnsentStore | undefined {
  let area: StorageLike | undefined = storage;
  try {
    area ??= globalThis.sessionStorage;
  } catch {
    return undefined; // a sandboxed frame throws on access
  }
  return area ? storageUnsentStore(area) : undefined;
}

export function storageUnsentStore(area: StorageLike): UnsentStore {
  return {
    load(sessionId) {
      try {
        return parseUnsent(area.getItem(KEY_PREFIX + sessionId));
      } catch {
        return [];
      }
    },
    save(sessionId, messages) {
      try {
        if (messages.length === 0) area.removeItem(KEY_PREFIX + sessionId);
        else area.setItem(KEY_PREFIX + sessionId, JSON.stringify(messages.map(({clientEventId, text, failed}) => ({clientEventId, text, failed}))));
      } catch {
        // Quota or a disabled store: the messages stay in memory, as without storage.
      }
    },
  };
}

/** Kept messages from their stored form; anything that is not exactly that form is ignored. */
export function parseUnsent(stored: string | null): UnsentMessage[] {
  if (stored === null) return [];
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return [];
  }
  if (!Array.isArray(value) || value.length > MAX_KEPT) return [];
  const messages: UnsentMessage[] = [];
  const ids = new Set<string>();
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const {clientEventId, text, failed} = item as Record<string, unknown>;
    if (typeof clientEventId !== 'string' || clientEventId === '' || typeof text !== 'string' || text.trim() === '') continue;
    if (ids.has(clientEventId)) continue;
    ids.add(clientEventId);
    messages.push({clientEventId, text, failed: failed === true});
  }
  return messages;
}
