// Payload normalisation per server event type (§6, §7): snake_case wire fields → the camelCase
// ServerEventBody, [S] variants folded in, defaults filled. Returns a string (the reason) when a
// required field is unusable; never throws.
import {
  DEFAULT_HEARTBEAT_INTERVAL_SECONDS,
  DEFAULT_MAX_MESSAGE_SIZE_BYTES,
  UNSPECIFIED_END_REASON,
} from './wire.js';
import type {CallAction, Capabilities, ServerEventBody, ServerEventType, SystemMessageLevel, TypingState, WireAttachment} from './wire.js';
import {asCount, isObject, readArray, readCount, readObject, readOwn, readString, readText} from './decode-fields.js';
import type {JsonObject} from './decode-fields.js';

const ATTACHMENT_PREFIX = 'ATTACHMENT_CONTENT_TYPE_';
const LEVEL_PREFIX = 'SYSTEM_MESSAGE_LEVEL_';

function contentTypeOf(value: unknown): WireAttachment['contentType'] {
  if (typeof value !== 'string') return 'unknown';
  let name = value.toUpperCase();
  if (name.startsWith(ATTACHMENT_PREFIX)) name = name.slice(ATTACHMENT_PREFIX.length);
  return name === 'URL' ? 'url' : name === 'IMAGE' ? 'image' : 'unknown';
}

function decodeAttachment(value: unknown): WireAttachment | undefined {
  if (!isObject(value)) return undefined;
  const attachment: {-readonly [K in keyof WireAttachment]: WireAttachment[K]} = {
    contentType: contentTypeOf(readOwn(value, 'content_type')),
  };
  const title = readText(value, 'title');
  const previewImageUrl = readText(value, 'preview_image_url');
  const contentUrl = readText(value, 'content_url');
  const callToActionText = readText(value, 'call_to_action_text');
  if (title !== undefined) attachment.title = title;
  if (previewImageUrl !== undefined) attachment.previewImageUrl = previewImageUrl;
  if (contentUrl !== undefined) attachment.contentUrl = contentUrl;
  if (callToActionText !== undefined) attachment.callToActionText = callToActionText;
  return attachment;
}

/** Elements that are not usable are skipped one by one; a non-array is an empty list. */
function decodeList<T>(payload: JsonObject, key: string, decode: (value: unknown) => T | undefined): readonly T[] {
  const list = readArray(payload, key);
  if (list === undefined || list.length === 0) return EMPTY;
  const out: T[] = [];
  for (const value of list) {
    const item = decode(value);
    if (item !== undefined) out.push(item);
  }
  return out.length === 0 ? EMPTY : out;
}

const EMPTY: readonly never[] = Object.freeze([]);

function decodeSuggestion(value: unknown): string | undefined {
  // `{message_text}` per the docs; a bare string is accepted too.
  if (typeof value === 'string') return value === '' ? undefined : value;
  return isObject(value) ? readText(value, 'message_text') : undefined;
}

function decodeCallAction(value: unknown): CallAction | undefined {
  if (!isObject(value)) return undefined;
  const title = readText(value, 'title');
  const contactNumber = readText(value, 'contact_number');
  return title !== undefined && contactNumber !== undefined ? {title, contactNumber} : undefined;
}

/** §3.5 + §11.3: heartbeat 0 = off, missing/negative/non-numeric = 30; reconnect 0/invalid = null. */
export function decodeCapabilities(payload: JsonObject): Capabilities {
  const caps = readObject(payload, 'capabilities') ?? {};
  const heartbeat = readOwn(caps, 'heartbeat_interval_seconds');
  const maxSize = readOwn(caps, 'max_message_size_bytes');
  const reconnect = asCount(readOwn(caps, 'max_reconnect_attempts'));
  return {
    streaming: readOwn(caps, 'streaming') === true,
    maxMessageSizeBytes:
      typeof maxSize === 'number' && Number.isSafeInteger(maxSize) && maxSize > 0 ? maxSize : DEFAULT_MAX_MESSAGE_SIZE_BYTES,
    maxReconnectAttempts: reconnect !== undefined && reconnect > 0 ? reconnect : null,
    heartbeatIntervalSeconds:
      typeof heartbeat === 'number' && Number.isFinite(heartbeat) && heartbeat >= 0
        ? heartbeat
        : DEFAULT_HEARTBEAT_INTERVAL_SECONDS,
  };
}

/**
 * The server's reason, verbatim (free strings and lowercase SDK names included: end-reason.ts reads
 * their meaning). None at all is proto3's default, REASON_UNSPECIFIED.
 */
export function normaliseEndReason(value: unknown): string {
  return typeof value === 'string' && value.trim() !== '' ? value : UNSPECIFIED_END_REASON;
}

function levelOf(value: unknown): SystemMessageLevel {
  if (typeof value !== 'string') return 'info';
  let name = value.toUpperCase();
  if (name.startsWith(LEVEL_PREFIX)) name = name.slice(LEVEL_PREFIX.length);
  if (name === 'ERROR') return 'error';
  return name === 'WARNING' || name === 'WARN' ? 'warning' : 'info';
}

/** Missing or unknown state = STARTED (the SDKs do this); STOPPED must be honoured. */
function typingStateOf(value: unknown): TypingState {
  return typeof value === 'string' && value.toUpperCase().endsWith('STOPPED') ? 'TYPING_STATE_STOPPED' : 'TYPING_STATE_STARTED';
}

interface AgentFields {
  agentId?: string;
  agentName?: string;
  avatarUrl?: string;
}

/** §6.2: flat `agent_id`/`agent_name`/`avatar_url` win when present, then nested `agent.*`. */
function agentFields(payload: JsonObject): AgentFields {
  return withAgentFields({}, payload);
}

/** `body` with the agent fields of `payload` set on it (no second object per message, as a spread would make). */
function withAgentFields<T extends object>(body: T, payload: JsonObject): T & AgentFields {
  const nested = readObject(payload, 'agent');
  const agentId = readText(payload, 'agent_id') ?? (nested && readText(nested, 'id'));
  const agentName = readText(payload, 'agent_name') ?? (nested && readText(nested, 'name'));
  const avatarUrl =
    readText(payload, 'avatar_url') ??
    readText(payload, 'agent_avatar_url') ??
    (nested && (readText(nested, 'avatar_url') ?? readText(nested, 'agent_avatar_url')));
  withOptional(body, 'agentId', agentId);
  withOptional(body, 'agentName', agentName);
  return withOptional(body, 'avatarUrl', avatarUrl) as T & AgentFields;
}

function withOptional<T extends object>(body: T, key: string, value: string | number | undefined): T {
  if (value !== undefined) (body as Record<string, unknown>)[key] = value;
  return body;
}

/**
 * The normalised body for one known, non-batch server type. `eventId` is the fallback message id of
 * whole messages (§6.1 makes message_id mandatory, but a reply without one can still be shown).
 */
export function decodePayload(
  type: Exclude<ServerEventType, 'EVENT_TYPE_EVENT_BATCH'>,
  payload: JsonObject,
  eventId: string,
): ServerEventBody | string {
  switch (type) {
    case 'EVENT_TYPE_SESSION_START':
      return {type, capabilities: decodeCapabilities(payload)};
    case 'EVENT_TYPE_SESSION_END':
      return {type, reason: normaliseEndReason(readOwn(payload, 'reason'))};
    case 'EVENT_TYPE_SYSTEM_MESSAGE':
      return {type, level: levelOf(readOwn(payload, 'level')), message: readString(payload, 'message') ?? ''};
    case 'EVENT_TYPE_LANGUAGE_CHANGED': {
      const languageCode = readText(payload, 'language_code');
      return languageCode === undefined ? 'language_code missing' : {type, languageCode};
    }
    case 'EVENT_TYPE_POLY_AGENT_JOINED': {
      const body: ServerEventBody = {type};
      withOptional(body, 'agentName', readText(payload, 'agent_name'));
      return withOptional(body, 'avatarUrl', readText(payload, 'agent_avatar_url') ?? readText(payload, 'avatar_url'));
    }
    case 'EVENT_TYPE_POLY_AGENT_THINKING':
    case 'EVENT_TYPE_POLY_AGENT_TRIGGERED_HANDOFF':
    case 'EVENT_TYPE_USER_END_SESSION':
    case 'EVENT_TYPE_HEARTBEAT':
    case 'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN':
      return {type};
    case 'EVENT_TYPE_POLY_AGENT_MESSAGE':
    case 'EVENT_TYPE_LIVE_AGENT_MESSAGE':
      return withAgentFields(
        {
          type,
          messageId: readText(payload, 'message_id') ?? eventId,
          text: readString(payload, 'text') ?? '',
          attachments: decodeList(payload, 'attachments', decodeAttachment),
          suggestions: decodeList(payload, 'response_suggestions', decodeSuggestion),
          callActions: decodeList(payload, 'chat_call_actions', decodeCallAction),
          endConversation: readOwn(payload, 'end_conversation') === true,
        },
        payload,
      );
    case 'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK': {
      const messageId = readText(payload, 'message_id');
      if (messageId === undefined) return 'chunk without message_id';
      const chunkIndex = readCount(payload, 'chunk_index');
      if (chunkIndex === undefined) return 'chunk_index missing, negative or not an integer';
      return {
        type,
        messageId,
        chunkIndex,
        isComplete: readOwn(payload, 'is_complete') === true,
        text: readString(payload, 'text') ?? '',
        attachments: decodeList(payload, 'attachments', decodeAttachment),
        suggestions: decodeList(payload, 'response_suggestions', decodeSuggestion),
      };
    }
    case 'EVENT_TYPE_POLY_AGENT_LEFT':
    case 'EVENT_TYPE_HANDOFF_FAILED':
    case 'EVENT_TYPE_HANDOFF_TIMEOUT':
      return withOptional({type}, 'reason', readText(payload, 'reason'));
    case 'EVENT_TYPE_LIVE_AGENT_JOINED':
      return withAgentFields({type}, payload);
    case 'EVENT_TYPE_LIVE_AGENT_TYPING': {
      const {agentId, agentName} = agentFields(payload);
      const body: ServerEventBody = {type, state: typingStateOf(readOwn(payload, 'state'))};
      withOptional(body, 'agentId', agentId);
      return withOptional(body, 'agentName', agentName);
    }
    case 'EVENT_TYPE_LIVE_AGENT_LEFT': {
      const {agentId, agentName} = agentFields(payload);
      const body: ServerEventBody = {type};
      withOptional(body, 'agentId', agentId);
      withOptional(body, 'agentName', agentName);
      return withOptional(body, 'reason', readText(payload, 'reason'));
    }
    case 'EVENT_TYPE_HANDOFF_ACCEPTED':
      return withOptional({type}, 'queueName', readText(payload, 'queue_name'));
    case 'EVENT_TYPE_HANDOFF_QUEUE_STATUS': {
      const body: ServerEventBody = {type};
      withOptional(body, 'queueName', readText(payload, 'queue_name'));
      // §6.3 [S]: `position` is the legacy name of position_in_queue.
      withOptional(body, 'positionInQueue', readCount(payload, 'position_in_queue') ?? readCount(payload, 'position'));
      withOptional(body, 'estimatedWaitSeconds', readCount(payload, 'estimated_wait_seconds'));
      return withOptional(body, 'displayMessage', readText(payload, 'display_message'));
    }
    case 'EVENT_TYPE_CLIENT_HANDOFF_REQUIRED': {
      const body: ServerEventBody = {type};
      withOptional(body, 'reason', readText(payload, 'reason'));
      withOptional(body, 'queueName', readText(payload, 'queue_name'));
      return withOptional(body, 'route', readText(payload, 'route'));
    }
    case 'EVENT_TYPE_USER_MESSAGE':
      return withOptional({type, text: readString(payload, 'text') ?? ''}, 'messageId', readText(payload, 'message_id'));
  }
}
