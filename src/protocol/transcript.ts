// The transcript reducer: a pure, idempotent, order-independent fold of protocol events into what
// the chat shows (architecture.md "Transcript reducer"; protocol.md §3.4, §4, §6, §7, §11.3).
//
//   let state = createTranscript();
//   state = reduceTranscript(state, {type: 'server', events: decoded.events, now});
//   state.messages  // display order
//
// Rules (details in the helper files):
// - Dedup by event id (per session). Heartbeat echoes are never stored; a sequenced one moves
//   lastSequence. lastSequence = highest non-null sequence, never lowered (reset by new-session).
// - Display order = (session segment, sequence). Transient events (sequence null) and client notices
//   sit after what had arrived before them and never move history (transcript-order.ts). Unconfirmed
//   local messages sit at the end in send order; the echo gives them its position.
// - Streaming: transcript-reply.ts. Empty replies (no text, attachments, suggestions, call actions)
//   are not shown, neither are empty user/system messages.
// - Echoes: by metadata.custom.client_event_id, else by identical text (oldest pending first, of
//   those that went out: `local-transmitted`); each echo confirms one local message; an unmatched
//   echo is shown as a user message. Echoes of join, heartbeat and end are never shown.
// - "Latest wins" fields (agent, live agent, handoff phase, language, end reason) compare event
//   positions, not arrival, so shuffled and duplicated logs give the same state. Typing is the
//   exception: it is transient by nature and also expires with time.
// - Reducing returns the SAME object when the action changes nothing (duplicates, repeated ticks,
//   a second local-failed…), so reduce(reduce(s, a), a) === reduce(s, a).
//
// Performance: each state shares one mutable Store (indexes, sorted entries) with its successor;
// appending an event is O(log n) and `messages` is built once, on first read. Reducing an older
// state again (branching) replays the action log into a fresh Store: correct, just slower.
import type {PolyChatMessage} from './message.js';
import type {Capabilities} from './wire.js';
import {applyAction} from './transcript-apply.js';
import {localMessageId} from './local-id.js';
import {actionAt, logLength, record} from './transcript-log.js';
import {EMPTY_HANDOFF, addEntry, collectMessages, createStore} from './transcript-store.js';
import type {Entry, Store} from './transcript-store.js';
import type {TranscriptAgent, TranscriptAction, TranscriptHandoff, TranscriptState, TranscriptTyping} from './transcript-types.js';

const NO_MESSAGES: readonly PolyChatMessage[] = Object.freeze([]);

// `messages` is an own, enumerable getter (one shared descriptor: cheap to install), so spreads,
// JSON and deepEqual see it like a plain field while it is only built when read.
const MESSAGES_PROPERTY: PropertyDescriptor = {
  get(this: TranscriptSnapshot): readonly PolyChatMessage[] {
    return TranscriptSnapshot.messagesOf(this);
  },
  enumerable: true,
  configurable: false,
};

class TranscriptSnapshot implements TranscriptState {
  declare readonly messages: readonly PolyChatMessage[];
  readonly sessionId: string | null;
  readonly segment: number;
  readonly lastSequence: number;
  readonly capabilities: Capabilities | null;
  readonly started: boolean;
  readonly joined: boolean;
  readonly agent: TranscriptAgent | null;
  readonly liveAgent: TranscriptAgent | null;
  readonly handoff: TranscriptHandoff;
  readonly typing: TranscriptTyping | null;
  readonly language: string | null;
  readonly endReason: string | null;
  readonly endConversation: boolean;
  // The reducer's memory of this state, invisible to spreads, JSON and deepEqual. Kept in the
  // object itself, not in a second one: a live socket makes one state per frame.
  #store: Store;
  /** How many log actions made this state. */
  readonly #logLength: number;
  /** store.version when this state's entries were current. */
  #version: number;
  #messages: readonly PolyChatMessage[] | undefined;

  constructor(store: Store, messages: readonly PolyChatMessage[] | undefined) {
    Object.defineProperty(this, 'messages', MESSAGES_PROPERTY);
    this.sessionId = store.sessionId;
    this.segment = store.segment;
    this.lastSequence = store.lastSequence;
    this.capabilities = store.capabilities;
    this.started = store.started;
    this.joined = store.joined;
    this.agent = store.agent;
    this.liveAgent = store.liveAgent;
    this.handoff = store.handoff;
    this.typing = store.typing;
    this.language = store.language;
    this.endReason = store.endReason;
    this.endConversation = store.endConversation;
    this.#store = store;
    this.#logLength = logLength(store.log);
    this.#version = store.version;
    this.#messages = messages;
  }

  /** The snapshot holding the reducer's memory of `state` (for an adopted state: its stand-in). */
  static of(state: TranscriptState): TranscriptSnapshot | undefined {
    return #store in state ? (state as TranscriptSnapshot) : foreign.get(state);
  }

  /** Messages of this state, built on first read. */
  static messagesOf(snapshot: TranscriptSnapshot): readonly PolyChatMessage[] {
    if (snapshot.#messages !== undefined) return snapshot.#messages;
    const store = snapshot.#store.version === snapshot.#version ? snapshot.#store : TranscriptSnapshot.own(snapshot, snapshot);
    snapshot.#messages = collectMessages(store);
    return snapshot.#messages;
  }

  /** Messages already built for this state, if any (a successor with the same entries shares them). */
  static builtMessages(snapshot: TranscriptSnapshot): readonly PolyChatMessage[] | undefined {
    return snapshot.#messages;
  }

  /** A Store that reflects `state` (whose memory `snapshot` holds), replaying the log when a successor moved the store on. */
  static own(state: TranscriptState, snapshot: TranscriptSnapshot): Store {
    const old = snapshot.#store;
    if (old.head === state && old.version === snapshot.#version) return old;
    const store = createStore(old.base);
    seedEntries(store, old.base);
    for (let i = 0; i < snapshot.#logLength; i++) {
      const action = actionAt(old.log, i);
      applyAction(store, action);
      record(store.log, action);
    }
    store.head = state;
    snapshot.#store = store;
    snapshot.#version = store.version;
    return store;
  }
}

/** Stand-ins of states we did not make (adopted); almost always empty. */
const foreign = new WeakMap<TranscriptState, TranscriptSnapshot>();

/** Initial messages of a base state (only adopted foreign states have any). */
function seedEntries(store: Store, base: TranscriptState): void {
  const messages: unknown = base.messages;
  if (!Array.isArray(messages)) return;
  let pos = 0;
  const ids = new Set<string>();
  for (const msg of messages as PolyChatMessage[]) {
    if (typeof msg !== 'object' || msg === null || typeof msg.id !== 'string' || ids.has(msg.id)) continue;
    ids.add(msg.id);
    const order = ++store.counter;
    const sequenced = typeof msg.sequence === 'number';
    if (sequenced) pos = msg.sequence as number;
    const common = {id: msg.id, seg: store.segment, sub: sequenced ? 0 : order, msg, visible: true, dirty: false, msgIndex: -1, timestamp: msg.timestamp};
    if (msg.role === 'user' && typeof msg.clientEventId === 'string' && msg.id === localMessageId(msg.clientEventId)) {
      // A local message keeps working: its echo can still confirm it.
      const delivery = msg.delivery ?? 'sent';
      const entry: Entry = {...common, kind: 'local', pos: delivery === 'sent' ? pos : Infinity, text: String(msg.text), clientEventId: msg.clientEventId, delivery, echoed: delivery === 'sent', order, transmitted: true};
      if (delivery !== 'sent') store.pending.push(entry);
      else store.restored.push(entry);
      store.locals.set(msg.clientEventId, entry);
      addEntry(store, entry);
    } else {
      const entry: Entry = {...common, kind: 'fixed', pos};
      store.fixed.set(msg.id, entry);
      addEntry(store, entry);
    }
  }
}

/** An empty transcript. */
export function createTranscript(options?: {readonly sessionId?: string | null}): TranscriptState {
  const seed = {
    messages: NO_MESSAGES,
    sessionId: options?.sessionId ?? null,
    segment: 0,
    lastSequence: 0,
    capabilities: null,
    started: false,
    joined: false,
    agent: null,
    liveAgent: null,
    handoff: EMPTY_HANDOFF,
    typing: null,
    language: null,
    endReason: null,
    endConversation: false,
  };
  const store = createStore(seed);
  const state = new TranscriptSnapshot(store, NO_MESSAGES);
  // The empty state is its own replay base.
  store.base = state;
  store.head = state;
  return state;
}

/** What a transcript is restored from: one conversation's messages, kept by an earlier page (runtime/transcript-cache.ts). */
export interface TranscriptSeed {
  readonly sessionId: string;
  readonly segment: number;
  readonly messages: readonly PolyChatMessage[];
}

/**
 * A transcript showing `seed.messages` before any event of the conversation was applied. They stand
 * in until the server's replay brings the same messages: an event's message takes over the one with
 * its id in place (same id, same position), and a confirmed user message's echo is absorbed by it.
 */
export function restoreTranscript(seed: TranscriptSeed): TranscriptState {
  const base: TranscriptState = {...createTranscript(), sessionId: seed.sessionId, segment: seed.segment, messages: seed.messages};
  const store = createStore(base);
  seedEntries(store, base);
  const state = new TranscriptSnapshot(store, undefined);
  store.head = state;
  return state;
}

/** How many of the newest messages belong to the current conversation (the newest segment). */
export function currentConversationLength(state: TranscriptState): number {
  const shown = state.messages.length; // collects: every entry's msgIndex is current
  const snapshot = TranscriptSnapshot.of(state) ?? adopt(state);
  const store = TranscriptSnapshot.own(state, snapshot);
  const entries = store.entries;
  let count = 0;
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i] as Entry;
    if (entry.seg !== store.segment) break;
    if (entry.msgIndex >= 0) count++;
  }
  return Math.min(count, shown);
}

/** A state object we did not make (spread copy, deserialised): adopted best-effort, without dedup memory. */
function adopt(state: TranscriptState): TranscriptSnapshot {
  const store = createStore({...state, handoff: state.handoff ?? EMPTY_HANDOFF});
  store.base = state;
  seedEntries(store, state);
  store.head = state;
  const standIn = new TranscriptSnapshot(store, undefined);
  foreign.set(state, standIn);
  return standIn;
}

/** The reducer. Never throws; returns `state` itself when the action changes nothing. */
export function reduceTranscript(state: TranscriptState, action: TranscriptAction): TranscriptState {
  const snapshot = TranscriptSnapshot.of(state) ?? adopt(state);
  const store = TranscriptSnapshot.own(state, snapshot);
  const version = store.version;
  let changed: boolean;
  try {
    changed = applyAction(store, action);
  } catch {
    // Defensive: a half-applied action must not leak; the next use replays the log instead.
    store.head = null;
    return state;
  }
  if (!changed) return state;
  record(store.log, action);
  const next = new TranscriptSnapshot(store, store.version === version ? TranscriptSnapshot.builtMessages(snapshot) : undefined);
  store.head = next;
  return next;
}

// ---- selectors ----------------------------------------------------------------------------------

/** The typing indicator to show at `now` (the state keeps an expired one until the next action). */
export function selectTyping(state: TranscriptState, now: number): TranscriptTyping | null {
  return state.typing !== null && now < state.typing.expiresAt ? state.typing : null;
}
