// Builders for the five client events (§5) and their serialisation. Every event carries a payload
// object, `{}` when empty (§4.1: the server schema requires it); id/sequence/timestamp never.
import {CLIENT_EVENT_ID_KEY} from './wire.js';
import type {ClientEvent, TypingState} from './wire.js';

export function joinEvent(): ClientEvent {
  return {type: 'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN', payload: {}};
}

/** `clientEventId` rides in metadata.custom.client_event_id and comes back on the echo (§4.3). */
export function userMessageEvent(text: string, clientEventId: string): ClientEvent {
  return {type: 'EVENT_TYPE_USER_MESSAGE', payload: {text}, metadata: {custom: {[CLIENT_EVENT_ID_KEY]: clientEventId}}};
}

export function typingEvent(state: TypingState): ClientEvent {
  return {type: 'EVENT_TYPE_USER_TYPING', payload: {state}};
}

export function endSessionEvent(): ClientEvent {
  return {type: 'EVENT_TYPE_USER_END_SESSION', payload: {}};
}

export function heartbeatEvent(): ClientEvent {
  return {type: 'EVENT_TYPE_HEARTBEAT', payload: {}};
}

/** The text frame to send. Compare utf8ByteLength(result) with capabilities.maxMessageSizeBytes. */
export function encodeClientEvent(event: ClientEvent): string {
  return JSON.stringify(event);
}

/**
 * UTF-8 length of a JS string without TextEncoder (the pure core has no DOM/Node types). A lone
 * surrogate counts 3 bytes, as TextEncoder writes it as U+FFFD.
 */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
