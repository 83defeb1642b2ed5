// What a launcher remembers across the pages of one visit (sessionStorage: this tab only, gone
// with it): whether its panel was open and how many messages were unread, for one conversation.
// Only those two facts and the conversation's id are kept — never a token, never a message.
// Storage that is missing, disabled, full or throwing only turns this memory off.

export interface LauncherRecord {
  /** The conversation the record belongs to; null while its id was not known yet. */
  readonly session: string | null;
  readonly open: boolean;
  readonly unread: number;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

const KEY_PREFIX = 'poly-chat:launcher:';
/** More than a badge shows (99+); a bigger number in storage is not ours. */
const MAX_UNREAD = 999;

/** The record's key for a conversation source (the endpoint, or the credentials callback). */
export function launcherRecordKey(source: string): string {
  return KEY_PREFIX + source;
}

/** A record from its stored form; anything that is not exactly that form is no record. */
export function parseLauncherRecord(stored: string | null): LauncherRecord | null {
  if (stored === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const {session, open, unread} = value as Record<string, unknown>;
  if (session !== null && (typeof session !== 'string' || session === '')) return null;
  if (typeof open !== 'boolean') return null;
  if (typeof unread !== 'number' || !Number.isInteger(unread) || unread < 0 || unread > MAX_UNREAD) return null;
  return {session, open, unread};
}

export function serializeLauncherRecord(record: LauncherRecord): string {
  return JSON.stringify({
    session: record.session,
    open: record.open,
    unread: record.unread,
  });
}

export function readLauncherRecord(storage: StorageLike | null, key: string): LauncherRecord | null {
  try {
    return parseLauncherRecord(storage?.getItem(key) ?? null);
  } catch {
    return null;
  }
}

export function writeLauncherRecord(storage: StorageLike | null, key: string, record: LauncherRecord): void {
  try {
    storage?.setItem(key, serializeLauncherRecord(record));
  } catch {
    // Quota or a disabled store: the next page starts closed, as without storage.
  }
}
