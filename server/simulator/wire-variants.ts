// [S] wire variants (§3.4 oneof nesting, §6.2 flat live-agent fields, §6.3 legacy queue position,
// §5.5 bare heartbeat echo) and the wire-only §12 variants (echoes without metadata, empty ids,
// missing timestamps, null sequences in batches). Applied to a copy at send time; the stored event
// is never touched.
import {CLIENT_EVENT_TYPES} from './event-types.js';
import type {VariantSettings, WireEvent} from './types.js';

/** Share of events that anonymousEvents / missingTimestamp pick (drawn from the fault PRNG). */
export const STRIP_RATE = 0.3;

const ECHO_TYPES: ReadonlySet<string> = new Set(CLIENT_EVENT_TYPES);

/**
 * nullSequenceInBatch: stored status events a client does not order messages by. Never
 * SESSION_START/END, messages, chunks or echoes.
 */
export const NULL_SEQUENCE_TYPES: ReadonlySet<string> = new Set([
  'EVENT_TYPE_POLY_AGENT_JOINED',
  'EVENT_TYPE_POLY_AGENT_LEFT',
  'EVENT_TYPE_POLY_AGENT_TRIGGERED_HANDOFF',
  'EVENT_TYPE_HANDOFF_ACCEPTED',
  'EVENT_TYPE_HANDOFF_QUEUE_STATUS',
  'EVENT_TYPE_HANDOFF_FAILED',
  'EVENT_TYPE_HANDOFF_TIMEOUT',
  'EVENT_TYPE_LIVE_AGENT_JOINED',
  'EVENT_TYPE_LANGUAGE_CHANGED',
  'EVENT_TYPE_SYSTEM_MESSAGE',
]);

/** "EVENT_TYPE_POLY_AGENT_MESSAGE" → "poly_agent_message" (the protobuf oneof key). */
export function oneofKey(type: string): string {
  return type.replace(/^EVENT_TYPE_/, '').toLowerCase();
}

function flattenLiveAgent(type: string, payload: Record<string, unknown>): Record<string, unknown> {
  if (type === 'EVENT_TYPE_LIVE_AGENT_JOINED') {
    const agent = (payload.agent ?? {}) as Record<string, unknown>;
    const {agent: _nested, ...rest} = payload;
    return {...rest, agent_id: agent.id, agent_name: agent.name, avatar_url: agent.avatar_url};
  }
  return payload;
}

function legacyQueue(payload: Record<string, unknown>): Record<string, unknown> {
  const {position_in_queue, ...rest} = payload;
  return position_in_queue === undefined ? payload : {...rest, position: position_in_queue};
}

/** The envelope fields after the wire-only §12 variants; draws happen only for variants that are on. */
function envelopeOf(event: WireEvent, variants: VariantSettings, nested: boolean, draw: () => number): Record<string, unknown> {
  let sequence = event.sequence;
  let id = event.id;
  const isStart = event.type === 'EVENT_TYPE_SESSION_START';
  if (nested && variants.nullSequenceInBatch && NULL_SEQUENCE_TYPES.has(event.type)) sequence = null;
  // Never an event with neither id nor sequence: the client could not deduplicate it.
  if (variants.anonymousEvents && !isStart && sequence !== null && draw() < STRIP_RATE) id = '';
  const dropTimestamp = variants.missingTimestamp === true && !isStart && draw() < STRIP_RATE;
  return dropTimestamp ? {id, sequence, type: event.type} : {id, sequence, timestamp: event.timestamp, type: event.type};
}

/** The frame object for one event; `nested` = inside an EVENT_BATCH; `draw` (fault PRNG) feeds anonymousEvents / missingTimestamp. */
export function renderEvent(
  event: WireEvent,
  variants: VariantSettings,
  nested: boolean,
  draw: () => number = () => 1,
): Record<string, unknown> {
  let payload = event.payload;
  if (variants.flatLiveAgent) payload = flattenLiveAgent(event.type, payload);
  if (variants.legacyQueuePosition && event.type === 'EVENT_TYPE_HANDOFF_QUEUE_STATUS') payload = legacyQueue(payload);
  const keepMetadata = event.metadata !== undefined && !(variants.echoWithoutMetadata && ECHO_TYPES.has(event.type));
  const metadata = keepMetadata ? {metadata: event.metadata} : {};
  const bare = variants.bareHeartbeat || variants.heartbeatEcho === 'bare';
  if (!nested && bare && event.type === 'EVENT_TYPE_HEARTBEAT') {
    return {type: event.type, payload, ...metadata};
  }
  const envelope = envelopeOf(event, variants, nested, draw);
  if (nested && variants.oneof) return {...envelope, [oneofKey(event.type)]: payload, ...metadata};
  return {...envelope, payload, ...metadata};
}
