// Frame mutator for fuzzing decodeFrame + the transcript reducer: takes valid raw events and breaks
// them in the ways a hostile or buggy server could (wrong types, missing fields, huge strings, deep
// nesting, unknown enums, bad sequences and chunk indexes, prototype keys, garbage JSON, binary).
import type {Rng} from './protocol-prng.js';
import type {RawEvent} from './protocol-wire.js';

const WRONG_VALUES: readonly unknown[] = [null, 0, -1, 2.5, -0.5, 1e308, '', 'str', '7', true, false, [], {}, [1, 2], {a: 1}];
const UNKNOWN_ENUMS: readonly string[] = ['EVENT_TYPE_FROM_THE_FUTURE', 'SYSTEM_MESSAGE_LEVEL_FATAL', 'TYPING_STATE_MAYBE', 'ATTACHMENT_CONTENT_TYPE_VIDEO', 'lower_case', ''];
const BAD_NUMBERS: readonly unknown[] = [-1, -100, 1.5, 0.0001, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 10, '3', null, -0, 1e21];

const DEEP_MARK = '__fuzz_deep__';

/** Deep JSON as text: JSON.stringify itself would overflow the stack on the values we want. */
function deepText(depth: number): string {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    open += i % 2 === 0 ? '[' : '{"n":';
    close = (i % 2 === 0 ? ']' : '}') + close;
  }
  return `${open}"bottom"${close}`;
}

function serialise(rng: Rng, value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes(DEEP_MARK) ? text.replace(`"${DEEP_MARK}"`, deepText(rng.chance(0.05) ? 50_000 : rng.int(1, 200))) : text;
}

function pickKey(rng: Rng, obj: Record<string, unknown>): string | undefined {
  const keys = Object.keys(obj);
  return keys.length === 0 ? undefined : rng.pick(keys);
}

let fresh = 0;

function mutateObject(rng: Rng, event: RawEvent): RawEvent {
  const copy = structuredClone(event) as RawEvent;
  // Mostly a new event id (else dedup would swallow the mutant), sometimes a new message id too.
  if (rng.chance(0.8)) copy['id'] = `fz-fresh-${++fresh}`;
  if (rng.chance(0.3) && typeof copy['payload'] === 'object' && copy['payload'] !== null) {
    (copy['payload'] as Record<string, unknown>)['message_id'] = `fz-msg-${rng.int(0, 5000)}`;
  }
  const payload = (typeof copy['payload'] === 'object' && copy['payload'] !== null ? copy['payload'] : {}) as Record<string, unknown>;
  const target = rng.chance(0.5) ? payload : copy;
  switch (rng.int(0, 11)) {
    case 0: {
      const key = pickKey(rng, target);
      if (key !== undefined) delete target[key];
      break;
    }
    case 1: {
      const key = pickKey(rng, target);
      if (key !== undefined) target[key] = rng.pick(WRONG_VALUES);
      break;
    }
    case 2:
      copy['sequence'] = rng.pick(BAD_NUMBERS);
      break;
    case 3:
      payload['chunk_index'] = rng.pick(BAD_NUMBERS);
      break;
    case 4: {
      const key = rng.pick(['type', 'level', 'state', 'content_type', 'reason']);
      if (key === 'type') copy['type'] = rng.pick(UNKNOWN_ENUMS);
      else payload[key] = rng.pick(UNKNOWN_ENUMS);
      break;
    }
    case 5:
      // Huge strings are rare, or 100k frames would take too long to build.
      payload[rng.pick(['text', 'message', 'agent_name', 'queue_name'])] = 'x'.repeat(rng.chance(0.02) ? 300_000 : rng.int(1, 5000));
      break;
    case 6:
      payload[rng.pick(['text', 'attachments', 'response_suggestions', 'agent', 'capabilities'])] = DEEP_MARK;
      break;
    case 7:
      copy['payload'] = rng.pick(WRONG_VALUES);
      break;
    case 8:
      // Collide ids: a new event reusing another kind's id, or a message id reused across types.
      copy['id'] = `fz-${rng.int(0, 50)}`;
      payload['message_id'] = `fz-m-${rng.int(0, 20)}`;
      break;
    case 9:
      copy['sequence'] = rng.int(0, 40);
      break;
    case 10:
      payload['attachments'] = [null, 1, 'a', {content_type: rng.pick(UNKNOWN_ENUMS), title: rng.pick(WRONG_VALUES)}, {}];
      payload['response_suggestions'] = [null, {message_text: 5}, {message_text: ''}, 'bare', {message_text: 'ok'}];
      break;
    default:
      copy['metadata'] = rng.pick([null, 'x', {custom: rng.pick(WRONG_VALUES)}, {custom: {client_event_id: rng.pick(WRONG_VALUES)}}]);
  }
  return copy;
}

/** One fuzz frame: a string (mostly JSON), or binary data. */
export function fuzzFrame(rng: Rng, valid: readonly RawEvent[]): unknown {
  const source = rng.pick(valid);
  const roll = rng.next();
  if (roll < 0.15) return JSON.stringify(source); // valid frames keep the reducer busy
  if (roll < 0.6) return serialise(rng, mutateObject(rng, source));
  if (roll < 0.7) {
    // A batch mixing valid, mutated and junk elements.
    const events: unknown[] = [];
    for (let i = rng.int(0, 8); i > 0; i--) events.push(rng.chance(0.5) ? rng.pick(valid) : rng.chance(0.7) ? mutateObject(rng, rng.pick(valid)) : rng.pick(WRONG_VALUES));
    return serialise(rng, {type: 'EVENT_TYPE_EVENT_BATCH', payload: {events}});
  }
  if (roll < 0.78) {
    const text = JSON.stringify(source);
    return text.slice(0, rng.int(0, text.length - 1)); // truncated JSON
  }
  if (roll < 0.83) {
    let junk = '';
    for (let i = rng.int(0, 40); i > 0; i--) junk += String.fromCharCode(rng.int(0, 0xffff));
    return junk;
  }
  if (roll < 0.88) {
    // Prototype keys in every position.
    const text = JSON.stringify(source);
    return text.replace('{', rng.pick(['{"__proto__":{"id":"p","type":"EVENT_TYPE_SESSION_END"},', '{"constructor":{"prototype":{"x":1}},', '{"__proto__":null,']));
  }
  if (roll < 0.91) return rng.chance(0.5) ? new Uint8Array(rng.int(0, 64)).buffer : new Uint8Array(rng.int(0, 64));
  if (roll < 0.93) return rng.pick([null, undefined, 42, {}, [], true]);
  if (roll < 0.935) return `${'['.repeat(rng.chance(0.1) ? 100_000 : rng.int(10, 2000))}${rng.chance(0.5) ? ']' : ''}`;
  return JSON.stringify(rng.pick(WRONG_VALUES));
}
