// Builders for the five client events (§5) and their serialisation. Every event carries a payload
// object, `{}` when empty (§4.1: the server schema requires it); id/sequence/timestamp never.
import {CLIENT_EVENT_ID_KEY} from './wire-defaults.js';
import type {ClientEvent, CustomMetadata, TypingState} from './wire.js';

export function joinEvent(): ClientEvent {
  return {type: 'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN', payload: {}};
}

/**
 * `clientEventId` rides in metadata.custom.client_event_id and comes back on the echo (§4.3), next to
 * the host's page metadata (page-metadata.ts); the id is written last, so it is always the chat's.
 */
export function userMessageEvent(text: string, clientEventId: string, metadata?: CustomMetadata): ClientEvent {
  return {type: 'EVENT_TYPE_USER_MESSAGE', payload: {text}, metadata: {custom: {...metadata, [CLIENT_EVENT_ID_KEY]: clientEventId}}};
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

/** The text frame to send (message-size.ts measures it against the session's limit). */
export function encodeClientEvent(event: ClientEvent): string {
  return JSON.stringify(event);
}
