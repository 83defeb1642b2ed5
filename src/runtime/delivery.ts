// Delivery of the user's messages, as a pure transition like the session machine's:
// deliver(outbox, event) → {outbox, effects}. The outbox is the one owner of "how is each message
// doing" (protocol §4.3, §11.3): it decides when a message goes out, when it goes out again and when
// it has failed; the transcript shows what it decides and tells it which echoes arrived.
//
// A message goes out as soon as a connection can take it. Its echo is awaited RESEND_AFTER_MS; on a
// connection that answered meanwhile it is sent again (the server matches client_event_id), up to
// MAX_SENDS sends in all; FAIL_AFTER_MS after its first send on a connection it is failed, and only
// the user's Retry sends it again. A connection that received nothing since the send may be dead:
// it is probed instead of spending a send, and a dead one is replaced, whose replay shows what
// arrived. A late echo still confirms a failed message (the transcript matches it).
import type {CustomMetadata} from '../protocol/wire.js';

/** How long an echo is awaited on a connection before the message is sent again. */
export const RESEND_AFTER_MS = 5_000;
/**
 * From the first send on a connection until the message is failed. PolyAI's SDKs give up after
 * ~10 s (Android's confirm window) or 3 retries (iOS); ours leaves room for 4 sends and stays
 * under 20 s.
 */
export const FAIL_AFTER_MS = 18_000;
/** Sends of one message before it is failed (first send + 3), over every connection. */
export const MAX_SENDS = 4;

export interface Outgoing {
  readonly clientEventId: string;
  readonly text: string;
  /** The page metadata it was sent with: every resend carries the same. */
  readonly metadata?: CustomMetadata;
  /** Times it was written to a socket since it was queued (or retried). */
  readonly sends: number;
  /** Connection it was last written to; null = not on the current connection yet. */
  readonly sentOn: number | null;
  /** When it first went out on that connection: FAIL_AFTER_MS counts from here. */
  readonly waitingSince: number | null;
  /** Frames that connection had received when it was last written: none since = maybe dead. */
  readonly framesAtSend: number;
  /** Gave up waiting for the echo; only the user's retry sends it again. */
  readonly failed: boolean;
  /**
   * Written to a socket at least once, here or by the earlier page that kept it (a retry does not
   * undo it): only then may an echo without client_event_id in a replay be its own.
   */
  readonly wentOut: boolean;
}

export interface Outbox {
  /** In send order. */
  readonly entries: readonly Outgoing[];
  /** The connection messages may go out on now (a socket epoch whose replay settled); null = none. */
  readonly connection: number | null;
}

/** When it happens (the runtime's clock) and how many frames the current socket has received. */
export interface DeliveryStamp {
  readonly at: number;
  readonly frames: number;
}

export type DeliveryEvent = DeliveryStamp &
  (
    | {readonly type: 'queued'; readonly clientEventId: string; readonly text: string; readonly metadata?: CustomMetadata}
    /** Kept by an earlier page for this conversation (unsent-store.ts). */
    | {readonly type: 'restored'; readonly clientEventId: string; readonly text: string; readonly metadata?: CustomMetadata; readonly failed: boolean; readonly wentOut: boolean}
    /** `connection` can take messages (its replay showed which echoes arrived). */
    | {readonly type: 'connected'; readonly connection: number}
    /** No connection can take messages now; nothing is on the wire of the next one yet. */
    | {readonly type: 'disconnected'}
    /** The transcript saw these messages' echoes. */
    | {readonly type: 'confirmed'; readonly clientEventIds: readonly string[]}
    /** The echo timer of a message fired. */
    | {readonly type: 'due'; readonly clientEventId: string}
    | {readonly type: 'retried'; readonly clientEventId: string}
    /**
     * The user replaced the conversation these messages were written for: none goes into the new
     * one by itself; each is failed, and the user's Retry decides.
     */
    | {readonly type: 'abandoned'}
  );

export type DeliveryEffect =
  /** Write the USER_MESSAGE on the current connection. */
  | {readonly type: 'send'; readonly clientEventId: string; readonly text: string; readonly metadata?: CustomMetadata}
  /** (Re)arm the message's echo timer; it fires as a 'due' event. */
  | {readonly type: 'wait'; readonly clientEventId: string; readonly delayMs: number}
  | {readonly type: 'stop-waiting'; readonly clientEventId: string}
  /** Show it failed, with Retry. */
  | {readonly type: 'failed'; readonly clientEventId: string}
  /** Nothing arrived since a send: check that the connection still lives. */
  | {readonly type: 'probe'; readonly connection: number};

export interface DeliveryTransition {
  readonly outbox: Outbox;
  readonly effects: readonly DeliveryEffect[];
}

export const EMPTY_OUTBOX: Outbox = Object.freeze({entries: Object.freeze([]) as readonly Outgoing[], connection: null});

const NONE: readonly DeliveryEffect[] = Object.freeze([]);

export function deliver(outbox: Outbox, event: DeliveryEvent): DeliveryTransition {
  const fx: DeliveryEffect[] = [];
  const next = step(outbox, event, fx);
  return {outbox: next, effects: fx.length === 0 ? NONE : fx};
}

export function findOutgoing(outbox: Outbox, clientEventId: string): Outgoing | undefined {
  return outbox.entries.find((entry) => entry.clientEventId === clientEventId);
}

function step(outbox: Outbox, event: DeliveryEvent, fx: DeliveryEffect[]): Outbox {
  switch (event.type) {
    case 'queued':
    case 'restored': {
      if (findOutgoing(outbox, event.clientEventId)) return outbox;
      const failed = event.type === 'restored' && event.failed;
      const entry: Outgoing = {
        clientEventId: event.clientEventId,
        text: event.text,
        ...(event.metadata ? {metadata: event.metadata} : {}),
        sends: 0,
        sentOn: null,
        waitingSince: null,
        framesAtSend: 0,
        failed,
        wentOut: event.type === 'restored' && event.wentOut,
      };
      const added = {...outbox, entries: [...outbox.entries, entry]};
      // A restored message waits for the replay of the conversation it belongs to (`connected`).
      return event.type === 'queued' && !failed ? sendIfConnected(added, entry, event, fx) : added;
    }
    case 'connected': {
      let next: Outbox = {...outbox, connection: event.connection};
      for (const entry of next.entries) if (!entry.failed && entry.sentOn !== event.connection) next = sendOrFail(next, entry, event, fx);
      return next;
    }
    case 'disconnected': {
      if (outbox.connection === null && outbox.entries.every((entry) => entry.sentOn === null)) return outbox;
      for (const entry of outbox.entries) if (entry.sentOn !== null) fx.push({type: 'stop-waiting', clientEventId: entry.clientEventId});
      const entries = outbox.entries.map((entry) => (entry.sentOn === null ? entry : {...entry, sentOn: null, waitingSince: null}));
      return {entries, connection: null};
    }
    case 'confirmed': {
      const ids = new Set(event.clientEventIds);
      const kept = outbox.entries.filter((entry) => !ids.has(entry.clientEventId));
      if (kept.length === outbox.entries.length) return outbox;
      for (const entry of outbox.entries) if (ids.has(entry.clientEventId)) fx.push({type: 'stop-waiting', clientEventId: entry.clientEventId});
      return {...outbox, entries: kept};
    }
    case 'due':
      return onDue(outbox, event, fx);
    case 'abandoned': {
      let next: Outbox = {...outbox, connection: null};
      for (const entry of outbox.entries) if (!entry.failed) next = fail(next, entry, fx);
      return next;
    }
    case 'retried': {
      const entry = findOutgoing(outbox, event.clientEventId);
      if (!entry || !entry.failed) return outbox;
      const fresh: Outgoing = {...entry, failed: false, sends: 0, sentOn: null, waitingSince: null};
      return sendIfConnected(replace(outbox, fresh), fresh, event, fx);
    }
  }
}

function onDue(outbox: Outbox, event: DeliveryStamp & {readonly clientEventId: string}, fx: DeliveryEffect[]): Outbox {
  const entry = findOutgoing(outbox, event.clientEventId);
  // Off the wire (connection gone): the next connection's replay decides, not this timer.
  if (!entry || entry.failed || entry.sentOn === null || entry.sentOn !== outbox.connection || entry.waitingSince === null) return outbox;
  const left = entry.waitingSince + FAIL_AFTER_MS - event.at;
  if (left <= 0) return fail(outbox, entry, fx);
  const wait = Math.min(RESEND_AFTER_MS, left);
  if (event.frames === entry.framesAtSend) {
    // Not even a heartbeat echo since it went out: the socket may be dead while the browser thinks
    // it open. Probe it and judge again later without spending a send.
    fx.push({type: 'probe', connection: entry.sentOn}, {type: 'wait', clientEventId: entry.clientEventId, delayMs: wait});
    return outbox;
  }
  if (entry.sends >= MAX_SENDS) {
    fx.push({type: 'wait', clientEventId: entry.clientEventId, delayMs: left});
    return outbox;
  }
  return write(outbox, entry, event, fx, wait);
}

function sendIfConnected(outbox: Outbox, entry: Outgoing, stamp: DeliveryStamp, fx: DeliveryEffect[]): Outbox {
  return outbox.connection === null ? outbox : sendOrFail(outbox, entry, stamp, fx);
}

/** Onto the current connection, unless its sends are spent: then it has failed. */
function sendOrFail(outbox: Outbox, entry: Outgoing, stamp: DeliveryStamp, fx: DeliveryEffect[]): Outbox {
  if (entry.sends >= MAX_SENDS) return fail(outbox, entry, fx);
  return write(outbox, entry, stamp, fx, RESEND_AFTER_MS);
}

function write(outbox: Outbox, entry: Outgoing, stamp: DeliveryStamp, fx: DeliveryEffect[], wait: number): Outbox {
  const connection = outbox.connection as number;
  const onThisConnection = entry.sentOn === connection;
  const send: DeliveryEffect = {type: 'send', clientEventId: entry.clientEventId, text: entry.text, ...(entry.metadata ? {metadata: entry.metadata} : {})};
  fx.push(send, {type: 'wait', clientEventId: entry.clientEventId, delayMs: wait});
  return replace(outbox, {
    ...entry,
    sends: entry.sends + 1,
    sentOn: connection,
    waitingSince: onThisConnection && entry.waitingSince !== null ? entry.waitingSince : stamp.at,
    framesAtSend: stamp.frames,
    wentOut: true,
  });
}

function fail(outbox: Outbox, entry: Outgoing, fx: DeliveryEffect[]): Outbox {
  fx.push({type: 'stop-waiting', clientEventId: entry.clientEventId}, {type: 'failed', clientEventId: entry.clientEventId});
  return replace(outbox, {...entry, failed: true, sentOn: null, waitingSince: null});
}

function replace(outbox: Outbox, entry: Outgoing): Outbox {
  return {...outbox, entries: outbox.entries.map((old) => (old.clientEventId === entry.clientEventId ? entry : old))};
}
