// Garbage frames for the client's robustness tests: never stored, never sequenced.
import type {GarbageKind} from './types.js';

export const GARBAGE_KINDS: readonly GarbageKind[] = [
  'malformed-json',
  'unknown-type',
  'wrong-types',
  'binary',
  'oversized',
  'missing-id',
];

export type GarbageFrame = {readonly binary: false; readonly data: string} | {readonly binary: true; readonly data: Buffer};

export interface GarbageContext {
  newId(): string;
  timestamp: string;
  maxMessageSizeBytes: number;
}

const text = (value: unknown): GarbageFrame => ({binary: false, data: JSON.stringify(value)});

export function garbageFrame(kind: GarbageKind, ctx: GarbageContext): GarbageFrame {
  switch (kind) {
    case 'malformed-json':
      return {binary: false, data: '{"type":"EVENT_TYPE_POLY_AGENT_MESSAGE","payload":{"text":"never clos'};
    case 'unknown-type':
      return text({id: ctx.newId(), sequence: null, timestamp: ctx.timestamp, type: 'EVENT_TYPE_FROM_THE_FUTURE', payload: {text: 'ignore me'}});
    case 'wrong-types':
      return text({id: 42, sequence: 'seven', timestamp: false, type: 'EVENT_TYPE_POLY_AGENT_MESSAGE', payload: 'not an object'});
    case 'binary':
      return {binary: true, data: Buffer.from([0x00, 0xff, 0x7b, 0x22, 0x01, 0x02])};
    case 'oversized':
      // An unknown transient type, so a tolerant client drops it whatever its size policy is.
      return text({
        id: ctx.newId(),
        sequence: null,
        timestamp: ctx.timestamp,
        type: 'EVENT_TYPE_SIM_OVERSIZED',
        payload: {padding: 'x'.repeat(ctx.maxMessageSizeBytes + 1)},
      });
    case 'missing-id':
      return text({
        sequence: null,
        timestamp: ctx.timestamp,
        type: 'EVENT_TYPE_POLY_AGENT_MESSAGE',
        payload: {message_id: ctx.newId(), text: 'I have no id: a tolerant client shows me all the same', attachments: [], response_suggestions: []},
      });
  }
}

/** `count` frames cycling through `kinds`. */
export function garbageFrames(kinds: readonly GarbageKind[], count: number, ctx: GarbageContext): GarbageFrame[] {
  if (kinds.length === 0) return [];
  return Array.from({length: count}, (_, i) => garbageFrame(kinds[i % kinds.length] as GarbageKind, ctx));
}
