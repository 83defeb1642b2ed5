// Frames that are garbage by construction, each with the reason (from /work/shared/protocol.md)
// a correct client must drop it whole. The test that ships them to a live chat decides nothing by
// running the decoder it tests: what is garbage is said here, when the frame is made.
import type {Rng} from './protocol-prng.js';
import {PROTOCOL_NOT_SENT_YET_TYPES as NOT_SENT_YET} from './protocol-text.js';
import type {RawEvent} from './protocol-wire.js';

export interface GarbageFrame {
  readonly frame: string;
  readonly reason: string;
}

let unknown = 0;

/** A type no version of the protocol defines (§4.2: unknown types are logged and dropped). */
function unknownType(): string {
  return `EVENT_TYPE_FROM_THE_FUTURE_${++unknown}`;
}

/** Valid JSON that is not an object (§4.2: a server frame is one event object). */
const NOT_OBJECTS: readonly unknown[] = [null, 0, 7, -1.5, '', 'EVENT_TYPE_SESSION_END', true, false];

/** Characters that can never start a JSON text. */
const NOT_JSON_STARTS = ['#', '<', '}', ']', ':', ',', 'x', '\u0000', '\uFFFD'];

type Make = (rng: Rng, valid: RawEvent) => GarbageFrame;

const KINDS: readonly Make[] = [
  (rng, valid) => {
    const text = JSON.stringify(valid);
    return {frame: text.slice(0, rng.int(0, text.length - 1)), reason: 'truncated: a proper prefix of a JSON object is not JSON (§4.2)'};
  },
  (rng) => ({frame: JSON.stringify(rng.pick(NOT_OBJECTS)), reason: 'JSON but not an object: no event envelope (§4.2)'}),
  (rng) => {
    let junk = rng.pick(NOT_JSON_STARTS);
    for (let i = rng.int(0, 40); i > 0; i--) junk += String.fromCharCode(rng.int(0x20, 0xd7ff));
    return {frame: junk, reason: 'not JSON: starts with a character no JSON text starts with'};
  },
  (rng) => ({frame: '['.repeat(rng.int(10, 2000)), reason: 'not JSON: unclosed arrays'}),
  (_rng, valid) => ({frame: JSON.stringify({...valid, id: `garbage-${++unknown}`, type: unknownType()}), reason: 'unknown event type (§4.2: logged and dropped)'}),
  (rng, valid) => ({frame: JSON.stringify({...valid, id: `garbage-${++unknown}`, type: rng.pick(NOT_SENT_YET)}), reason: 'a §6.5 type the server does not send yet: ignored silently'}),
  (rng, valid) => {
    const {type: _type, ...rest} = valid;
    const frame = rng.chance(0.5) ? rest : {...rest, type: rng.pick([null, 5, {}, ['EVENT_TYPE_SESSION_END'], true])};
    return {frame: JSON.stringify({...frame, id: `garbage-${++unknown}`}), reason: 'no string type: nothing says what the event is (§4.2)'};
  },
  (rng) => {
    const elements: unknown[] = [];
    for (let i = rng.int(1, 6); i > 0; i--) {
      const roll = rng.int(0, 2);
      elements.push(roll === 0 ? rng.pick(NOT_OBJECTS) : {id: `garbage-${++unknown}`, sequence: null, type: roll === 1 ? unknownType() : rng.pick(NOT_SENT_YET), payload: {}});
    }
    return {frame: JSON.stringify({type: 'EVENT_TYPE_EVENT_BATCH', sequence: null, payload: {events: elements}}), reason: 'a batch of only non-objects, unknown and §6.5 types: no element is an event'};
  },
];

/** `count` garbage frames, the kinds drawn evenly from `rng`, built from valid events of `pool`. */
export function garbageFrames(rng: Rng, pool: readonly RawEvent[], count: number): GarbageFrame[] {
  return Array.from({length: count}, () => rng.pick(KINDS)(rng, rng.pick(pool)));
}
