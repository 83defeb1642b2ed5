// [S] wire variants (§3.4 oneof nesting, §6.2 flat live-agent fields, §6.3 legacy queue position,
// §5.5 bare heartbeat echo). Applied to a copy at send time; the stored event is never touched.
import type {VariantSettings, WireEvent} from './types.js';

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

/** The frame object for one event; `nested` = inside an EVENT_BATCH. */
export function renderEvent(event: WireEvent, variants: VariantSettings, nested: boolean): Record<string, unknown> {
  let payload = event.payload;
  if (variants.flatLiveAgent) payload = flattenLiveAgent(event.type, payload);
  if (variants.legacyQueuePosition && event.type === 'EVENT_TYPE_HANDOFF_QUEUE_STATUS') payload = legacyQueue(payload);
  const metadata = event.metadata ? {metadata: event.metadata} : {};
  if (!nested && variants.bareHeartbeat && event.type === 'EVENT_TYPE_HEARTBEAT') {
    return {type: event.type, payload, ...metadata};
  }
  const envelope = {id: event.id, sequence: event.sequence, timestamp: event.timestamp, type: event.type};
  if (nested && variants.oneof) return {...envelope, [oneofKey(event.type)]: payload, ...metadata};
  return {...envelope, payload, ...metadata};
}
