// How a socket frame is decoded: whole (every ordinary frame), or — a history replay of thousands of
// events in one EVENT_TYPE_EVENT_BATCH (§3.4) — parsed once and decoded slice by slice, each slice in
// the task that applies it. Decoding a 5,000-event batch in one go costs as much as applying it
// (tens of ms before any JIT warm-up, far more on a busy machine): decoded in slices, the first task
// holds the parse and one slice only.
import {DEFAULT_MAX_INBOUND_FRAME_BYTES, batchElementsOf, decodeFrame, decodeValue} from '../protocol/decode-frame.js';
import type {DecodeResult} from '../protocol/decode-frame.js';

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

