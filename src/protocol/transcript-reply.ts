// Assembly of one agent reply, keyed by message_id (§7): streamed chunks in chunk_index order, a
// whole POLY_AGENT_MESSAGE / LIVE_AGENT_MESSAGE, or both (a consolidated replay of a streamed reply).
//
// Rules decided here:
// - Chunks are buffered by chunk_index whatever the base (0 or 1). A (message_id, chunk_index) seen
//   again under another event id is not appended twice (the lower sequence wins, so the result
//   does not depend on arrival order).
// - While streaming, the text shown is the run from the lowest index present in which nothing is
//   missing (consecutive indexes, or consecutive sequences: a numbering gap, Q17): a chunk after a
//   real gap waits in the buffer until the gap fills.
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
  readonly index: number;
  readonly text: string;
  readonly attachments: readonly WireAttachment[];
  readonly suggestions: readonly string[];
}

/**
 * The assembly state of one reply. It lives inline in the reply's transcript entry (one object per
 * message instead of three; see newReplyEntry in transcript-apply.ts for the initial values).
 */
export interface Reply {
  readonly messageId: string;
  /** Buffered chunks sorted by chunk_index, one per index; made on the first chunk. */
  parts: ChunkPart[] | null;
  /** How many parts, from the first, have consecutive indexes: what a stream shows. */
  run: number;
  /** chunk_index of the (first) is_complete chunk. */
  completeIndex: number | null;
  /** A newer reply exists: show every buffered chunk and call it complete. */
  superseded: boolean;
  /** The latest whole message (by position) and its position. */
  whole: WholeMessageEvent | null;
  wholeKey: Key | null;
  // What the chunks show, built only when the message is rendered: the first `shown` parts, to
  // which a read appends the parts that became visible since (arrays are never mutated once
  // shared). A chunk landing before them marks the content `stale`: rebuilt once, on the next read.
  shown: number;
  stale: boolean;
  text: string;
  attachments: readonly WireAttachment[];
  suggestions: readonly string[];
}

const NONE: readonly never[] = Object.freeze([]);
const NO_PARTS: readonly ChunkPart[] = NONE;
/** Up to this many parts, a reply's part array is copied at its exact size on each insertion. */
const EXACT_PARTS = 8;


function append(reply: Reply, part: ChunkPart): void {
  if (part.text !== '') reply.text += part.text;
  if (part.attachments.length > 0) reply.attachments = reply.attachments.concat(part.attachments);
  if (part.suggestions.length > 0) reply.suggestions = reply.suggestions.concat(part.suggestions);
}

/** Brings the content up to date (on read): appends the parts that became visible since. */
function refresh(reply: Reply): void {
  const parts = reply.parts;
  if (parts === null) return;
  if (reply.stale) {
    reply.stale = false;
    reply.shown = 0;
    reply.text = '';
    reply.attachments = NONE;
    reply.suggestions = NONE;
  }
  // Superseded: every buffered chunk, in index order; else the run of consecutive indexes.
  const target = reply.superseded ? parts.length : reply.run;
  while (reply.shown < target) append(reply, parts[reply.shown++] as ChunkPart);
}

/** First position in `parts` whose index is >= `index` (chunks usually arrive in order: try the end first). */
function positionOf(parts: readonly ChunkPart[], index: number): number {
  let hi = parts.length;
  if (hi === 0 || (parts[hi - 1] as ChunkPart).index < index) return hi;
  let lo = 0;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((parts[mid] as ChunkPart).index < index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `next` follows `previous` with nothing missing between: consecutive indexes, or (chunk_index need
 * not be gap-free, Q17) consecutive sequences, which leave no room for a chunk still to come.
 */
function follows(previous: ChunkPart, next: ChunkPart): boolean {
  return next.index === previous.index + 1 || (next.sub === 0 && previous.sub === 0 && next.pos === previous.pos + 1);
}

/** A part was inserted at `at`: extends the run of parts with nothing missing between (a new lowest restarts it). */
function extendRun(reply: Reply, parts: readonly ChunkPart[], at: number): void {
  if (at === 0) reply.run = 1;
  else if (at > reply.run) return; // after a gap: it waits in the buffer
  let run = reply.run;
  while (run < parts.length && follows(parts[run - 1] as ChunkPart, parts[run] as ChunkPart)) run++;
  reply.run = run;
}

/** Applies one chunk; false when it changed nothing (same index already applied). */
export function addChunk(reply: Reply, chunk: ChunkEvent, key: Key): boolean {
  const index = chunk.chunkIndex;
  let changed = false;
  if (chunk.isComplete && (reply.completeIndex === null || index < reply.completeIndex)) {
    reply.completeIndex = index;
    changed = true;
  }
  const parts = reply.parts ?? NO_PARTS;
  const at = positionOf(parts, index);
  const existing = parts[at];
  if (existing !== undefined && existing.index === index && compareKeys(key, existing) >= 0) return changed;
  const part: ChunkPart = {index, text: chunk.text, attachments: chunk.attachments, suggestions: chunk.suggestions, pos: key.pos, sub: key.sub};
  // Content already showing the parts from `at` on no longer matches: rebuild it when read.
  if (at < reply.shown) reply.stale = true;
  if (existing !== undefined && existing.index === index) {
    (reply.parts as ChunkPart[])[at] = part; // an earlier event for this index wins (the result does not depend on arrival order)
    return true;
  }
  reply.parts = withPart(parts, at, part);
  extendRun(reply, reply.parts, at);
  return true;
}

/**
 * `parts` with `part` inserted at `at`. A reply keeps its parts for the whole session and most
 * replies have one or a few, so small arrays are copied at their exact size (an array that is
 * pushed to reserves 16 spare slots; concat is a slow generic builtin); long streams grow in place.
 */
function withPart(parts: readonly ChunkPart[], at: number, part: ChunkPart): ChunkPart[] {
  if (parts.length >= EXACT_PARTS) {
    const grown = parts as ChunkPart[];
    grown.splice(at, 0, part);
    return grown;
  }
  if (parts.length === 0) return [part];
  const out = new Array<ChunkPart>(parts.length + 1);
  for (let i = 0; i < at; i++) out[i] = parts[i] as ChunkPart;
  out[at] = part;
  for (let i = at; i < parts.length; i++) out[i + 1] = parts[i] as ChunkPart;
  return out;
}

/** A whole message for this message_id; the latest one (by position) wins. */
export function setWhole(reply: Reply, event: WholeMessageEvent, key: Key): boolean {
  if (reply.wholeKey !== null && compareKeys(key, reply.wholeKey) <= 0) return false;
  reply.whole = event;
  reply.wholeKey = key;
  return true;
}

export function supersede(reply: Reply): boolean {
  if (reply.superseded) return false;
  reply.superseded = true;
  return true;
}

export function isReplyComplete(reply: Reply): boolean {
  if (reply.whole !== null || reply.superseded) return true;
  const end = reply.completeIndex;
  const parts = reply.parts;
  if (end === null || parts === null || reply.run === 0) return false;
  return (parts[0] as ChunkPart).index <= 1 && (parts[reply.run - 1] as ChunkPart).index >= end;
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
  const whole = reply.whole;
  if (whole !== null) {
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
  refresh(reply);
  return {
    live: false,
    text: reply.text,
    complete: isReplyComplete(reply),
    attachments: reply.attachments,
    suggestions: reply.suggestions,
    callActions: NONE,
  };
}
