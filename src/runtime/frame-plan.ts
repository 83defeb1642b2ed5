// How a socket frame is decoded: whole (every ordinary frame), or — a long history replay in one
// EVENT_TYPE_EVENT_BATCH (§3.4) — parsed once and decoded slice by slice, each slice in the task that
// applies it, the newest first (session-runtime.ts applySliced). Decoding a 5,000-event batch in one
// go costs as much as applying it (tens of ms before any JIT warm-up): the first task holds the
// parse and the newest slice only.
import {DEFAULT_MAX_INBOUND_FRAME_BYTES, batchElementsOf, decodeFrame, decodeValue} from '../protocol/decode-frame.js';
import type {DecodeResult} from '../protocol/decode-frame.js';
import {MESSAGE_EVENT_TYPES} from '../protocol/wire.js';
import type {ServerEventType} from '../protocol/wire.js';

/**
 * Under this many characters a frame cannot hold a batch worth slicing (an event takes far more
 * than 20 characters): it goes straight to decodeFrame, never parsed twice.
 */
const CHARS_PER_EVENT_AT_LEAST = 20;

export type FramePlan =
  /** Decoded in one go (also every frame that is not valid, with the decoder's own diagnosis). */
  | {readonly sliced: false; readonly decoded: DecodeResult}
  /** A batch of more than `minEvents` events: its raw elements, for decodeBatchElements(), a slice at a time. */
  | {readonly sliced: true; readonly elements: readonly unknown[]};

/** Decides how to decode `data`; a batch of more than `minEvents` events is left to decodeBatchElements(). */
export function planFrame(data: unknown, minEvents: number): FramePlan {
  // Only frames long enough for such a batch, and surely within the decoder's size limit (UTF-8
  // needs at most 3 bytes per UTF-16 unit), are parsed here; the decoder judges everything else.
  if (typeof data !== 'string' || data.length <= minEvents * CHARS_PER_EVENT_AT_LEAST || data.length * 3 > DEFAULT_MAX_INBOUND_FRAME_BYTES) {
    return {sliced: false, decoded: decodeFrame(data)};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return {sliced: false, decoded: decodeFrame(data)};
  }
  const elements = batchElementsOf(parsed);
  if (elements !== undefined && elements.length > minEvents) return {sliced: true, elements};
  return {sliced: false, decoded: decodeValue(parsed)};
}

const CHUNK: ServerEventType = 'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK';

/**
 * Where the newest slice of a long batch starts, for applying it first: its last `size` elements,
 * moved back so that it does not begin inside a run of streamed chunks (shown first, a reply would
 * lack its beginning for a frame), but never to more than `maxSize` elements. A transient event
 * (sequence null) is placed by what arrived before it, so a batch with one among its older
 * elements goes in order: the returned start is then the end (no newest slice).
 */
export function newestSliceStart(elements: readonly unknown[], size: number, maxSize: number): number {
  const floor = Math.max(0, elements.length - maxSize);
  let start = Math.max(floor, elements.length - size);
  while (start > floor && typeOf(elements[start]) === CHUNK && typeOf(elements[start - 1]) === CHUNK) start--;
  for (let i = 0; i < start; i++) if (typeof field(elements[i], 'sequence') !== 'number') return elements.length;
  return start;
}

/**
 * The elements before `end` that are not plain messages (session start, joins, handoff, language,
 * notices…): applied with the newest slice, so what it shows already has its final agent, handoff
 * and language; only older messages follow. There are few of them in a conversation.
 */
export function stateElements(elements: readonly unknown[], end: number): unknown[] {
  const found: unknown[] = [];
  for (let i = 0; i < end; i++) if (!MESSAGE_EVENT_TYPES.has(typeOf(elements[i]) as string)) found.push(elements[i]);
  return found;
}

function typeOf(element: unknown): unknown {
  return field(element, 'type');
}

function field(element: unknown, name: string): unknown {
  return typeof element === 'object' && element !== null ? (element as Record<string, unknown>)[name] : undefined;
}
