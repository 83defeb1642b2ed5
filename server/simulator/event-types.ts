// Event type names (§5, §6.7) and the §8.3 system message strings, copied exactly: they are the wire contract.

export const CLIENT_EVENT_TYPES = [
  'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN',
  'EVENT_TYPE_USER_MESSAGE',
  'EVENT_TYPE_USER_TYPING',
  'EVENT_TYPE_USER_END_SESSION',
  'EVENT_TYPE_HEARTBEAT',
] as const;

export type ClientEventType = (typeof CLIENT_EVENT_TYPES)[number];

/** Known types a client may not send: "Event type not allowed: <type>" rather than "Unknown event type". */
export const SERVER_ONLY_EVENT_TYPES: ReadonlySet<string> = new Set([
  'EVENT_TYPE_EVENT_BATCH',
  'EVENT_TYPE_SESSION_START',
  'EVENT_TYPE_SESSION_END',
  'EVENT_TYPE_SYSTEM_MESSAGE',
  'EVENT_TYPE_LANGUAGE_CHANGED',
  'EVENT_TYPE_POLY_AGENT_JOINED',
  'EVENT_TYPE_POLY_AGENT_THINKING',
  'EVENT_TYPE_POLY_AGENT_MESSAGE',
  'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK',
  'EVENT_TYPE_POLY_AGENT_LEFT',
  'EVENT_TYPE_POLY_AGENT_TRIGGERED_HANDOFF',
  'EVENT_TYPE_LIVE_AGENT_JOINED',
  'EVENT_TYPE_LIVE_AGENT_TYPING',
  'EVENT_TYPE_LIVE_AGENT_MESSAGE',
  'EVENT_TYPE_LIVE_AGENT_LEFT',
  'EVENT_TYPE_HANDOFF_ACCEPTED',
  'EVENT_TYPE_HANDOFF_QUEUE_STATUS',
  'EVENT_TYPE_CLIENT_HANDOFF_REQUIRED',
  'EVENT_TYPE_HANDOFF_FAILED',
  'EVENT_TYPE_HANDOFF_TIMEOUT',
  // §6.5: in the schema, not sent by the server, and not allowed from clients either.
  'EVENT_TYPE_SESSION_IDLE_WARNING',
  'EVENT_TYPE_USER_RECEIVED_MESSAGE',
  'EVENT_TYPE_USER_READ_MESSAGE',
  'EVENT_TYPE_POLY_AGENT_RECEIVED_MESSAGE',
  'EVENT_TYPE_POLY_AGENT_READ_MESSAGE',
  'EVENT_TYPE_LIVE_AGENT_RECEIVED_MESSAGE',
  'EVENT_TYPE_LIVE_AGENT_READ_MESSAGE',
  'EVENT_TYPE_SHOW_CSAT_REQUEST',
  'EVENT_TYPE_CSAT_RESPONSE',
]);

/** Events sent with `sequence: null` and never stored (§4.2 test-server default). */
export const TRANSIENT_EVENT_TYPES: ReadonlySet<string> = new Set([
  'EVENT_TYPE_HEARTBEAT',
  'EVENT_TYPE_POLY_AGENT_THINKING',
  'EVENT_TYPE_LIVE_AGENT_TYPING',
]);

export const SYSTEM_ERRORS = {
  unknownEvent: 'Unknown event type or invalid message format',
  notAllowedPrefix: 'Event type not allowed: ',
  /** [S]-inspired: the SDKs know this string; the docs don't say what the server does (Q7). */
  tooLarge: 'Message too large',
  highLoad: 'Our system is experiencing high load. Please try again in a moment.',
  cannotStart: "Sorry, I'm unable to start a conversation right now. Please try again later.",
  cannotReply: "Sorry, I'm having trouble responding right now. Please try again.",
  streamFailed: 'Sorry, I encountered an error. Please try again.',
  sessionNotFound: 'Error: Session not found',
  cannotRetrieve: 'Error: Unable to retrieve session',
  connectorNotFound: 'Error: Connector not found',
  conversationNotFound: 'Error: Conversation not found',
  conversationIdNotFound: 'Error: Conversation ID not found in session',
  handoffConnect: 'Sorry, we could not connect you to an agent. Please try again.',
  forwardFailed: 'Failed to forward message to live agent',
  handoffNotInitiated: 'Sorry, handoff could not be initiated.',
} as const;

export const SESSION_END_REASONS = {
  userEnd: 'REASON_USER_END',
  abandoned: 'REASON_USER_ABANDONED',
  natural: 'REASON_NATURAL_END',
} as const;

/** Who chose a SESSION_END reason: the agent script, the server (user end, idle, endSession without reason) or the endSession command's own reason. */
export type EndedBy = 'agent' | 'server' | 'explicit';

/** endReasonStyle 'lowercase' (§11.3: the SDKs' free strings). */
const LOWERCASE_END_REASONS: Readonly<Record<string, string>> = {
  [SESSION_END_REASONS.userEnd]: 'user_ended',
  [SESSION_END_REASONS.abandoned]: 'abandoned',
  [SESSION_END_REASONS.natural]: 'agent_ended',
};

/** A SESSION_END payload under endReasonStyle (Q20); an explicit reason is never restyled. */
export function styleEndReason(
  payload: Record<string, unknown>,
  style: 'enum' | 'lowercase' | 'none',
  endedBy: EndedBy,
): Record<string, unknown> {
  if (style === 'enum' || endedBy === 'explicit') return payload;
  const {reason, ...rest} = payload;
  if (style === 'none') return rest;
  const natural = reason === SESSION_END_REASONS.natural && endedBy === 'server';
  const lower = natural ? 'normal' : LOWERCASE_END_REASONS[String(reason)];
  return {...rest, reason: lower ?? String(reason).toLowerCase()};
}

/** §3.3 handshake failure strings by HTTP status. */
export const HANDSHAKE_ERRORS: Readonly<Record<400 | 401 | 404 | 429, string>> = {
  400: 'invalid connection parameters',
  401: 'authentication failed',
  404: 'session not found',
  429: 'connection limit exceeded for session',
};

/** §2.2 / §2.3 REST error strings. */
export const REST_ERRORS = {
  missingAuthHeaders: 'Missing authentication headers',
  unknownConnector: 'Connector token does not exist',
  hostMismatch: 'Failed to validate connector',
  connectorWithoutHost: 'Connector missing host domain',
  tokenMintFailed: 'Failed to create access token',
  missingAccessToken: 'Missing access token',
  invalidAccessToken: 'Invalid access token',
  badBody: 'Error parsing request',
  sessionCreateFailed: 'Failed to create session',
  /** Not documented; used for the rate-limit scenario. */
  rateLimited: 'Too many requests',
} as const;
