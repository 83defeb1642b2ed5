// The user's messages that the server has not confirmed yet, kept in sessionStorage (this tab only,
// gone with it) so that a reload, or removing the element, loses none of them: the next runtime of
// the same conversation puts them back and sends them once the replay has shown which arrived
// (their client_event_id matches the echo, so none is sent twice). Only the text, its id and the
// page metadata it was sent with are kept — never a token. Storage that is full, disabled or throwing only turns this off.

import {pageSessionStorage} from './page-storage.js';
import type {CustomMetadata} from '../protocol/wire.js';

export interface UnsentMessage {
  readonly clientEventId: string;
  readonly text: string;
  /** Page metadata it was sent with (a reload must not change it). */
  readonly metadata?: CustomMetadata;
  /** Gave up after MAX_SENDS: shown as failed again, sent only on the user's retry. */
  readonly failed: boolean;
  /** It was written to a socket: the replay may hold its echo (without client_event_id: by text). */
  readonly wentOut: boolean;
}

/**
 * Kept messages per conversation, shared by the runtimes of one page: two elements of the same
 * conversation (a launcher and an inline chat) each keep their own messages without dropping the
 * other's, and a kept message is taken back by one runtime only, so it is never sent twice.
 */
export interface UnsentStore {
  /** The kept messages of the conversation that no other runtime holds; `owner` holds them now. */
  take(sessionId: string, owner: object): UnsentMessage[];
  /** `owner`'s unconfirmed messages of the conversation are now `messages` (the others' stay kept). */
  keep(sessionId: string, owner: object, messages: readonly UnsentMessage[]): void;
  /** `owner` is gone: what it kept stays, for whichever runtime comes next. */
  release(owner: object): void;
}

const KEY_PREFIX = 'poly-chat:unsent:';
/** More than anyone types while offline; a bigger list in storage is not ours. */
const MAX_KEPT = 100;

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

let pageStore: UnsentStore | null | undefined;

/** The page's store over sessionStorage, or undefined where there is none (or it may not be touched). */
export function sessionUnsentStore(): UnsentStore | undefined {
  if (pageStore === undefined) {
    const area = pageSessionStorage();
    pageStore = area ? storageUnsentStore(area) : null;
  }
  return pageStore ?? undefined;
}

export function storageUnsentStore(area: StorageLike): UnsentStore {
  /** Which runtime holds each kept message (by client_event_id). */
  const holders = new Map<string, object>();
  const read = (sessionId: string): UnsentMessage[] => {
    try {
      return parseUnsent(area.getItem(KEY_PREFIX + sessionId));
    } catch {
      return [];
    }
  };
  const write = (sessionId: string, messages: readonly UnsentMessage[]): void => {
    try {
      if (messages.length === 0) area.removeItem(KEY_PREFIX + sessionId);
      else area.setItem(KEY_PREFIX + sessionId, JSON.stringify(messages.map(({clientEventId, text, metadata, failed, wentOut}) => ({clientEventId, text, metadata, failed, wentOut}))));
    } catch {
      // Quota or a disabled store: the messages stay in memory, as without storage.
    }
  };
  return {
    take(sessionId, owner) {
      const free = read(sessionId).filter((message) => !holders.has(message.clientEventId));
      for (const message of free) holders.set(message.clientEventId, owner);
      return free;
    },
    keep(sessionId, owner, messages) {
      const mine = new Set(messages.map((message) => message.clientEventId));
      const others = read(sessionId).filter((message) => holders.get(message.clientEventId) !== owner && !mine.has(message.clientEventId));
      for (const [id, holder] of holders) if (holder === owner && !mine.has(id)) holders.delete(id);
      for (const id of mine) holders.set(id, owner);
      write(sessionId, [...others, ...messages]);
    },
    release(owner) {
      for (const [id, holder] of holders) if (holder === owner) holders.delete(id);
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
    const {clientEventId, text, metadata, failed, wentOut} = item as Record<string, unknown>;
    if (typeof clientEventId !== 'string' || clientEventId === '' || typeof text !== 'string' || text.trim() === '') continue;
    if (metadata !== undefined && !isStringRecord(metadata)) continue;
    if (ids.has(clientEventId)) continue;
    ids.add(clientEventId);
    // Kept by a version that did not say: it may have gone out.
    messages.push({clientEventId, text, ...(metadata ? {metadata} : {}), failed: failed === true, wentOut: wentOut !== false});
  }
  return messages;
}

function isStringRecord(value: unknown): value is CustomMetadata {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((item) => typeof item === 'string');
}
