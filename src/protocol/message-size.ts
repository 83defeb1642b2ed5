// Whether a user message fits the session's limit (§3.5 max_message_size_bytes): the one size
// check, used by the composer (to say so before sending) and the runtime (to refuse it). The limit
// is about the frame, so the JSON around the text counts too, and so does the page metadata.
import {encodeClientEvent, userMessageEvent} from './encode.js';
import {utf8ByteLength} from './utf8.js';
import type {CustomMetadata} from './wire.js';

/** A client_event_id of the length the runtime uses (a UUID), for measuring. */
const SAMPLE_CLIENT_EVENT_ID = '00000000-0000-0000-0000-000000000000';

/** UTF-8 bytes of the USER_MESSAGE frame that would carry `text` (and `metadata`). */
function messageFrameBytes(text: string, metadata: CustomMetadata | undefined): number {
  return utf8ByteLength(encodeClientEvent(userMessageEvent(text, SAMPLE_CLIENT_EVENT_ID, metadata)));
}

export function exceedsMessageLimit(text: string, limitBytes: number, metadata?: CustomMetadata): boolean {
  // Cheap bound first: every UTF-16 unit is at least one byte, at most three.
  if (text.length > limitBytes) return true;
  return messageFrameBytes(text, metadata) > limitBytes;
}
