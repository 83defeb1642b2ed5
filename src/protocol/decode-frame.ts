// decodeFrame: one WebSocket message → normalised ServerEvents. Never throws. Batches are flattened
// (a malformed element is dropped alone, §11.3), unknown and §6.5 types are reported as ignored.
import {IGNORED_EVENT_TYPES, SERVER_EVENT_TYPES} from './wire.js';
import type {CustomMetadata, ServerEvent, ServerEventBody, ServerEventEnvelope, ServerEventType} from './wire.js';
import type {DecodeProblem, DecodeProblemCode} from './decode-problem.js';
import {asCount, clip, isObject, readArray, readObject, readOwn, readText} from './decode-fields.js';
import type {JsonObject} from './decode-fields.js';
import {decodePayload} from './decode-payload.js';
import {SEQUENCE_ID_PREFIX, SYNTHETIC_ID_PREFIX} from './synthetic-id.js';
import {utf8ByteLength} from './utf8.js';

export type DecodeResult =
  | {
      readonly ok: true;
      /** The frame was an EVENT_TYPE_EVENT_BATCH (a history replay on connect, §3.4). */
      readonly batch: boolean;
      /** In frame order, batches flattened. The reducer does the ordering and dedup. */
      readonly events: readonly ServerEvent[];
      /** Batch elements that were malformed and skipped (the rest of the batch is kept). */
      readonly dropped: readonly DecodeProblem[];
      /** Unknown or not-yet-sent (§6.5) types: not errors. */
      readonly ignored: readonly DecodeProblem[];
    }
  | {readonly ok: false; readonly problem: DecodeProblem};

export interface DecodeOptions {
  /**
   * Largest accepted frame in UTF-8 bytes. The 128 KB protocol limit is about what a client sends;
   * a history replay can be bigger, so the default is generous: 8 MiB.
   */
  readonly maxBytes?: number;
}

export const DEFAULT_MAX_INBOUND_FRAME_BYTES = 8 * 1024 * 1024;

/** Bare heartbeat echoes (§5.5) have no id: they get this one and are never deduplicated. Other events without one: synthetic-id.ts. */
export const SYNTHETIC_HEARTBEAT_ID = 'synthetic:heartbeat';
/** Per page, so a fresh id never matches one of a transcript kept from an earlier page. */
const PAGE_TAG = Math.random().toString(36).slice(2, 8);
let anonymousEvents = 0;
/** A long batch's elements may be decoded twice (frame-intake.ts): the same element, the same id. */
const anonymousIds = new WeakMap<object, string>();

function anonymousId(element: JsonObject): string {
  let id = anonymousIds.get(element);
  if (id === undefined) {
    id = `${SYNTHETIC_ID_PREFIX}${PAGE_TAG}:${++anonymousEvents}`;
    anonymousIds.set(element, id);
  }
  return id;
}

// Maps a parsed type string to our literal: the reducer's switch then compares interned strings.
const KNOWN_TYPES: ReadonlyMap<string, ServerEventType> = new Map(SERVER_EVENT_TYPES.map((type) => [type, type]));
const IGNORED_TYPES: ReadonlySet<string> = new Set(IGNORED_EVENT_TYPES);
const BATCH = 'EVENT_TYPE_EVENT_BATCH';
const NO_PROBLEMS: readonly DecodeProblem[] = Object.freeze([]);

function fail(code: DecodeProblemCode, detail: string): DecodeResult {
  return {ok: false, problem: {code, detail}};
}

function isBinary(data: unknown): boolean {
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return true;
  if (typeof SharedArrayBuffer !== 'undefined' && data instanceof SharedArrayBuffer) return true;
  // Blob (no DOM types here): anything with size + arrayBuffer() is treated as one.
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as {size?: unknown}).size === 'number' &&
    typeof (data as {arrayBuffer?: unknown}).arrayBuffer === 'function'
  );
}

/** Decodes one WebSocket message (`MessageEvent.data`). */
export function decodeFrame(data: unknown, options?: DecodeOptions): DecodeResult {
  try {
    if (typeof data !== 'string') {
      return isBinary(data) ? fail('binary', 'binary frame') : fail('not-text', `frame of type ${typeof data}`);
    }
    const maxBytes = options?.maxBytes ?? DEFAULT_MAX_INBOUND_FRAME_BYTES;
    // UTF-8 needs 1..3 bytes per UTF-16 unit: skip the exact count when the bound already decides.
    if (data.length > maxBytes || (data.length * 3 > maxBytes && utf8ByteLength(data) > maxBytes)) {
      return fail('too-large', `frame over ${maxBytes} bytes`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return fail('bad-json', 'frame is not valid JSON');
    }
    return decodeValue(parsed);
  } catch {
    return fail('not-an-event', 'unreadable frame');
  }
}

/** Decodes an already parsed frame (tests, the simulator). Never throws. */
export function decodeValue(parsed: unknown): DecodeResult {
  try {
    if (!isObject(parsed)) return fail('not-an-event', 'frame is not a JSON object');
    const type = readOwn(parsed, 'type');
    if (type === BATCH) return decodeBatch(parsed);
    const one = decodeEvent(parsed);
    if ('event' in one) return {ok: true, batch: false, events: [one.event], dropped: NO_PROBLEMS, ignored: NO_PROBLEMS};
    if (one.ignored) return {ok: true, batch: false, events: [], dropped: NO_PROBLEMS, ignored: [one.problem]};
    return {ok: false, problem: one.problem};
  } catch {
    return fail('not-an-event', 'unreadable frame');
  }
}

function payloadOf(obj: JsonObject, type: string): JsonObject | undefined {
  // §3.4 [S]: a oneof rendering puts the data under "poly_agent_message" etc. instead of "payload".
  return readObject(obj, 'payload') ?? readObject(obj, type.slice('EVENT_TYPE_'.length).toLowerCase());
}

/** The events array of a parsed EVENT_TYPE_EVENT_BATCH frame (under `payload` or its oneof key), if any. */
export function batchElementsOf(parsed: unknown): readonly unknown[] | undefined {
  if (!isObject(parsed) || readOwn(parsed, 'type') !== BATCH) return undefined;
  const payload = payloadOf(parsed, BATCH);
  return payload && readArray(payload, 'events');
}

function decodeBatch(obj: JsonObject): DecodeResult {
  const list = batchElementsOf(obj);
  if (list === undefined) return {ok: false, problem: {code: 'bad-event', detail: 'batch without events array', eventType: BATCH}};
  return decodeElements(list);
}

/**
 * Decodes the elements of a batch (all of them, or a slice of a long one) as one batch frame:
 * a malformed element is dropped alone; problem indexes count from the first element given.
 */
export function decodeBatchElements(list: readonly unknown[]): DecodeResult {
  try {
    return decodeElements(list);
  } catch {
    return fail('not-an-event', 'unreadable frame');
  }
}

function decodeElements(list: readonly unknown[]): DecodeResult {
  const events: ServerEvent[] = [];
  // Inside a batch, events without a sequence go after the sequenced ones, in their own order
  // (the SDKs' stable sort, nulls last, §3.4): placed at the batch's end, not wherever they sat.
  let unsequenced: ServerEvent[] | undefined;
  let dropped: DecodeProblem[] | undefined;
  let ignored: DecodeProblem[] | undefined;
  for (let index = 0; index < list.length; index++) {
    const element = list[index];
    const one =
      isObject(element) && readOwn(element, 'type') === BATCH
        ? {problem: {code: 'bad-event', detail: 'batch nested in a batch', eventType: BATCH} as const, ignored: false}
        : decodeEvent(element);
    if ('event' in one) {
      if (one.event.sequence === null) (unsequenced ??= []).push(one.event);
      else events.push(one.event);
    } else if (one.ignored) (ignored ??= []).push({...one.problem, index});
    else (dropped ??= []).push({...one.problem, index});
  }
  if (unsequenced !== undefined) for (const event of unsequenced) events.push(event);
  return {ok: true, batch: true, events, dropped: dropped ?? NO_PROBLEMS, ignored: ignored ?? NO_PROBLEMS};
}

type OneEvent = {readonly event: ServerEvent} | {readonly problem: DecodeProblem; readonly ignored: boolean};

function decodeMetadata(obj: JsonObject): {readonly custom: CustomMetadata} | undefined {
  const metadata = readObject(obj, 'metadata');
  const custom = metadata && readObject(metadata, 'custom');
  if (custom === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const key of Object.keys(custom)) {
    if (key === '__proto__') continue; // would replace the prototype of `out`
    const value = custom[key];
    // §4.1: values should be strings; numbers/booleans are stringified, anything else skipped.
    if (typeof value === 'string') out[key] = value;
    else if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) out[key] = String(value);
  }
  return {custom: out};
}

function decodeEvent(value: unknown): OneEvent {
  if (!isObject(value)) return {problem: {code: 'not-an-event', detail: 'event is not an object'}, ignored: false};
  const type = readOwn(value, 'type');
  if (typeof type !== 'string') return {problem: {code: 'not-an-event', detail: 'event without a string type'}, ignored: false};
  const canonical = KNOWN_TYPES.get(type);
  if (canonical === undefined || canonical === BATCH) {
    const code = IGNORED_TYPES.has(type) ? 'ignored-type' : 'unknown-type';
    return {problem: {code, detail: `${code === 'ignored-type' ? 'not sent yet' : 'unknown'}: ${clip(type)}`, eventType: clip(type)}, ignored: true};
  }
  const known = canonical;
  const heartbeat = known === 'EVENT_TYPE_HEARTBEAT';
  let id = readText(value, 'id');
  // Non-integer or negative sequences are treated as null (transient): never a cursor, never a
  // position in history. A heartbeat without id gets a synthetic id and is transient too.
  let sequence: number | null = asCount(readOwn(value, 'sequence')) ?? null;
  let synthetic = false;
  if (id === undefined) {
    // An id of the wrong type is a broken event; a missing or empty one is only odd (shown all the same).
    const given = readOwn(value, 'id');
    if (!heartbeat && given !== undefined && given !== null && given !== '') {
      return {problem: {code: 'bad-event', detail: 'event id is not a string', eventType: known}, ignored: false};
    }
    if (heartbeat) sequence = null;
    id = heartbeat ? SYNTHETIC_HEARTBEAT_ID : sequence === null ? anonymousId(value) : `${SEQUENCE_ID_PREFIX}${sequence}`;
    synthetic = true;
  }
  const body: ServerEventBody | string = decodePayload(known, payloadOf(value, known) ?? {}, id);
  if (typeof body === 'string') return {problem: {code: 'bad-event', detail: body, eventType: known}, ignored: false};
  // The body is a fresh object of decodePayload's: the envelope fields go onto it, in the order a
  // spread copy would give, without the copy (a history replay decodes thousands, as cold code).
  const event: {-readonly [K in keyof ServerEventEnvelope]: ServerEventEnvelope[K]} = body as ServerEvent;
  event.id = id;
  event.sequence = sequence;
  const timestamp = readText(value, 'timestamp');
  if (timestamp !== undefined) event.timestamp = timestamp;
  const metadata = decodeMetadata(value);
  if (metadata !== undefined) event.metadata = metadata;
  if (synthetic) event.synthetic = true;
  return {event: body as ServerEvent};
}
