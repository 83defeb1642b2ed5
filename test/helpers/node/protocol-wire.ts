// Builders of raw server frames (the JSON the server sends, snake_case) for protocol tests.
import {decodeValue} from '../../../src/protocol/decode-frame.js';
import type {ServerEvent} from '../../../src/protocol/wire.js';

export type RawEvent = Record<string, unknown>;

export interface EnvelopeOptions {
  id?: string;
  sequence?: number | null;
  timestamp?: string;
  metadata?: Record<string, unknown>;
}

let nextId = 0;

/** A full server event: id, sequence, timestamp, type, payload. */
export function raw(type: string, payload: Record<string, unknown> = {}, options: EnvelopeOptions = {}): RawEvent {
  const event: RawEvent = {
    id: options.id ?? `ev-${++nextId}`,
    sequence: options.sequence === undefined ? null : options.sequence,
    timestamp: options.timestamp ?? '2026-05-20T09:00:00Z',
    type,
    payload,
  };
  if (options.metadata !== undefined) event['metadata'] = options.metadata;
  return event;
}

/** An EVENT_BATCH frame; elements may be anything (malformed-element tests). */
export function batch(events: readonly unknown[]): RawEvent {
  return {id: `batch-${++nextId}`, sequence: null, type: 'EVENT_TYPE_EVENT_BATCH', payload: {events}};
}

/** Decodes raw events (which must all be valid) into ServerEvents. */
export function decodeAll(events: readonly RawEvent[]): ServerEvent[] {
  const out: ServerEvent[] = [];
  for (const event of events) {
    const result = decodeValue(event);
    if (!result.ok) throw new Error(`invalid test event: ${result.problem.detail} ${JSON.stringify(event).slice(0, 200)}`);
    if (result.events.length === 0) throw new Error(`test event ignored: ${JSON.stringify(event).slice(0, 200)}`);
    out.push(...result.events);
  }
  return out;
}

export function decodeOne(event: RawEvent): ServerEvent {
  const [decoded] = decodeAll([event]);
  if (decoded === undefined) throw new Error('no event');
  return decoded;
}

// Shorthands for the common events (sequence first: most tests care about it).
export const wire = {
  sessionStart: (sequence: number | null, capabilities: Record<string, unknown> = {streaming: false, max_message_size_bytes: 131072, max_reconnect_attempts: 5, heartbeat_interval_seconds: 30}, o: EnvelopeOptions = {}) =>
    raw('EVENT_TYPE_SESSION_START', {capabilities}, {...o, sequence}),
  joinEcho: (sequence: number | null, o: EnvelopeOptions = {}) => raw('EVENT_TYPE_REQUEST_POLY_AGENT_JOIN', {}, {...o, sequence}),
  agentJoined: (sequence: number | null, name = 'Poly', o: EnvelopeOptions = {}) =>
    raw('EVENT_TYPE_POLY_AGENT_JOINED', {agent_name: name, agent_avatar_url: 'https://cdn.example.com/poly.png'}, {...o, sequence}),
  thinking: (o: EnvelopeOptions = {}) => raw('EVENT_TYPE_POLY_AGENT_THINKING', {}, {sequence: null, ...o}),
  agentMessage: (sequence: number | null, messageId: string, text: string, extra: Record<string, unknown> = {}, o: EnvelopeOptions = {}) =>
    raw('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: messageId, text, attachments: [], response_suggestions: [], ...extra}, {...o, sequence}),
  chunk: (sequence: number | null, messageId: string, chunkIndex: number, text: string, isComplete = false, extra: Record<string, unknown> = {}, o: EnvelopeOptions = {}) =>
    raw('EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK', {message_id: messageId, chunk_index: chunkIndex, text, is_complete: isComplete, ...extra}, {...o, sequence}),
  userEcho: (sequence: number | null, text: string, clientEventId?: string, o: EnvelopeOptions = {}) =>
    raw('EVENT_TYPE_USER_MESSAGE', {text, message_id: `um-${sequence ?? 'x'}-${++nextId}`}, {
      ...o,
      sequence,
      ...(clientEventId === undefined ? {} : {metadata: {custom: {client_event_id: clientEventId}}}),
    }),
  heartbeat: (o: EnvelopeOptions = {}) => raw('EVENT_TYPE_HEARTBEAT', {}, {sequence: null, ...o}),
  endEcho: (sequence: number | null, o: EnvelopeOptions = {}) => raw('EVENT_TYPE_USER_END_SESSION', {}, {...o, sequence}),
  sessionEnd: (sequence: number | null, reason: unknown = 'REASON_NATURAL_END', o: EnvelopeOptions = {}) => raw('EVENT_TYPE_SESSION_END', {reason}, {...o, sequence}),
  system: (sequence: number | null, message: string, level: unknown = 'SYSTEM_MESSAGE_LEVEL_ERROR', o: EnvelopeOptions = {}) =>
    raw('EVENT_TYPE_SYSTEM_MESSAGE', {level, message}, {...o, sequence}),
  language: (sequence: number | null, code: string, o: EnvelopeOptions = {}) => raw('EVENT_TYPE_LANGUAGE_CHANGED', {language_code: code}, {...o, sequence}),
  triggered: (sequence: number | null, o: EnvelopeOptions = {}) => raw('EVENT_TYPE_POLY_AGENT_TRIGGERED_HANDOFF', {}, {...o, sequence}),
  agentLeft: (sequence: number | null, o: EnvelopeOptions = {}) => raw('EVENT_TYPE_POLY_AGENT_LEFT', {}, {...o, sequence}),
  accepted: (sequence: number | null, queueName?: string, o: EnvelopeOptions = {}) =>
    raw('EVENT_TYPE_HANDOFF_ACCEPTED', queueName === undefined ? {} : {queue_name: queueName}, {...o, sequence}),
  queueStatus: (sequence: number | null, payload: Record<string, unknown>, o: EnvelopeOptions = {}) => raw('EVENT_TYPE_HANDOFF_QUEUE_STATUS', payload, {...o, sequence}),
  liveJoined: (sequence: number | null, agent: {id?: string; name?: string; avatar_url?: string}, o: EnvelopeOptions = {}) =>
    raw('EVENT_TYPE_LIVE_AGENT_JOINED', {agent}, {...o, sequence}),
  liveTyping: (state: string | undefined, agentId = 'agent_17', o: EnvelopeOptions = {}) =>
    raw('EVENT_TYPE_LIVE_AGENT_TYPING', state === undefined ? {agent_id: agentId} : {state, agent_id: agentId}, {sequence: null, ...o}),
  liveMessage: (sequence: number | null, messageId: string, text: string, agentId = 'agent_17', o: EnvelopeOptions = {}) =>
    raw('EVENT_TYPE_LIVE_AGENT_MESSAGE', {message_id: messageId, agent_id: agentId, text, attachments: [], response_suggestions: []}, {...o, sequence}),
  liveLeft: (sequence: number | null, payload: Record<string, unknown> = {}, o: EnvelopeOptions = {}) => raw('EVENT_TYPE_LIVE_AGENT_LEFT', payload, {...o, sequence}),
  clientHandoff: (sequence: number | null, payload: Record<string, unknown>, o: EnvelopeOptions = {}) => raw('EVENT_TYPE_CLIENT_HANDOFF_REQUIRED', payload, {...o, sequence}),
  handoffFailed: (sequence: number | null, o: EnvelopeOptions = {}) => raw('EVENT_TYPE_HANDOFF_FAILED', {}, {...o, sequence}),
  handoffTimeout: (sequence: number | null, o: EnvelopeOptions = {}) => raw('EVENT_TYPE_HANDOFF_TIMEOUT', {}, {...o, sequence}),
};
