// Wire vocabulary of PolyAI's Messaging protocol (shared/protocol.md §4–§7): event type names and
// the normalised shapes decodeFrame() produces. Pure types and constants; no DOM, no runtime code.

/** The five events a client may send (§5). Anything else is rejected by the server. */
export type ClientEventType =
  | 'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN'
  | 'EVENT_TYPE_USER_MESSAGE'
  | 'EVENT_TYPE_USER_TYPING'
  | 'EVENT_TYPE_USER_END_SESSION'
  | 'EVENT_TYPE_HEARTBEAT';

export type TypingState = 'TYPING_STATE_STARTED' | 'TYPING_STATE_STOPPED';

/** `metadata.custom`: string key/values the server echoes back (§4.1). */
export type CustomMetadata = Readonly<Record<string, string>>;

export type ClientEvent =
  | {type: 'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN'; payload: Record<string, never>; metadata?: {custom: CustomMetadata}}
  | {type: 'EVENT_TYPE_USER_MESSAGE'; payload: {text: string}; metadata?: {custom: CustomMetadata}}
  | {type: 'EVENT_TYPE_USER_TYPING'; payload: {state: TypingState}; metadata?: {custom: CustomMetadata}}
  | {type: 'EVENT_TYPE_USER_END_SESSION'; payload: Record<string, never>; metadata?: {custom: CustomMetadata}}
  | {type: 'EVENT_TYPE_HEARTBEAT'; payload: Record<string, never>; metadata?: {custom: CustomMetadata}};

/** Server event types the client understands (§6.7), echoes of client events included. */
export const SERVER_EVENT_TYPES = [
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
  'EVENT_TYPE_USER_MESSAGE',
  'EVENT_TYPE_USER_END_SESSION',
  'EVENT_TYPE_HEARTBEAT',
  'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN',
] as const;

export type ServerEventType = (typeof SERVER_EVENT_TYPES)[number];

/**
 * Events that add a message to the transcript and set no agent, handoff or language state (the
 * joins, handoff events and notices that do are separate events). The typing they clear and an
 * end_conversation flag matter only when they are the newest.
 */
export const MESSAGE_EVENT_TYPES: ReadonlySet<string> = new Set<ServerEventType>([
  'EVENT_TYPE_USER_MESSAGE',
  'EVENT_TYPE_POLY_AGENT_MESSAGE',
  'EVENT_TYPE_LIVE_AGENT_MESSAGE',
  'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK',
]);

/** Schema types the server does not send yet (§6.5): decoded as known-but-ignored, never an error. */
export const IGNORED_EVENT_TYPES = [
  'EVENT_TYPE_SESSION_IDLE_WARNING',
  'EVENT_TYPE_USER_RECEIVED_MESSAGE',
  'EVENT_TYPE_USER_READ_MESSAGE',
  'EVENT_TYPE_POLY_AGENT_RECEIVED_MESSAGE',
  'EVENT_TYPE_POLY_AGENT_READ_MESSAGE',
  'EVENT_TYPE_LIVE_AGENT_RECEIVED_MESSAGE',
  'EVENT_TYPE_LIVE_AGENT_READ_MESSAGE',
  'EVENT_TYPE_SHOW_CSAT_REQUEST',
  'EVENT_TYPE_CSAT_RESPONSE',
] as const;

export type IgnoredEventType = (typeof IGNORED_EVENT_TYPES)[number];

/** Documented SESSION_END reasons (§6.4). Other strings may arrive and are kept as they are. */
export const SESSION_END_REASONS = ['REASON_USER_END', 'REASON_USER_ABANDONED', 'REASON_NATURAL_END'] as const;

/** SESSION_END without a usable reason gets this one, so "ended" is never an empty string. */
export const UNSPECIFIED_END_REASON = 'REASON_UNSPECIFIED';

// In a module of their own: the element (first-load bundle) needs them, and a module is placed
// whole, so importing them from here would put the event type lists above in the bundle too.
export {CLIENT_EVENT_ID_KEY, DEFAULT_HEARTBEAT_INTERVAL_SECONDS, DEFAULT_MAX_MESSAGE_SIZE_BYTES} from './wire-defaults.js';

export interface Capabilities {
  readonly streaming: boolean;
  /** Largest frame the client may send; 131072 per the docs when absent or invalid. */
  readonly maxMessageSizeBytes: number;
  /** Suggested reconnect budget; null when 0, missing or invalid (§11.3: use our own budget). */
  readonly maxReconnectAttempts: number | null;
  /** 0 = heartbeats off; missing/invalid = 30 (§11.3). */
  readonly heartbeatIntervalSeconds: number;
}

export interface WireAttachment {
  readonly title?: string;
  readonly previewImageUrl?: string;
  readonly contentUrl?: string;
  readonly contentType: 'url' | 'image' | 'unknown';
  readonly callToActionText?: string;
}

export interface CallAction {
  readonly title: string;
  readonly contactNumber: string;
}

export type SystemMessageLevel = 'info' | 'warning' | 'error';

/**
 * A decoded server event, normalised: camelCase payloads, [S] variants (oneof-style nested
 * payloads, flat live-agent fields, legacy queue `position`) folded into one shape, defaults filled.
 */
export type ServerEventBody =
  | {type: 'EVENT_TYPE_SESSION_START'; capabilities: Capabilities}
  | {type: 'EVENT_TYPE_SESSION_END'; reason: string}
  | {type: 'EVENT_TYPE_SYSTEM_MESSAGE'; level: SystemMessageLevel; message: string}
  | {type: 'EVENT_TYPE_LANGUAGE_CHANGED'; languageCode: string}
  | {type: 'EVENT_TYPE_POLY_AGENT_JOINED'; agentName?: string; avatarUrl?: string}
  | {type: 'EVENT_TYPE_POLY_AGENT_THINKING'}
  | {
      type: 'EVENT_TYPE_POLY_AGENT_MESSAGE' | 'EVENT_TYPE_LIVE_AGENT_MESSAGE';
      messageId: string;
      text: string;
      attachments: readonly WireAttachment[];
      suggestions: readonly string[];
      callActions: readonly CallAction[];
      agentName?: string;
      agentId?: string;
      avatarUrl?: string;
      endConversation: boolean;
    }
  | {
      type: 'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK';
      messageId: string;
      text: string;
      attachments: readonly WireAttachment[];
      suggestions: readonly string[];
      chunkIndex: number;
      isComplete: boolean;
    }
  | {type: 'EVENT_TYPE_POLY_AGENT_LEFT'; reason?: string}
  | {type: 'EVENT_TYPE_POLY_AGENT_TRIGGERED_HANDOFF'}
  | {type: 'EVENT_TYPE_LIVE_AGENT_JOINED'; agentId?: string; agentName?: string; avatarUrl?: string}
  | {type: 'EVENT_TYPE_LIVE_AGENT_TYPING'; state: TypingState; agentId?: string; agentName?: string}
  | {type: 'EVENT_TYPE_LIVE_AGENT_LEFT'; agentId?: string; agentName?: string; reason?: string}
  | {type: 'EVENT_TYPE_HANDOFF_ACCEPTED'; queueName?: string}
  | {
      type: 'EVENT_TYPE_HANDOFF_QUEUE_STATUS';
      queueName?: string;
      positionInQueue?: number;
      estimatedWaitSeconds?: number;
      displayMessage?: string;
    }
  | {type: 'EVENT_TYPE_CLIENT_HANDOFF_REQUIRED'; reason?: string; queueName?: string; route?: string}
  | {type: 'EVENT_TYPE_HANDOFF_FAILED' | 'EVENT_TYPE_HANDOFF_TIMEOUT'; reason?: string}
  | {type: 'EVENT_TYPE_USER_MESSAGE'; text: string; messageId?: string}
  | {type: 'EVENT_TYPE_USER_END_SESSION' | 'EVENT_TYPE_HEARTBEAT' | 'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN'};

/** Envelope fields every decoded server event carries (§4.2). */
export interface ServerEventEnvelope {
  /** Dedup key. Events without an id get a synthetic one (synthetic-id.ts). */
  readonly id: string;
  /** null for transient events (typing, thinking, heartbeat echoes): never stored, never a cursor. */
  readonly sequence: number | null;
  readonly timestamp?: string;
  readonly metadata?: {readonly custom: CustomMetadata};
  /** true when `id` was made up by the decoder (bare heartbeat echo §5.5, an event without id). */
  readonly synthetic?: boolean;
}

export type ServerEvent = ServerEventEnvelope & ServerEventBody;
