// Protocol constants the element needs before the session chunk loads (protocol/wire.ts re-exports them).

/** §3.5 / §11.3 defaults, applied by decodeFrame when a capability is missing or invalid. */
export const DEFAULT_HEARTBEAT_INTERVAL_SECONDS = 30;
export const DEFAULT_MAX_MESSAGE_SIZE_BYTES = 131072;

/** The key of metadata.custom that correlates a user message with its echo (§4.3). */
export const CLIENT_EVENT_ID_KEY = 'client_event_id';
