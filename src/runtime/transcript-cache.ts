// The current conversation's transcript, kept per tab (sessionStorage: this tab only, gone with it)
// so that the next page of the site shows it as soon as its chat runs, before the credentials, the
// socket and the replay answer. Kept per conversation source (the endpoint, or the credentials
// callback), with the conversation's id: the replay decides, and a cache of another conversation is
// dropped. Only messages the server has confirmed are kept (what is still being sent is the unsent
// store's), as they are shown: never a token, nothing from the credentials answer. Bounded: the
// newest MAX_CACHED_MESSAGES, a very long text cut (the replay brings it whole), and at most
// MAX_CACHED_CHARS in all. Storage that is full, disabled or throwing only turns this off.
import {pageSessionStorage} from './page-storage.js';
import type {PolyChatMessage} from '../protocol/message.js';
import {hasPageOnlyId} from '../protocol/synthetic-id.js';
import type {TranscriptSeed} from '../protocol/transcript.js';

export type CachedTranscript = TranscriptSeed;

export interface TranscriptCache {
  read(source: string): CachedTranscript | null;
  write(source: string, transcript: CachedTranscript): void;
  clear(source: string): void;
}

const KEY_PREFIX = 'poly-chat:transcript:';
export const MAX_CACHED_MESSAGES = 200;
/**
 * A longer text is kept cut to this many characters (and marked `truncated`). Above the view's
 * collapse threshold (long-text.ts), so the collapsed preview looks the same until the replay
 * brings the whole text.
 */
export const MAX_CACHED_TEXT_CHARS = 4_000;
/** All the cache may take (UTF-16 code units, as storage quotas count): the oldest messages go first. */
export const MAX_CACHED_CHARS = 256 * 1024;

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function transcriptCacheKey(source: string): string {
  return KEY_PREFIX + source;
}

let pageCache: TranscriptCache | null | undefined;

/** The page's cache over sessionStorage, or undefined where there is none (or it may not be touched). */
export function sessionTranscriptCache(): TranscriptCache | undefined {
  if (pageCache === undefined) {
    const area = pageSessionStorage();
    pageCache = area ? storageTranscriptCache(area) : null;
  }
  return pageCache ?? undefined;
}

export function storageTranscriptCache(area: StorageLike): TranscriptCache {
  const remove = (source: string): void => {
    try {
      area.removeItem(transcriptCacheKey(source));
    } catch {
      // A disabled store: nothing was kept.
    }
  };
  return {
    read(source) {
      try {
        return parseCachedTranscript(area.getItem(transcriptCacheKey(source)));
      } catch {
        return null;
      }
    },
    write(source, transcript) {
      const stored = serializeCachedTranscript(transcript);
      if (stored === null) return remove(source);
      try {
        area.setItem(transcriptCacheKey(source), stored);
      } catch {
        // Quota: an older copy would show less than the conversation has; the next page waits for the replay instead.
        remove(source);
      }
    },
    clear: remove,
  };
}

/**
 * Whether a message is kept: what the server confirmed, complete, and that the next page's replay
 * can take over (an event without id nor sequence gets an id of this page only: kept, it would show twice).
 */
function cacheable(message: PolyChatMessage): boolean {
  const confirmed = message.role !== 'user' || message.delivery === undefined || message.delivery === 'sent';
  return message.complete && confirmed && !hasPageOnlyId(message.id);
}

/** The stored form: the newest messages within the caps, or null when there is nothing to keep. */
export function serializeCachedTranscript(transcript: CachedTranscript): string | null {
  const kept: string[] = [];
  let chars = 0;
  const {messages} = transcript;
  for (let i = messages.length - 1; i >= 0 && kept.length < MAX_CACHED_MESSAGES; i--) {
    const message = messages[i] as PolyChatMessage;
    if (!cacheable(message)) continue;
    const long = message.text.length > MAX_CACHED_TEXT_CHARS;
    const json = JSON.stringify(long ? {...message, text: message.text.slice(0, MAX_CACHED_TEXT_CHARS), truncated: true} : message);
    if (chars + json.length > MAX_CACHED_CHARS) break;
    chars += json.length;
    kept.push(json);
  }
  if (kept.length === 0) return null;
  const head = JSON.stringify({session: transcript.sessionId, segment: transcript.segment});
  return `${head.slice(0, -1)},"messages":[${kept.reverse().join(',')}]}`;
}

const isString = (value: unknown): boolean => typeof value === 'string';
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringRecord = (value: unknown): boolean => isObject(value) && Object.values(value).every(isString);
const oneOf =
  (...allowed: unknown[]) =>
  (value: unknown): boolean =>
    allowed.includes(value);
const listOf =
  (item: (value: unknown) => boolean) =>
  (value: unknown): boolean =>
    Array.isArray(value) && value.every(item);
const isContentType = oneOf('url', 'image', 'unknown');

/** Every field a kept message may have, and what its value must be (complete, confirmed: see `cacheable`). */
const MESSAGE_FIELDS: Readonly<Record<string, (value: unknown) => boolean>> = {
  id: (value) => typeof value === 'string' && value !== '',
  role: oneOf('user', 'agent', 'live-agent', 'system'),
  text: isString,
  complete: oneOf(true),
  attachments: listOf((value) => isStringRecord(value) && isContentType((value as {contentType?: unknown}).contentType)),
  suggestions: listOf(isString),
  sequence: (value) => Number.isSafeInteger(value) && (value as number) >= 0,
  timestamp: isString,
  delivery: oneOf('sent'),
  author: isString,
  avatarUrl: isString,
  callActions: listOf((value) => isStringRecord(value) && isString((value as {title?: unknown}).title) && isString((value as {contactNumber?: unknown}).contactNumber)),
  clientEventId: isString,
  level: oneOf('info', 'warning', 'error'),
  noticeKey: isString,
  noticeParams: isStringRecord,
  truncated: oneOf(true),
};
const REQUIRED = ['id', 'role', 'text', 'complete', 'attachments', 'suggestions'];

/** Exactly the form written here: known fields with valid values, the required ones present. */
function isCachedMessage(value: unknown): value is PolyChatMessage {
  return (
    isObject(value) &&
    REQUIRED.every((field) => field in value) &&
    Object.entries(value).every(([field, item]) => Object.hasOwn(MESSAGE_FIELDS, field) && (MESSAGE_FIELDS[field] as (value: unknown) => boolean)(item))
  );
}

/**
 * The cached transcript from its stored form. The storage is shared with every script of the
 * origin: anything that is not exactly the form written here is no cache (one malformed message
 * drops the whole record rather than show a conversation with holes).
 */
export function parseCachedTranscript(stored: string | null): CachedTranscript | null {
  if (stored === null || stored.length > MAX_CACHED_CHARS * 2) return null;
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return null;
  }
  if (!isObject(value)) return null;
  const {session, segment, messages} = value;
  if (typeof session !== 'string' || session === '' || !Number.isSafeInteger(segment) || (segment as number) < 0) return null;
  if (!Array.isArray(messages) || messages.length === 0 || messages.length > MAX_CACHED_MESSAGES || !messages.every(isCachedMessage)) return null;
  if (new Set(messages.map((message) => message.id)).size !== messages.length) return null;
  return {sessionId: session, segment: segment as number, messages};
}
