// Assembly of one agent reply, keyed by message_id (§7): streamed chunks in chunk_index order, a
// whole POLY_AGENT_MESSAGE / LIVE_AGENT_MESSAGE, or both (a consolidated replay of a streamed reply).
//
// Rules decided here:
// - Chunks are buffered by chunk_index whatever the base (0 or 1). A (message_id, chunk_index) seen
//   again under another event id is not appended twice (the lower sequence wins, so the result
//   does not depend on arrival order).
// - While streaming, the text shown is the run of consecutive indexes from the lowest one present:
//   a chunk after a gap waits in the buffer until the gap fills.
// - Complete = the is_complete chunk is applied, every index from the lowest one up to it is
//   present, and the lowest is 0 or 1 (so index 0 is never "missing" for a 1-based stream).
//   A reply that never completes is finalised as-is (all buffered chunks, in index order) once a
//   newer reply exists ("superseded").
// - A whole message for the same message_id wins over the chunks (the latest whole one, by position).
import type {CallAction, ServerEvent, WireAttachment} from './wire.js';
import {compareKeys} from './transcript-order.js';
import type {Key} from './transcript-order.js';

export type WholeMessageEvent = Extract<ServerEvent, {type: 'EVENT_TYPE_POLY_AGENT_MESSAGE' | 'EVENT_TYPE_LIVE_AGENT_MESSAGE'}>;
export type ChunkEvent = Extract<ServerEvent, {type: 'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK'}>;

/** One buffered chunk; its position (pos, sub) inline, so a chunk costs one object, not two. */
interface ChunkPart extends Key {
  readonly text: string;
  readonly attachments: readonly WireAttachment[];
  readonly suggestions: readonly string[];
}

export interface Reply {
  readonly messageId: string;
  /** By chunk_index; made on the first chunk (a whole message never needs one). */
  chunks: Map<number, ChunkPart> | null;
  /** Lowest chunk_index present (Infinity: none). */
  lowest: number;
  /** chunk_index of the (first) is_complete chunk. */
  completeIndex: number | null;
  /** A newer reply exists: show every buffered chunk and call it complete. */
  superseded: boolean;
  whole: {readonly event: WholeMessageEvent; readonly key: Key} | null;
  // What the chunks show (kept incrementally; arrays are never mutated once shared):
  shownUpTo: number;
  text: string;
  attachments: readonly WireAttachment[];
  suggestions: readonly string[];
}

const NONE: readonly never[] = Object.freeze([]);

export function createReply(messageId: string): Reply {
  return {
    messageId,
    chunks: null,
    lowest: Infinity,
    completeIndex: null,
    superseded: false,
    whole: null,
    shownUpTo: -1,
    text: '',
    attachments: NONE,
    suggestions: NONE,
  };
}

function append(reply: Reply, part: ChunkPart): void {
  if (part.text !== '') reply.text += part.text;
  if (part.attachments.length > 0) reply.attachments = reply.attachments.concat(part.attachments);
  if (part.suggestions.length > 0) reply.suggestions = reply.suggestions.concat(part.suggestions);
}

function rebuild(reply: Reply): void {
  reply.text = '';
  reply.attachments = NONE;
  reply.suggestions = NONE;
  if (reply.superseded) {
    const chunks = reply.chunks;
    if (chunks === null) return;
    const indexes = [...chunks.keys()].sort((a, b) => a - b);
    for (const index of indexes) append(reply, chunks.get(index) as ChunkPart);
    reply.shownUpTo = indexes[indexes.length - 1] ?? -1;
    return;
  }
  let index = reply.lowest;
  const chunks = reply.chunks;
  if (chunks === null) return;
  for (let part = chunks.get(index); part !== undefined; part = chunks.get(++index)) append(reply, part);
  reply.shownUpTo = index - 1;
}

/** Applies one chunk; false when it changed nothing (same index already applied). */
export function addChunk(reply: Reply, chunk: ChunkEvent, key: Key): boolean {
  const index = chunk.chunkIndex;
  const part: ChunkPart = {text: chunk.text, attachments: chunk.attachments, suggestions: chunk.suggestions, pos: key.pos, sub: key.sub};
  const chunks = (reply.chunks ??= new Map());
  const existing = chunks.get(index);
  let changed = false;
  if (chunk.isComplete && (reply.completeIndex === null || index < reply.completeIndex)) {
    reply.completeIndex = index;
    changed = true;
  }
  if (existing !== undefined) {
    if (compareKeys(key, existing) >= 0) return changed;
    chunks.set(index, part);
    rebuild(reply);
    return true;
  }
  chunks.set(index, part);
  if (index < reply.lowest) {
    reply.lowest = index;
    rebuild(reply);
  } else if (reply.superseded) {
    rebuild(reply);
  } else if (index === reply.shownUpTo + 1) {
    // The usual in-order case: append, then take any buffered successors.
    append(reply, part);
    let next = index + 1;
    for (let buffered = chunks.get(next); buffered !== undefined; buffered = chunks.get(++next)) append(reply, buffered);
    reply.shownUpTo = next - 1;
  }
  return true;
}

/** A whole message for this message_id; the latest one (by position) wins. */
export function setWhole(reply: Reply, event: WholeMessageEvent, key: Key): boolean {
  if (reply.whole !== null && compareKeys(key, reply.whole.key) <= 0) return false;
  reply.whole = {event, key};
  return true;
}

export function supersede(reply: Reply): boolean {
  if (reply.superseded) return false;
  reply.superseded = true;
  rebuild(reply);
  return true;
}

export function isReplyComplete(reply: Reply): boolean {
  if (reply.whole !== null || reply.superseded) return true;
  const end = reply.completeIndex;
  return end !== null && reply.lowest <= 1 && reply.shownUpTo >= end;
}

export interface ReplyContent {
  readonly live: boolean;
  readonly text: string;
  readonly complete: boolean;
  readonly attachments: readonly WireAttachment[];
  readonly suggestions: readonly string[];
  readonly callActions: readonly CallAction[];
  readonly agentName?: string;
  readonly avatarUrl?: string;
  readonly agentId?: string;
}

export function replyContent(reply: Reply): ReplyContent {
  const whole = reply.whole?.event;
  if (whole !== undefined) {
    return {
      live: whole.type === 'EVENT_TYPE_LIVE_AGENT_MESSAGE',
      text: whole.text,
      complete: true,
      attachments: whole.attachments,
      suggestions: whole.suggestions,
      callActions: whole.callActions,
      agentName: whole.agentName,
      avatarUrl: whole.avatarUrl,
      agentId: whole.agentId,
    };
  }
  return {
    live: false,
    text: reply.text,
    complete: isReplyComplete(reply),
    attachments: reply.attachments,
    suggestions: reply.suggestions,
    callActions: NONE,
  };
}
