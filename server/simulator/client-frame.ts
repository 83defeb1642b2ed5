// Classifies one inbound WebSocket frame (§4.1, §5, §8.2): a valid client event, or the
// SYSTEM_MESSAGE error it earns. Pure; never throws.
import {CLIENT_EVENT_TYPES, SERVER_ONLY_EVENT_TYPES, SYSTEM_ERRORS} from './event-types.js';
import type {ClientEventType} from './event-types.js';

export type Metadata = {custom: Record<string, unknown>};

export interface ClientEvent {
  readonly type: ClientEventType;
  readonly payload: Record<string, unknown>;
  readonly metadata?: Metadata;
}

export type ClassifiedFrame =
  | {readonly kind: 'event'; readonly event: ClientEvent; readonly record: object}
  | {readonly kind: 'error'; readonly message: string; readonly metadata?: Metadata; readonly record: object};

const TYPING_STATES = new Set(['TYPING_STATE_STARTED', 'TYPING_STATE_STOPPED']);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isClientType(type: string): type is ClientEventType {
  return (CLIENT_EVENT_TYPES as readonly string[]).includes(type);
}

/** `metadata.custom` is echoed only when it is an object (§4.2: "present only when … carried metadata.custom"). */
export function extractMetadata(parsed: unknown): Metadata | undefined {
  if (!isPlainObject(parsed) || !isPlainObject(parsed.metadata) || !isPlainObject(parsed.metadata.custom)) {
    return undefined;
  }
  return {custom: {...parsed.metadata.custom}};
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function payloadProblem(type: ClientEventType, payload: Record<string, unknown>): boolean {
  if (type === 'EVENT_TYPE_USER_MESSAGE') return typeof payload.text !== 'string';
  if (type === 'EVENT_TYPE_USER_TYPING') return typeof payload.state !== 'string' || !TYPING_STATES.has(payload.state);
  return false;
}

export function classifyClientFrame(data: Buffer, isBinary: boolean, maxMessageSizeBytes: number): ClassifiedFrame {
  // The protocol uses text frames only (§3.2).
  if (isBinary) {
    return {kind: 'error', message: SYSTEM_ERRORS.unknownEvent, record: {binary: true, bytes: data.byteLength}};
  }
  const text = data.toString('utf8');
  const parsed = parseJson(text);
  const record: object = isPlainObject(parsed) ? parsed : {raw: text.slice(0, 1000)};
  const metadata = extractMetadata(parsed);
  const withMeta = metadata ? {metadata} : {};
  if (data.byteLength > maxMessageSizeBytes) {
    return {kind: 'error', message: SYSTEM_ERRORS.tooLarge, record: {oversized: true, bytes: data.byteLength}, ...withMeta};
  }
  if (!isPlainObject(parsed) || typeof parsed.type !== 'string') {
    return {kind: 'error', message: SYSTEM_ERRORS.unknownEvent, record, ...withMeta};
  }
  const type = parsed.type;
  if (!isClientType(type)) {
    const message = SERVER_ONLY_EVENT_TYPES.has(type)
      ? `${SYSTEM_ERRORS.notAllowedPrefix}${type}`
      : SYSTEM_ERRORS.unknownEvent;
    return {kind: 'error', message, record, ...withMeta};
  }
  // A missing payload is tolerated as {} (the SDKs always send one); a non-object payload is not.
  const payload = parsed.payload === undefined ? {} : parsed.payload;
  if (!isPlainObject(payload) || payloadProblem(type, payload)) {
    return {kind: 'error', message: SYSTEM_ERRORS.unknownEvent, record, ...withMeta};
  }
  return {kind: 'event', event: {type, payload, ...withMeta}, record};
}
